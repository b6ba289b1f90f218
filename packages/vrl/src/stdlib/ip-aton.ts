import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { parseIpv4 } from './ip-address.js';

/** `ip_aton(value)`: an IPv4 address as an integer. */
export const ipAton = defineFunction({
  name: 'ip_aton',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.integer().fallible(),
  call: ([value]) => {
    const ip =
      parseIpv4(value as string) ?? fail('unable to parse IPv4 address: invalid IPv4 address syntax');
    return Buffer.from(ip).readUInt32BE(0);
  },
});
