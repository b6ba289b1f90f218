/// <reference path="./punycode.d.ts" />
import { domainToASCII } from 'node:url';
import punycode from 'punycode/punycode.js';
import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { isAscii } from './raw-bytes.js';

/**
 * `encode_punycode(value, validate: true)`: an internationalized domain name in ASCII (IDNA,
 * UTS #46, as the URL standard does it); without validation, each non-ASCII label is punycoded.
 */
export const encodePunycode = defineFunction({
  name: 'encode_punycode',
  parameters: [required('value', kind.BYTES), optional('validate', kind.BOOLEAN, true)],
  returns: TypeDef.bytes().fallible(),
  call: ([value, validate]) => {
    const text = value as string;
    if (validate === true) {
      if (text === '') return '';
      const encoded = domainToASCII(text);
      return encoded === '' ? fail('unable to encode to punycode') : encoded;
    }
    if (/^[a-z0-9.]*$/.test(text)) return text;
    return text
      .split('.')
      .map((label) => {
        const lower = label.toLowerCase();
        if (label.startsWith('xn--') || isAscii(label)) return lower;
        try {
          return `xn--${punycode.encode(lower)}`;
        } catch {
          return lower;
        }
      })
      .join('.');
  },
});
