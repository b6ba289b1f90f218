import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { Tag, tagOf } from '../value/value.js';
import { bytesToText, isAscii, textToBytes } from './raw-bytes.js';

/** `chunks(value, chunk_size)`: the string cut into pieces of `chunk_size` bytes (the last may be shorter). */
export const chunks = defineFunction({
  name: 'chunks',
  parameters: [required('value', kind.BYTES), required('chunk_size', kind.INTEGER)],
  check: (call) => {
    const size = call.argument('chunk_size')?.constant;
    if (size !== undefined && tagOf(size) === Tag.Integer && Number(size) < 1) {
      throw call.invalidArgument('chunk_size', size, '"chunk_size" must be at least 1 byte');
    }
  },
  returns: (call) =>
    TypeDef.array(Collection.fromUnknown(Kind.bytes())).maybeFallible(
      call.required('chunk_size').constant === undefined,
    ),
  freshResult: true,
  call: ([value, chunkSize]) => {
    const size = Number(chunkSize);
    if (size < 1) return fail('"chunk_size" must be at least 1 byte');
    const text = value as string;
    const pieces: string[] = [];
    if (isAscii(text)) {
      for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
      return pieces;
    }
    // Pieces are cut by bytes: a character may be split (its bytes are kept as they are).
    const bytes = textToBytes(text);
    for (let start = 0; start < bytes.length; start += size)
      pieces.push(bytesToText(bytes.subarray(start, start + size)));
    return pieces;
  },
});
