import { gunzipSync, constants as zlibConstants } from 'node:zlib';

/**
 * How files are told apart across renames and restarts (Vector's `fingerprint`):
 * - `checksum`: a CRC over the first `lines` lines after `ignored_header_bytes` (Vector's default,
 *   the same CRC-64/ECMA-182 over the same bytes, so Vector's checkpoints carry over);
 * - `device_and_inode`: the file's device and inode numbers.
 */
export type FingerprintStrategy =
  | { strategy: 'checksum'; lines: number; ignoredHeaderBytes: number }
  | { strategy: 'device_and_inode' };

/** CRC-64/ECMA-182 (Vector's `crc::CRC_64_ECMA_182`), table-driven on two 32-bit halves. */
const CRC64_TABLE_HIGH = new Uint32Array(256);
const CRC64_TABLE_LOW = new Uint32Array(256);
{
  const POLY_HIGH = 0x42f0e1eb;
  const POLY_LOW = 0xa9ea3693;
  for (let byte = 0; byte < 256; byte += 1) {
    let high = byte << 24;
    let low = 0;
    for (let bit = 0; bit < 8; bit += 1) {
      const top = high & 0x80000000;
      high = ((high << 1) | (low >>> 31)) >>> 0;
      low = (low << 1) >>> 0;
      if (top !== 0) {
        high = (high ^ POLY_HIGH) >>> 0;
        low = (low ^ POLY_LOW) >>> 0;
      }
    }
    CRC64_TABLE_HIGH[byte] = high;
    CRC64_TABLE_LOW[byte] = low;
  }
}

/** CRC-64/ECMA-182 of `bytes` as 16 hex digits (check value of "123456789": 6c40df5f0b497347). */
export function crc64(bytes: Uint8Array): string {
  let high = 0;
  let low = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const slot = ((high >>> 24) ^ (bytes[index] as number)) & 0xff;
    high = (((high << 8) | (low >>> 24)) ^ (CRC64_TABLE_HIGH[slot] as number)) >>> 0;
    low = ((low << 8) ^ (CRC64_TABLE_LOW[slot] as number)) >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

export const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The start of a gzip stream, decompressed as far as `bytes` (a prefix of the file) allows, at most
 * `limit` bytes. A prefix is not an error: a sync flush decompresses what is complete.
 */
export function gunzipPrefix(bytes: Uint8Array, limit: number): Buffer {
  try {
    return gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: limit });
  } catch (error) {
    // Cut at `limit`: what was decompressed is what was asked for.
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      return gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, limit);
    throw error;
  }
}

/**
 * The checksum fingerprint of a file's first bytes (decompressed if gzip), as Vector computes it:
 * skip `ignoredHeaderBytes`, then the bytes up to and including the `lines`-th `\n`, within
 * `maxLineBytes` bytes (a first line longer than that is checksummed on its first `maxLineBytes`).
 * `undefined` while the file is too small to tell (fewer lines, not yet `maxLineBytes` long):
 * Vector ignores such a file until it grows, and so do we.
 *
 * `start` holds the file's first `ignoredHeaderBytes + maxLineBytes` bytes or all of it when it is
 * shorter (`complete`).
 */
export function checksumOf(
  start: Uint8Array,
  options: { lines: number; ignoredHeaderBytes: number; maxLineBytes: number },
): string | undefined {
  const region = start.subarray(
    options.ignoredHeaderBytes,
    options.ignoredHeaderBytes + options.maxLineBytes,
  );
  let found = 0;
  let from = 0;
  while (found < options.lines) {
    const newline = region.indexOf(10, from);
    if (newline === -1) break;
    found += 1;
    from = newline + 1;
  }
  if (found >= options.lines) return `checksum:${crc64(region.subarray(0, from))}`;
  if (region.length >= options.maxLineBytes) return `checksum:${crc64(region)}`;
  return undefined;
}

/** The fingerprint of a device and inode pair. */
export function deviceAndInodeOf(dev: number, ino: number): string {
  return `device_and_inode:${dev}:${ino}`;
}

/** A Vector checkpoint's fingerprint (`{"first_lines_checksum": n}`, `{"dev_inode": [d, i]}`) in our notation. */
export function fromVectorFingerprint(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const checksum = record.first_lines_checksum ?? record.first_line_checksum;
  if (typeof checksum === 'string' && /^\d+$/.test(checksum))
    return `checksum:${BigInt(checksum).toString(16).padStart(16, '0')}`;
  const pair = record.dev_inode;
  if (Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === 'string'))
    return deviceAndInodeOf(Number(pair[0]), Number(pair[1]));
  return undefined;
}
