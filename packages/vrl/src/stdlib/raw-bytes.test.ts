import { describe, expect, it } from 'vitest';
import { bytesToText, hasEscapedBytes, lossyText, textToBytes } from './raw-bytes.js';

describe('bytes in strings', () => {
  it('reads UTF-8 as itself and writes it back', () => {
    const text = 'ñandú 😀 \u0000';
    expect(bytesToText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(textToBytes(text)).toEqual(Buffer.from(text, 'utf8'));
    expect(hasEscapedBytes(text)).toBe(false);
  });

  it('keeps every byte sequence through a round trip', () => {
    const bytes = Buffer.from([
      0x1f, 0x8b, 0x08, 0xff, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80, 0x80,
    ]);
    const text = bytesToText(bytes);
    expect(hasEscapedBytes(text)).toBe(true);
    expect(textToBytes(text)).toEqual(bytes);
    // The valid 4-byte sequence in the middle reads as its character.
    expect(text).toContain('😀');
  });

  it('reads escaped bytes as U+FFFD where VRL reads bytes as UTF-8 lossily', () => {
    expect(lossyText(bytesToText(Buffer.from([0x61, 0xff, 0x62])))).toBe('a\ufffdb');
    expect(lossyText('plain')).toBe('plain');
  });

  it('writes a lone surrogate that is not an escape as U+FFFD', () => {
    expect(textToBytes('\ud800')).toEqual(Buffer.from([0xef, 0xbf, 0xbd]));
  });
});
