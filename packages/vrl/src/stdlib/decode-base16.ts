import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { bytesToText } from './raw-bytes.js';

/** `decode_base16(value)`: the bytes a hexadecimal string (either case) encodes. */
export const decodeBase16 = defineFunction({
  name: 'decode_base16',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    const text = value as string;
    if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text))
      return fail('unable to decode value to base16');
    return bytesToText(Buffer.from(text, 'hex'));
  },
});
