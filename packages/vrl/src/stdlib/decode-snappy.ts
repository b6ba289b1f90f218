import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { bytesToText, textToBytes } from './raw-bytes.js';
import { snappyDecompress } from './snappy.js';

/** `decode_snappy(value)`: raw Snappy data decompressed. */
export const decodeSnappy = defineFunction({
  name: 'decode_snappy',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    const decoded = snappyDecompress(textToBytes(value as string));
    return decoded === undefined ? fail('unable to decode value with Snappy decoder') : bytesToText(decoded);
  },
});
