import { createHash } from 'node:crypto';
import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { textToBytes } from './raw-bytes.js';

/** `md5(value)`: the MD5 digest of the bytes, in hexadecimal. */
export const md5 = defineFunction({
  name: 'md5',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes(),
  call: ([value]) =>
    createHash('md5')
      .update(textToBytes(value as string))
      .digest('hex'),
});
