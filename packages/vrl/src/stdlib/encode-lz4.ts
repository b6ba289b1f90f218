import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { lz4CompressBlock } from './lz4.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

/** `encode_lz4(value, prepend_size: true)`: the bytes as an LZ4 block (after their length, 4 bytes little-endian). */
export const encodeLz4 = defineFunction({
  name: 'encode_lz4',
  parameters: [required('value', kind.BYTES), optional('prepend_size', kind.BOOLEAN, true)],
  returns: TypeDef.bytes().fallible(),
  call: ([value, prependSize]) => {
    const bytes = textToBytes(value as string);
    const block = lz4CompressBlock(bytes);
    if (prependSize !== true) return bytesToText(block);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(bytes.length);
    return bytesToText(Buffer.concat([size, block]));
  },
});
