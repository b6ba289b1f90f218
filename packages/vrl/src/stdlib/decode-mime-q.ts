import { defineFunction, kind, required } from '../function.js';
import { fail, RuntimeError } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { decodeBase64Strict } from './base64.js';
import { decodeBytes, encodingName } from './charset.js';
import { textToBytes } from './raw-bytes.js';
import { rustDebugString } from './rust.js';

/** An RFC 2047 encoded word: `charset?encoding?text`. */
interface EncodedWord {
  charset: string | undefined;
  encoding: string;
  text: string;
  /** Where the word's text ends in the input. */
  end: number;
}

/** VRL's `parse_internal_q`, from `from`: `[charset]?encoding?text` up to `?=` or the end. */
function parseWord(input: string, from: number): EncodedWord | undefined {
  const question = input.indexOf('?', from);
  const charset = question > from ? input.slice(from, question) : undefined;
  let position = charset === undefined ? from : question;
  if (input[position] !== '?') return undefined;
  position++;
  const encodingEnd = input.indexOf('?', position);
  if (encodingEnd < 0) return undefined;
  const encoding = input.slice(position, encodingEnd);
  position = encodingEnd + 1;
  const close = input.indexOf('?=', position);
  const end = close < 0 ? input.length : close;
  return { charset, encoding, text: input.slice(position, end), end };
}

/** Quoted-printable as the `quoted_printable` crate's robust mode reads it: `=XX` and soft line breaks; the rest as is. */
function decodeQuotedPrintable(text: string): Buffer {
  const bytes = textToBytes(text);
  const output: number[] = [];
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if (byte === 0x3d) {
      const hex = String.fromCharCode(bytes[index + 1] ?? 0, bytes[index + 2] ?? 0);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        output.push(Number.parseInt(hex, 16));
        index += 2;
        continue;
      }
      if (bytes[index + 1] === 0x0a) {
        index += 1;
        continue;
      }
      if (bytes[index + 1] === 0x0d && bytes[index + 2] === 0x0a) {
        index += 2;
        continue;
      }
    }
    output.push(byte);
  }
  return Buffer.from(output);
}

function decodeWord(word: EncodedWord): string {
  let bytes: Buffer;
  if (word.encoding === 'B' || word.encoding === 'b') {
    const decoded = decodeBase64Strict(word.text, false, true);
    if (decoded === undefined) return fail('Unable to decode base64 value');
    bytes = decoded;
  } else if (word.encoding === 'Q' || word.encoding === 'q') {
    const spaced = word.text.replaceAll('_', ' ');
    const trimmed = spaced.replace(
      /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/,
      '',
    );
    bytes = Buffer.concat([decodeQuotedPrintable(trimmed), textToBytes(spaced.slice(trimmed.length))]);
  } else {
    return fail(`Invalid encoding: ${rustDebugString(word.encoding)}`);
  }
  const charset = word.charset ?? 'utf-8';
  const name = encodingName(charset);
  if (name === undefined) return fail(`Unable to decode ${rustDebugString(charset)} value`);
  return decodeBytes(bytes, name);
}

/** `decode_mime_q(value)`: the RFC 2047 encoded words (`=?utf-8?q?…?=`) of a header decoded, the text around them kept. */
export const decodeMimeQ = defineFunction({
  name: 'decode_mime_q',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    const input = value as string;
    let position = 0;
    let decoded = '';
    let words = 0;
    let error: RuntimeError | undefined;
    for (;;) {
      const start = input.indexOf('=?', position);
      if (start < 0) break;
      const word = parseWord(input, start + 2);
      if (word === undefined || !input.startsWith('?=', word.end)) break;
      if (error === undefined) {
        try {
          decoded += input.slice(position, start) + decodeWord(word);
        } catch (caught) {
          if (!(caught instanceof RuntimeError)) throw caught;
          error = caught;
        }
      }
      position = word.end + 2;
      words++;
    }
    if (words > 0) {
      if (error !== undefined) throw error;
      return decoded + input.slice(position);
    }
    // No delimited word: the whole input may be one word without its `=?` and `?=`.
    const word = parseWord(input, 0);
    if (word !== undefined) {
      try {
        return decodeWord(word) + input.slice(word.end);
      } catch (caught) {
        if (!(caught instanceof RuntimeError)) throw caught;
      }
    }
    return input;
  },
});
