import { createHash } from 'node:crypto';
import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { textToBytes } from './raw-bytes.js';

/** `sha1(value)`: the SHA-1 digest of the bytes, in hexadecimal. */
export const sha1 = defineFunction({
  name: 'sha1',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes(),
  call: ([value]) =>
    createHash('sha1')
      .update(textToBytes(value as string))
      .digest('hex'),
});
