import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { VrlRegex } from '../value/regex.js';
import { textToBytes } from './raw-bytes.js';

/** Byte offset of a UTF-16 offset in a string. */
function byteOffset(text: string, offset: number): number {
  return Buffer.byteLength(text.slice(0, offset), 'utf8');
}

/** `find(value, pattern, from: 0)`: the byte offset of the first match at or after `from`, or null. */
export const find = defineFunction({
  name: 'find',
  parameters: [
    required('value', kind.BYTES),
    required('pattern', kind.BYTES | kind.REGEX),
    optional('from', kind.INTEGER, 0),
  ],
  returns: TypeDef.null().orInteger(),
  call: ([value, pattern, from]) => {
    const text = value as string;
    // Rust reads a negative `from` as a huge usize: nothing is found.
    const offset = Number(from);
    if (offset < 0) return null;
    if (pattern instanceof VrlRegex) {
      const bytes = textToBytes(text);
      if (offset > bytes.length) return null;
      // The regex starts at the byte offset (on a character boundary, as Rust requires).
      const start = bytes.subarray(0, offset).toString('utf8').length;
      const match = pattern.captures(text, start);
      return match === undefined ? null : byteOffset(text, match.start);
    }
    const haystack = textToBytes(text);
    const needle = textToBytes(pattern as string);
    if (needle.length > haystack.length || offset > haystack.length - needle.length) return null;
    const found = haystack.indexOf(needle, offset);
    return found < 0 ? null : found;
  },
});
