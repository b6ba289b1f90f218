/**
 * Vector's `compression` option: the algorithms and levels its sinks take, and one compressor per
 * setting. The Kinesis sinks compress each record's data on their own (as Vector's request builder
 * does); the http sink compresses each request body (`contentEncodingOf` names it).
 */
import zlib from 'node:zlib';
import { ConfigError, type JsonSchema } from '@sluice/component-api';
import snappy from 'snappyjs';

export type CompressionAlgorithm = 'none' | 'gzip' | 'zlib' | 'zstd' | 'snappy';
/** Vector's `CompressionLevel`: a number, or a name. */
export type CompressionLevel = number | 'none' | 'fast' | 'default' | 'best';
/** The string form, or Vector's `{ algorithm, level }` table form. */
export type CompressionOption =
  | CompressionAlgorithm
  | { readonly algorithm: CompressionAlgorithm; readonly level?: CompressionLevel };

const ALGORITHMS: readonly CompressionAlgorithm[] = ['none', 'gzip', 'zlib', 'zstd', 'snappy'];
const LEVEL_NAMES = ['none', 'fast', 'default', 'best'] as const;

export const compressionOptionSchema: JsonSchema = {
  description:
    'Compression of each record\'s data, as Vector does it: "none", "gzip", "zlib", "zstd" (Node 22.15+ / 23.8+) or "snappy" (raw Snappy), or a table `{ algorithm, level }` with a level of 0–9 (gzip, zlib) or 1–21 (zstd), or "none", "fast", "default", "best".',
  default: 'none',
  oneOf: [
    { type: 'string', enum: [...ALGORITHMS] },
    {
      type: 'object',
      additionalProperties: false,
      required: ['algorithm'],
      properties: {
        algorithm: { type: 'string', enum: [...ALGORITHMS] },
        level: {
          oneOf: [
            { type: 'integer', minimum: 0, maximum: 21 },
            { type: 'string', enum: [...LEVEL_NAMES] },
          ],
        },
      },
      // Vector's range of gzip and zlib; a level given to none or snappy is refused at start.
      if: { type: 'object', properties: { algorithm: { enum: ['gzip', 'zlib'] } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, never awaited.
      then: { properties: { level: { maximum: 9 } } },
    },
  ],
};

/** Highest numeric level of each algorithm, as Vector checks it; 0: no level at all. */
const MAX_LEVEL: Readonly<Record<CompressionAlgorithm, number>> = {
  none: 0,
  gzip: 9,
  zlib: 9,
  zstd: 21,
  snappy: 0,
};

/** gzip and zlib levels as Vector's flate2 takes them. */
function deflateLevel(level: CompressionLevel): number {
  if (level === 'none') return 0;
  if (level === 'fast') return 1;
  if (level === 'best') return 9;
  if (level === 'default') return 6;
  return level;
}

/** zstd levels as Vector maps them: named ones, numbers clamped to 1–21; the default is zstd's, 3. */
function zstdLevel(level: CompressionLevel): number {
  if (level === 'none' || level === 'default') return 3;
  if (level === 'fast') return 1;
  if (level === 'best') return 21;
  return Math.min(21, Math.max(1, level));
}

type ZstdCompress = (data: Buffer, options: { params: Record<number, number> }) => Buffer;
interface ZstdZlib {
  zstdCompressSync?: ZstdCompress;
  constants: { ZSTD_c_compressionLevel?: number };
}

const problem = (path: string, message: string) =>
  new ConfigError([{ file: undefined, path: `compression${path}`, message }]);

/**
 * The compressor of a `compression` option, or undefined for none. Throws a config error for a
 * level out of the algorithm's range, or zstd on a Node without it.
 */
export function compressorOf(option: CompressionOption): ((data: Buffer) => Buffer) | undefined {
  const { algorithm, level } = typeof option === 'string' ? { algorithm: option, level: undefined } : option;
  if (level !== undefined) {
    if (MAX_LEVEL[algorithm] === 0) throw problem('.level', `"${algorithm}" takes no level`);
    if (typeof level === 'number' && level > MAX_LEVEL[algorithm])
      throw problem('.level', `${level} is out of range for ${algorithm}: 0 to ${MAX_LEVEL[algorithm]}`);
  }
  const chosen = level ?? 'default';
  switch (algorithm) {
    case 'none':
      return undefined;
    case 'gzip': {
      const options = { level: deflateLevel(chosen) };
      return (data) => zlib.gzipSync(data, options);
    }
    case 'zlib': {
      const options = { level: deflateLevel(chosen) };
      return (data) => zlib.deflateSync(data, options);
    }
    case 'zstd': {
      const { zstdCompressSync, constants } = zlib as unknown as ZstdZlib;
      const levelParameter = constants.ZSTD_c_compressionLevel;
      if (zstdCompressSync === undefined || levelParameter === undefined)
        throw problem(
          '',
          `zstd needs Node 22.15 or 23.8 and later; this is Node ${process.versions.node}: choose gzip, zlib or snappy, or a newer Node`,
        );
      const options = { params: { [levelParameter]: zstdLevel(chosen) } };
      return (data) => zstdCompressSync(data, options);
    }
    case 'snappy':
      return (data) => snappy.compress(data);
  }
}

/** The `Content-Encoding` of a body compressed by `option`; undefined for none. */
export function contentEncodingOf(option: CompressionOption): string | undefined {
  const algorithm = typeof option === 'string' ? option : option.algorithm;
  return { none: undefined, gzip: 'gzip', zlib: 'deflate', zstd: 'zstd', snappy: 'snappy' }[algorithm];
}
