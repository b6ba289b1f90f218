import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { formatIp, parseIp } from './ip-address.js';

/** A prefix-length mask; a shift by the full width wraps to none, as Rust's release builds do (so `/0` masks nothing). */
function prefixMask(bits: number, width: number): Uint8Array {
  const zeroBits = (width - bits) % width;
  const mask = new Uint8Array(width / 8).fill(0xff);
  for (let bit = width - zeroBits; bit < width; bit++)
    mask[bit >> 3] = (mask[bit >> 3] as number) & ~(1 << (7 - (bit & 7)));
  return mask;
}

/** `ip_subnet(value, subnet)`: the address masked by a prefix length (`/24`) or a net mask (`255.255.255.0`). */
export const ipSubnet = defineFunction({
  name: 'ip_subnet',
  parameters: [required('value', kind.BYTES), required('subnet', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value, subnet]) => {
    const ip = parseIp(value as string) ?? fail('unable to parse IP address: invalid IP address syntax');
    const text = subnet as string;
    let mask: Uint8Array;
    if (text.startsWith('/')) {
      const digits = text.slice(1);
      if (!/^\+?[0-9]+$/.test(digits) || Number(digits) > 0xffffffff)
        return fail(`${text} is not a valid subnet`);
      const bits = Number(digits);
      const width = ip.length * 8;
      if (bits > width)
        return fail(`subnet cannot be greater than ${width} for ipv${width === 32 ? 4 : 6} addresses`);
      mask = prefixMask(bits, width);
    } else {
      mask = parseIp(text) ?? fail('unable to parse mask: invalid IP address syntax');
    }
    if (mask.length !== ip.length) {
      return fail(
        ip.length === 16
          ? 'attempting to mask an ipv6 address with an ipv4 mask'
          : 'attempting to mask an ipv4 address with an ipv6 mask',
      );
    }
    return formatIp(ip.map((byte, index) => byte & (mask[index] as number)));
  },
});
