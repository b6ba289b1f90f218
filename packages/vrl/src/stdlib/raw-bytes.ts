import { isUtf8 } from 'node:buffer';

/**
 * VRL's strings are byte strings; here they are JavaScript strings. Bytes that are not UTF-8 (a
 * gzip stream, `random_bytes`, a slice through a character) are kept as lone surrogates
 * U+DC80–U+DCFF, one per byte (Python's "surrogateescape"): UTF-8 text reads as itself and every
 * byte sequence survives `bytesToText` then `textToBytes` unchanged.
 */

const ESCAPE_BASE = 0xdc00;

/** The bytes a string stands for: UTF-8, with each escaped byte (U+DC80–U+DCFF) as itself. */
export function textToBytes(text: string): Buffer {
  if (!hasSurrogate(text)) return Buffer.from(text, 'utf8');
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      const point = ((code - 0xd800) << 10) + (text.charCodeAt(index + 1) - 0xdc00) + 0x10000;
      index++;
      bytes.push(
        0xf0 | (point >> 18),
        0x80 | ((point >> 12) & 0x3f),
        0x80 | ((point >> 6) & 0x3f),
        0x80 | (point & 0x3f),
      );
    } else if (code >= 0xdc80 && code <= 0xdcff) {
      bytes.push(code - ESCAPE_BASE);
    } else if (code >= 0xd800 && code <= 0xdfff) {
      bytes.push(0xef, 0xbf, 0xbd); // Any other lone surrogate: U+FFFD, as Buffer writes it.
    } else {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    }
  }
  return Buffer.from(bytes);
}

/** A byte sequence as a string: UTF-8 decoded, each byte of an invalid sequence escaped. */
export function bytesToText(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  let text = '';
  let index = 0;
  while (index < bytes.length) {
    const length = validSequenceLength(bytes, index);
    if (length === 0) {
      text += String.fromCharCode(ESCAPE_BASE + (bytes[index] as number));
      index++;
    } else {
      text += Buffer.from(bytes.buffer, bytes.byteOffset + index, length).toString('utf8');
      index += length;
    }
  }
  return text;
}

/** Whether the string holds escaped bytes (it is not valid UTF-8 text). */
export function hasEscapedBytes(text: string): boolean {
  if (!hasSurrogate(text)) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) index++;
    else if (code >= 0xdc80 && code <= 0xdcff) return true;
  }
  return false;
}

/** The string as Rust's `String::from_utf8_lossy` reads its bytes: each invalid sequence is U+FFFD. */
export function lossyText(text: string): string {
  if (!hasEscapedBytes(text)) return text;
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(textToBytes(text));
}

/** Whether the string is only ASCII (one byte per character, so byte and character offsets agree). */
export function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

function hasSurrogate(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdfff) return true;
  }
  return false;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The length of the well-formed UTF-8 sequence at `index` (RFC 3629), or 0. */
export function validSequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] as number;
  if (lead < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[index + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}
