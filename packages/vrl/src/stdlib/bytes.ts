import { hasEscapedBytes, textToBytes } from './raw-bytes.js';

const encoder = new TextEncoder();

/** The length of a string in UTF-8 bytes (VRL's strings are bytes; see `raw-bytes.ts`). */
export function utf8Length(text: string): number {
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) > 0x7f) {
      return hasEscapedBytes(text) ? textToBytes(text).length : encoder.encode(text).length;
    }
  }
  return text.length;
}
