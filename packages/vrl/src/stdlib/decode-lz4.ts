import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { LZ4_FRAME_MAGIC, lz4DecompressBlock, lz4DecompressFrames } from './lz4.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

/**
 * `decode_lz4(value, buf_size: 1000000, prepended_size: false)`: LZ4 data decompressed: a frame
 * (recognized by its magic number) or a block, whose size is prepended or at most `buf_size`.
 */
export const decodeLz4 = defineFunction({
  name: 'decode_lz4',
  parameters: [
    required('value', kind.BYTES),
    optional('buf_size', kind.INTEGER, 1_000_000),
    optional('prepended_size', kind.BOOLEAN, false),
  ],
  returns: TypeDef.bytes().fallible(),
  call: ([value, bufferSize, prependedSize]) => {
    const bytes = textToBytes(value as string);
    if (bytes.length >= 4 && bytes.readUInt32LE(0) === LZ4_FRAME_MAGIC) {
      const decoded = lz4DecompressFrames(bytes);
      if (typeof decoded === 'string')
        return fail(`unable to decode value with lz4 frame decoder: ${decoded}`);
      return bytesToText(decoded);
    }
    let decoded: Buffer | string;
    if (prependedSize === true) {
      if (bytes.length < 4) decoded = 'expected another byte, found none';
      else {
        const size = bytes.readUInt32LE(0);
        decoded = lz4DecompressBlock(bytes.subarray(4), size);
        if (typeof decoded !== 'string' && decoded.length !== size) {
          decoded = `the expected decompressed size differs, actual ${decoded.length}, expected ${size}`;
        }
      }
    } else {
      const size = Number(bufferSize);
      decoded = lz4DecompressBlock(bytes, size >= 0 && size <= 0xffffffff ? size : Number.MAX_SAFE_INTEGER);
    }
    if (typeof decoded === 'string') return fail(`unable to decode value with lz4 block decoder: ${decoded}`);
    return bytesToText(decoded);
  },
});
