import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { textToBytes } from './raw-bytes.js';

/** `encode_base64(value, padding: true, charset: "standard")`: the bytes in base64 (`url_safe`: `-` and `_`). */
export const encodeBase64 = defineFunction({
  name: 'encode_base64',
  parameters: [
    required('value', kind.BYTES),
    optional('padding', kind.BOOLEAN, true),
    optional('charset', kind.BYTES, 'standard'),
  ],
  returns: TypeDef.bytes(),
  call: ([value, padding, charset]) => {
    if (charset !== 'standard' && charset !== 'url_safe') return fail('unknown charset');
    const bytes = textToBytes(value as string);
    if (charset === 'standard') {
      const encoded = bytes.toString('base64');
      return padding === true ? encoded : encoded.replace(/=+$/, '');
    }
    const encoded = bytes.toString('base64url');
    return padding === true ? encoded.padEnd(Math.ceil(encoded.length / 4) * 4, '=') : encoded;
  },
});
