import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { parseIpv6 } from './ip-address.js';

/** `is_ipv6(value)`: whether the string is an IPv6 address. */
export const isIpv6 = defineFunction({
  name: 'is_ipv6',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.boolean(),
  call: ([value]) => parseIpv6(value as string) !== undefined,
});
