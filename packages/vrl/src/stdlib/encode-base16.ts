import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { textToBytes } from './raw-bytes.js';

/** `encode_base16(value)`: the bytes in lowercase hexadecimal. */
export const encodeBase16 = defineFunction({
  name: 'encode_base16',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes(),
  call: ([value]) => textToBytes(value as string).toString('hex'),
});
