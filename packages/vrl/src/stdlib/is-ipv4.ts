import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { parseIpv4 } from './ip-address.js';

/** `is_ipv4(value)`: whether the string is an IPv4 address (dotted quad, no leading zeros). */
export const isIpv4 = defineFunction({
  name: 'is_ipv4',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.boolean(),
  call: ([value]) => parseIpv4(value as string) !== undefined,
});
