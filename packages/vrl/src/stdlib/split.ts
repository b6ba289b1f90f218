import { defineFunction, kind, optional, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { VrlRegex } from '../value/regex.js';

/** Rust's `splitn`: at most `limit` pieces, the last holding the rest; an empty pattern splits between characters. */
function splitString(text: string, pattern: string, limit: number): string[] {
  if (limit === 0) return [];
  const pieces: string[] = [];
  if (pattern === '') {
    const characters = ['', ...text, ''];
    // Rust's "" pattern yields an empty piece first and last.
    while (characters.length > 0 && pieces.length < limit - 1) pieces.push(characters.shift() as string);
    if (characters.length > 0) pieces.push(characters.join(''));
    return pieces;
  }
  let from = 0;
  while (pieces.length < limit - 1) {
    const found = text.indexOf(pattern, from);
    if (found < 0) break;
    pieces.push(text.slice(from, found));
    from = found + pattern.length;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** Rust's `Regex::splitn`. */
function splitRegex(text: string, regex: VrlRegex, limit: number): string[] {
  if (limit === 0) return [];
  const pieces: string[] = [];
  let last = 0;
  for (const match of regex.matches(text)) {
    if (pieces.length >= limit - 1) break;
    pieces.push(text.slice(last, match.start));
    last = match.end;
  }
  pieces.push(text.slice(last));
  return pieces;
}

/** `split(value, pattern, limit)`: the pieces of a string around a string or regex pattern. */
export const split = defineFunction({
  name: 'split',
  parameters: [
    required('value', kind.BYTES),
    required('pattern', kind.BYTES | kind.REGEX),
    optional('limit', kind.INTEGER, 999_999_999),
  ],
  returns: TypeDef.array(Collection.fromUnknown(Kind.bytes())),
  freshResult: true,
  call: ([value, pattern, limit]) => {
    const count = Math.max(Number(limit), 0);
    return pattern instanceof VrlRegex
      ? splitRegex(value as string, pattern, count)
      : splitString(value as string, pattern as string, count);
  },
});
