const encoder = new TextEncoder();

/** The length of a string in UTF-8 bytes (VRL's strings are bytes). */
export function utf8Length(text: string): number {
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) > 0x7f) return encoder.encode(text).length;
  }
  return text.length;
}
