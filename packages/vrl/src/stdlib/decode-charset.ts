import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { decodeBytes, encodingName } from './charset.js';
import { textToBytes } from './raw-bytes.js';

/** `decode_charset(value, from_charset)`: bytes in a character set (a WHATWG label) as UTF-8 text. */
export const decodeCharset = defineFunction({
  name: 'decode_charset',
  parameters: [required('value', kind.BYTES), required('from_charset', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value, fromCharset]) => {
    const name = encodingName(fromCharset as string);
    if (name === undefined) return fail(`Unknown charset: ${fromCharset as string}`);
    let bytes: Uint8Array = textToBytes(value as string);
    // A byte order mark picks the encoding, as `encoding_rs`'s `decode` does.
    let encoding = name;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      encoding = 'utf-8';
      bytes = bytes.subarray(3);
    } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      encoding = 'utf-16le';
      bytes = bytes.subarray(2);
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      encoding = 'utf-16be';
      bytes = bytes.subarray(2);
    }
    return decodeBytes(bytes, encoding);
  },
});
