import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { encodeText, encodingName } from './charset.js';
import { bytesToText, lossyText } from './raw-bytes.js';

/** `encode_charset(value, to_charset)`: UTF-8 text as bytes in a character set (a WHATWG label). */
export const encodeCharset = defineFunction({
  name: 'encode_charset',
  parameters: [required('value', kind.BYTES), required('to_charset', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value, toCharset]) => {
    const name = encodingName(toCharset as string);
    if (name === undefined) return fail(`Unknown charset: ${toCharset as string}`);
    const encoded = encodeText(lossyText(value as string), name);
    if (encoded === undefined) return fail(`unable to encode to ${name}: not supported`);
    return bytesToText(encoded);
  },
});
