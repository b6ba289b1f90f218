import { defineFunction, kind, required } from '../function.js';
import { fail, RuntimeError } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { zstdDecompress } from './compression.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

/** `decode_zstd(value)`: Zstandard data decompressed (Node.js 22.15 or later). */
export const decodeZstd = defineFunction({
  name: 'decode_zstd',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    try {
      return bytesToText(zstdDecompress(textToBytes(value as string)));
    } catch (error) {
      if (error instanceof RuntimeError) throw error;
      return fail('unable to decode value with Zstd decoder');
    }
  },
});
