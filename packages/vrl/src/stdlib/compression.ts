import * as zlib from 'node:zlib';
import { decompress } from 'fzstd';
import type { CompileCall } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { Tag, tagOf, type Value } from '../value/value.js';

/** gzip, zlib and zstd through `node:zlib`, as VRL's compression functions use them. */

const MAX_DEFLATE_LEVEL = 10;

/** VRL's deflate levels are 0–10 (`flate2`); zlib stops at 9, which is what 10 gives there too. */
export function deflateLevel(level: Value | undefined): number {
  const number = Number(level);
  // Rust reads the level `as u32`: a negative level wraps to a large one.
  if (number < 0 || number > MAX_DEFLATE_LEVEL)
    return fail(`compression level must be <= ${MAX_DEFLATE_LEVEL}`);
  return Math.min(number, 9);
}

/** Fallible unless the level is absent or a literal within 0–10. */
export function deflateTypeDef(call: CompileCall): TypeDef {
  const argument = call.argument('compression_level');
  if (argument === undefined) return TypeDef.bytes();
  const level = argument.constant;
  const valid = level !== undefined && tagOf(level) === Tag.Integer && Number(level) <= MAX_DEFLATE_LEVEL;
  return TypeDef.bytes().maybeFallible(!valid);
}

export function gzip(bytes: Buffer, level: number): Buffer {
  const output = zlib.gzipSync(bytes, { level });
  // flate2 writes "unknown" (255) as the operating system; zlib writes Unix (3).
  output[9] = 0xff;
  return output;
}

type ZstdZlib = typeof zlib & {
  zstdCompressSync?: (buffer: Uint8Array, options?: { params?: Record<number, number> }) => Buffer;
  zstdDecompressSync?: (buffer: Uint8Array) => Buffer;
};

const zstd = zlib as ZstdZlib;

// zstd's window log for each level when the input size is unknown (`clevels.h`, the "default" row).
const DEFAULT_WINDOW_LOGS = [
  19, 19, 20, 21, 21, 21, 21, 21, 21, 22, 22, 22, 22, 22, 22, 22, 22, 23, 23, 23, 25, 26, 27,
];
const MAX_BLOCK_SIZE = 128 * 1024;

function windowDescriptor(level: number): number {
  const row = level === 0 ? 3 : Math.max(0, Math.min(level, 22));
  return ((DEFAULT_WINDOW_LOGS[row] as number) - 10) << 3;
}

/**
 * Compresses as the `zstd` crate's `encode_all` does: a stream of unknown size, so the frame
 * holds no content size and the level's full window. Node's one-shot call knows the size: it is
 * told to leave the size out, and the window descriptor is written as the stream would have it.
 * Before Node 22.15 (no zstd in `node:zlib`) the frame holds the data uncompressed, in raw
 * blocks: valid zstd that any decoder reads, and what zstd itself writes for data it cannot shrink.
 */
export function zstdCompress(bytes: Buffer, level: number): Buffer {
  if (zstd.zstdCompressSync === undefined) return rawZstdFrame(bytes, level);
  const constants = zstd.constants as Record<string, number>;
  const output = zstd.zstdCompressSync(bytes, {
    params: {
      [constants.ZSTD_c_compressionLevel as number]: level,
      [constants.ZSTD_c_contentSizeFlag as number]: 0,
    },
  });
  if (((output[4] as number) & 0x20) === 0) output[5] = windowDescriptor(level);
  return output;
}

function rawZstdFrame(bytes: Buffer, level: number): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, windowDescriptor(level)])];
  let offset = 0;
  do {
    const size = Math.min(MAX_BLOCK_SIZE, bytes.length - offset);
    const last = offset + size >= bytes.length ? 1 : 0;
    const header = (size << 3) | last;
    parts.push(
      Buffer.from([header & 0xff, (header >> 8) & 0xff, header >> 16]),
      bytes.subarray(offset, offset + size),
    );
    offset += size;
  } while (offset < bytes.length);
  return Buffer.concat(parts);
}

/** Decompresses zstd frames: `node:zlib` where it has zstd, else `fzstd` (pure JavaScript). */
export function zstdDecompress(bytes: Buffer): Buffer {
  if (zstd.zstdDecompressSync !== undefined) return zstd.zstdDecompressSync(bytes);
  const output = decompress(bytes);
  return Buffer.from(output.buffer, output.byteOffset, output.byteLength);
}
