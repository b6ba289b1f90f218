import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { formatIp, ipv4ToIpv6Mapped, parseIp } from './ip-address.js';

/** `ip_to_ipv6(value)`: an IPv4 address as its IPv4-mapped IPv6 address; IPv6 addresses as they are. */
export const ipToIpv6 = defineFunction({
  name: 'ip_to_ipv6',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    const ip = parseIp(value as string) ?? fail('unable to parse IP address: invalid IP address syntax');
    return formatIp(ip.length === 4 ? ipv4ToIpv6Mapped(ip) : ip);
  },
});
