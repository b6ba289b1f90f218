import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checksumOf, crc64, fromVectorFingerprint, gunzipPrefix } from './fingerprint.js';

describe('fingerprints', () => {
  it("computes Vector's CRC-64/ECMA-182 (its check value)", () => {
    expect(crc64(Buffer.from('123456789'))).toBe('6c40df5f0b497347');
    expect(crc64(Buffer.alloc(0))).toBe('0000000000000000');
  });

  it('checksums the first lines after the ignored header, as Vector does', () => {
    const options = { lines: 1, ignoredHeaderBytes: 0, maxLineBytes: 100 };
    expect(checksumOf(Buffer.from('first\nsecond\n'), options)).toBe(
      `checksum:${crc64(Buffer.from('first\n'))}`,
    );
    expect(checksumOf(Buffer.from('first\nsecond\n'), { ...options, lines: 2 })).toBe(
      `checksum:${crc64(Buffer.from('first\nsecond\n'))}`,
    );
    expect(checksumOf(Buffer.from('HDRfirst\n'), { ...options, ignoredHeaderBytes: 3 })).toBe(
      `checksum:${crc64(Buffer.from('first\n'))}`,
    );
  });

  it('is undefined while the file is too small, and covers max_line_bytes of a longer first line', () => {
    const options = { lines: 1, ignoredHeaderBytes: 0, maxLineBytes: 8 };
    expect(checksumOf(Buffer.from('no newline'.slice(0, 5)), options)).toBeUndefined();
    expect(checksumOf(Buffer.from('first\n'), { ...options, lines: 2 })).toBeUndefined();
    expect(checksumOf(Buffer.from('a very long first line\n'), options)).toBe(
      `checksum:${crc64(Buffer.from('a very l'))}`,
    );
  });

  it('reads the start of a gzip file, even cut short', () => {
    const compressed = gzipSync(Buffer.from('first\nsecond\n'.repeat(1000)));
    expect(gunzipPrefix(compressed.subarray(0, 40), 100).toString().startsWith('first\nsec')).toBe(true);
    expect(gunzipPrefix(compressed, 13).toString()).toBe('first\nsecond\n');
  });

  it("reads Vector's checkpoint fingerprints exactly (u64 checksums as decimal strings)", () => {
    expect(fromVectorFingerprint({ first_lines_checksum: '18446744073709551615' })).toBe(
      'checksum:ffffffffffffffff',
    );
    expect(fromVectorFingerprint({ dev_inode: ['2049', '1234'] })).toBe('device_and_inode:2049:1234');
    expect(fromVectorFingerprint({ unknown: 1 })).toBeUndefined();
  });
});
