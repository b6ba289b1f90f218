import { randomBytes } from 'node:crypto';
import { crc32c as nativeCrc32c } from '@node-rs/crc32';
import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.js';

describe('crc32c (JavaScript, for the single executable)', () => {
  it('matches the CRC-32C check value', () => {
    expect(crc32c('123456789')).toBe(0xe3069283);
    expect(crc32c(new Uint8Array())).toBe(0);
  });

  it('matches @node-rs/crc32 on every length 0..64 and on chained calls', () => {
    for (let length = 0; length <= 64; length += 1) {
      const bytes = randomBytes(length);
      expect(crc32c(bytes)).toBe(nativeCrc32c(bytes) >>> 0);
      const head = randomBytes(4);
      expect(crc32c(bytes, crc32c(head))).toBe(nativeCrc32c(bytes, nativeCrc32c(head)) >>> 0);
    }
    const large = randomBytes(100_003);
    expect(crc32c(large, 12345)).toBe(nativeCrc32c(large, 12345) >>> 0);
  });
});
