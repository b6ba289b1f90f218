import * as zlib from 'node:zlib';
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

/** Zstandard is in `node:zlib` from Node 22.15 and 23.8; older lines fail clearly. */
function requireZstd(): Required<Pick<ZstdZlib, 'zstdCompressSync' | 'zstdDecompressSync'>> {
  if (zstd.zstdCompressSync === undefined || zstd.zstdDecompressSync === undefined) {
    return fail(`zstd needs Node.js 22.15 or later (this is ${process.version})`);
  }
  return zstd as Required<Pick<ZstdZlib, 'zstdCompressSync' | 'zstdDecompressSync'>>;
}

// zstd's window log for each level when the input size is unknown (`clevels.h`, the "default" row).
const DEFAULT_WINDOW_LOGS = [
  19, 19, 20, 21, 21, 21, 21, 21, 21, 22, 22, 22, 22, 22, 22, 22, 22, 23, 23, 23, 25, 26, 27,
];

/**
 * Compresses as the `zstd` crate's `encode_all` does: a stream of unknown size, so the frame
 * holds no content size and the level's full window. Node's one-shot call knows the size: it is
 * told to leave the size out, and the window descriptor is written as the stream would have it.
 */
export function zstdCompress(bytes: Buffer, level: number): Buffer {
  const { zstdCompressSync } = requireZstd();
  const constants = zstd.constants as Record<string, number>;
  const output = zstdCompressSync(bytes, {
    params: {
      [constants.ZSTD_c_compressionLevel as number]: level,
      [constants.ZSTD_c_contentSizeFlag as number]: 0,
    },
  });
  const singleSegment = ((output[4] as number) & 0x20) !== 0;
  if (!singleSegment) {
    const row = level === 0 ? 3 : Math.max(0, Math.min(level, 22));
    output[5] = ((DEFAULT_WINDOW_LOGS[row] as number) - 10) << 3;
  }
  return output;
}

export function zstdDecompress(bytes: Buffer): Buffer {
  const { zstdDecompressSync } = requireZstd();
  return zstdDecompressSync(bytes);
}
