import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { VrlRegex } from '../value/regex.js';

/** Rust's `str::replacen` (every match when `limit` is undefined): an empty pattern matches between characters. */
export function replaceString(text: string, pattern: string, replacement: string, limit?: number): string {
  let output = '';
  let count = 0;
  if (pattern === '') {
    for (const character of text) {
      if (limit === undefined || count < limit) {
        output += replacement;
        count++;
      }
      output += character;
    }
    return limit === undefined || count < limit ? output + replacement : output;
  }
  let from = 0;
  for (;;) {
    if (limit !== undefined && count >= limit) break;
    const found = text.indexOf(pattern, from);
    if (found < 0) break;
    output += text.slice(from, found) + replacement;
    from = found + pattern.length;
    count++;
  }
  return output + text.slice(from);
}

/** `replace(value, pattern, with, count: -1)`: a string or regex pattern; regex replacements expand `$1`, `$name`. */
export const replace = defineFunction({
  name: 'replace',
  parameters: [
    required('value', kind.BYTES),
    required('pattern', kind.BYTES | kind.REGEX),
    required('with', kind.BYTES),
    optional('count', kind.INTEGER, -1),
  ],
  returns: TypeDef.bytes(),
  call: ([value, pattern, replacement, count]) => {
    const text = value as string;
    const limit = Number(count);
    if (limit === 0) return text;
    if (pattern instanceof VrlRegex)
      return pattern.replace(text, replacement as string, limit > 0 ? limit : undefined);
    return replaceString(text, pattern as string, replacement as string, limit > 0 ? limit : undefined);
  },
});
