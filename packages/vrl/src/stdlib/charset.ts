import iconv from 'iconv-lite';

/**
 * Character sets by their WHATWG Encoding Standard labels, as `encoding_rs` knows them: decoding
 * through `TextDecoder` (Node's ICU), encoding through `iconv-lite` (Node encodes only UTF-8).
 */

/** The canonical name of an encoding label (`latin1` → `windows-1252`), or undefined. */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

/** Decodes bytes in an encoding (by canonical name); malformed sequences become U+FFFD. */
export function decodeBytes(bytes: Uint8Array, name: string): string {
  return new TextDecoder(name, { ignoreBOM: true }).decode(bytes);
}

// `iconv-lite`'s names for the WHATWG encodings whose names it spells differently.
const ICONV_NAMES: Record<string, string> = {
  big5: 'big5hkscs',
  'euc-jp': 'eucjp',
  'euc-kr': 'cp949',
  ibm866: 'cp866',
  shift_jis: 'shiftjis',
  'x-mac-cyrillic': 'maccyrillic',
};

/**
 * Encodes text (UTF-8 for the UTF-16 encodings, as the standard says) in an encoding, or undefined
 * when the encoding cannot encode. Characters it lacks become `&#N;`, as in `encoding_rs`.
 */
export function encodeText(text: string, name: string): Buffer | undefined {
  if (name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be') return Buffer.from(text, 'utf8');
  if (name === 'x-user-defined') {
    const bytes: number[] = [];
    for (const character of text) {
      const code = character.codePointAt(0) as number;
      if (code < 0x80) bytes.push(code);
      else if (code >= 0xf780 && code <= 0xf7ff) bytes.push(code - 0xf700);
      else bytes.push(...Buffer.from(`&#${code};`, 'latin1'));
    }
    return Buffer.from(bytes);
  }
  const iconvName = ICONV_NAMES[name] ?? name;
  if (!iconv.encodingExists(iconvName)) return undefined;
  const encoded = iconv.encode(text, iconvName);
  // iconv-lite writes `?` for what it cannot encode: compare the `?` counts, then go character by character.
  if (count(encoded, 0x3f) === count(Buffer.from(text, 'latin1'), 0x3f)) return encoded;
  const parts: Buffer[] = [];
  for (const character of text) {
    const part = iconv.encode(character, iconvName);
    parts.push(
      character !== '?' && part.length === 1 && part[0] === 0x3f
        ? Buffer.from(`&#${character.codePointAt(0)};`, 'latin1')
        : part,
    );
  }
  return Buffer.concat(parts);
}

function count(bytes: Uint8Array, byte: number): number {
  let total = 0;
  for (const item of bytes) if (item === byte) total++;
  return total;
}
