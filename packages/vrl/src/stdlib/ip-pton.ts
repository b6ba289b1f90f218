import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { parseIp } from './ip-address.js';
import { bytesToText } from './raw-bytes.js';

/** `ip_pton(value)`: an IP address as its 4 or 16 raw bytes. */
export const ipPton = defineFunction({
  name: 'ip_pton',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) =>
    bytesToText(parseIp(value as string) ?? fail('unable to parse IP address: invalid IP address syntax')),
});
