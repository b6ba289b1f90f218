import { gunzipSync } from 'node:zlib';
import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

/** `decode_gzip(value)`: gzip data (one or more members) decompressed. */
export const decodeGzip = defineFunction({
  name: 'decode_gzip',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    try {
      return bytesToText(gunzipSync(textToBytes(value as string)));
    } catch {
      return fail('unable to decode value with Gzip decoder');
    }
  },
});
