import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import type { Value } from '../value/value.js';
import { bytesToText, isAscii, textToBytes } from './raw-bytes.js';

/** VRL's range check: `start` and `end` may count from the end; `end` past the length is the length. */
function range(start: number, end: number | undefined, length: number): [number, number] {
  const from = start < 0 ? start + length : start;
  const to = end === undefined ? length : end < 0 ? end + length : end;
  if (from < 0 || from > length) return fail(`"start" must be between "${-length}" and "${length}"`);
  if (to < from) return fail('"end" must be greater or equal to "start"');
  return [from, Math.min(to, length)];
}

/** `slice(value, start, end)`: the bytes of a string, or the elements of an array, from `start` to `end`. */
export const slice = defineFunction({
  name: 'slice',
  parameters: [
    required('value', kind.BYTES | kind.ARRAY),
    required('start', kind.INTEGER),
    optional('end', kind.INTEGER),
  ],
  returns: (call) => {
    const failing = TypeDef.never().fallible();
    const value = call.required('value').typeDef;
    if (value.isBytes() || value.isArray()) return failing.union(value);
    return failing.orBytes().orArray(Collection.any());
  },
  call: ([value, start, end]) => {
    const first = Number(start);
    const last = end === undefined ? undefined : Number(end);
    if (Array.isArray(value)) {
      const [from, to] = range(first, last, value.length);
      return value.slice(from, to) as Value;
    }
    const text = value as string;
    // Offsets count bytes: a slice may cut a character (its bytes are kept as they are).
    if (isAscii(text)) {
      const [from, to] = range(first, last, text.length);
      return text.slice(from, to);
    }
    const bytes = textToBytes(text);
    const [from, to] = range(first, last, bytes.length);
    return bytesToText(bytes.subarray(from, to));
  },
});
