import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { formatIp } from './ip-address.js';
import { textToBytes } from './raw-bytes.js';

/** `ip_ntop(value)`: 4 or 16 raw bytes as an IP address. */
export const ipNtop = defineFunction({
  name: 'ip_ntop',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    const bytes = textToBytes(value as string);
    if (bytes.length !== 4 && bytes.length !== 16) return fail('"value" must be of length 4 or 16 bytes');
    return formatIp(bytes);
  },
});
