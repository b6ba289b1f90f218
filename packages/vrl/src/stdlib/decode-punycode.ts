/// <reference path="./punycode.d.ts" />
import { domainToUnicode } from 'node:url';
import punycode from 'punycode/punycode.js';
import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';

/** `decode_punycode(value, validate: true)`: an ASCII domain name (`xn--` labels) in Unicode. */
export const decodePunycode = defineFunction({
  name: 'decode_punycode',
  parameters: [required('value', kind.BYTES), optional('validate', kind.BOOLEAN, true)],
  returns: TypeDef.bytes().fallible(),
  call: ([value, validate]) => {
    const text = value as string;
    if (!text.includes('xn--')) return text;
    if (validate === true) {
      const decoded = domainToUnicode(text);
      return decoded === '' ? fail('unable to decode punycode') : decoded;
    }
    return text
      .split('.')
      .map((label) => {
        if (!label.startsWith('xn--')) return label;
        try {
          return punycode.decode(label.slice(4));
        } catch {
          return label;
        }
      })
      .join('.');
  },
});
