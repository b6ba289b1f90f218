import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { decodeBase64Strict } from './base64.js';
import { bytesToText } from './raw-bytes.js';

/** `decode_base64(value, charset: "standard")`: the bytes a base64 string (padded or not) encodes. */
export const decodeBase64 = defineFunction({
  name: 'decode_base64',
  parameters: [required('value', kind.BYTES), optional('charset', kind.BYTES, 'standard')],
  returns: TypeDef.bytes().fallible(),
  call: ([value, charset]) => {
    if (charset !== 'standard' && charset !== 'url_safe') return fail('unknown charset');
    // Any trailing `=` are dropped, then the rest must be exact.
    const decoded = decodeBase64Strict((value as string).replace(/=+$/, ''), charset === 'url_safe', false);
    return decoded === undefined ? fail('unable to decode value from base64') : bytesToText(decoded);
  },
});
