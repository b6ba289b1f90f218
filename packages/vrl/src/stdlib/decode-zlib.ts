import { inflateSync } from 'node:zlib';
import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

/** `decode_zlib(value)`: zlib data decompressed. */
export const decodeZlib = defineFunction({
  name: 'decode_zlib',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    try {
      return bytesToText(inflateSync(textToBytes(value as string)));
    } catch {
      return fail('unable to decode value with Zlib decoder');
    }
  },
});
