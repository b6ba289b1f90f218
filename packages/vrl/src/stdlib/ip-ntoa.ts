import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';

/** `ip_ntoa(value)`: an integer (0 to 2^32 - 1) as an IPv4 address. */
export const ipNtoa = defineFunction({
  name: 'ip_ntoa',
  parameters: [required('value', kind.INTEGER)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    const number = Number(value);
    if (number < 0 || number > 0xffffffff)
      return fail('cannot convert to bytes: integer does not fit in u32');
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(number);
    return bytes.join('.');
  },
});
