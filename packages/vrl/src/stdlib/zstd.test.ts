import { describe, expect, it } from 'vitest';
import { evaluate, runtimeError } from '../test-helpers/evaluate.js';
import { zstdCompress, zstdDecompress } from './compression.js';

describe('zstd', () => {
  const text = 'hello hello hello hello hello zstd world, '.repeat(30);

  it('decodes compressed frames on every Node line (fzstd where node:zlib has no zstd)', () => {
    // Written by zstd 1.5 at level 3.
    const frame = Buffer.from('KLUv/WDsA/0AAIhoZWxsbyB6c3RkIHdvcmxkLAQAoTT1AWDgqMUHLEU=', 'base64');
    expect(zstdDecompress(frame).toString()).toBe(text);
  });

  it('round-trips, with a frame header as the zstd crate writes it', () => {
    const compressed = zstdCompress(Buffer.from(text), 3);
    expect(compressed.subarray(0, 6)).toEqual(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]));
    expect(zstdDecompress(compressed).toString()).toBe(text);
    expect(zstdDecompress(zstdCompress(Buffer.alloc(0), 3))).toEqual(Buffer.alloc(0));
    const large = Buffer.alloc(300_000, 7);
    expect(zstdDecompress(zstdCompress(large, 19)).equals(large)).toBe(true);
  });

  it('refuses what is not zstd', () => {
    expect(evaluate('t = string!(.t)\ndecode_zstd!(encode_zstd(t))', { t: text })).toBe(text);
    expect(runtimeError('decode_zstd!("not zstd")')).toContain('unable to decode value with Zstd decoder');
  });
});
