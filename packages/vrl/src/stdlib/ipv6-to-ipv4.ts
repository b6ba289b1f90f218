import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { embeddedIpv4, formatIp, parseIp } from './ip-address.js';

/** `ipv6_to_ipv4(value)`: the IPv4 address of an IPv4-mapped or -compatible IPv6 address. */
export const ipv6ToIpv4 = defineFunction({
  name: 'ipv6_to_ipv4',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    const ip = parseIp(value as string) ?? fail('unable to parse IP address: invalid IP address syntax');
    if (ip.length === 4) return formatIp(ip);
    const ipv4 = embeddedIpv4(ip);
    return ipv4 === undefined
      ? fail(`IPV6 address ${formatIp(ip)} is not compatible with IPV4`)
      : formatIp(ipv4);
  },
});
