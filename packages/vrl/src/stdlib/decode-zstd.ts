import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { zstdDecompress } from './compression.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

/** `decode_zstd(value)`: Zstandard data decompressed. */
export const decodeZstd = defineFunction({
  name: 'decode_zstd',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    try {
      return bytesToText(zstdDecompress(textToBytes(value as string)));
    } catch {
      return fail('unable to decode value with Zstd decoder');
    }
  },
});
