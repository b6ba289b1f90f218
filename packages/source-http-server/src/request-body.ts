import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import snappy from 'snappyjs';

/** Vector's DEFAULT_MAX_DECOMPRESSED_SIZE_BYTES: the most a body may hold, read or decompressed. */
export const MAX_BODY_BYTES = 100 * 1024 * 1024;

/** A problem answered to the client, with its status (Vector's `ErrorMessage`). */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body of a request, at most `limit` bytes (413 beyond, as soon as it is known). */
export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const tooLarge = (limit: number) =>
  new RequestError(413, `Request body exceeds the maximum of ${limit} bytes`);

type ZstdZlib = { zstdDecompressSync?: (data: Buffer, options: { maxOutputLength: number }) => Buffer };

/**
 * The body decoded by its `Content-Encoding`, as Vector's `decompress_body`: the encodings are
 * undone last first; gzip, deflate, snappy, zstd (Node 22.15+) and identity; anything else is 415.
 * A decoded body over `limit` is 413.
 */
export function decompressBody(
  encodingHeader: string | undefined,
  body: Buffer,
  limit = MAX_BODY_BYTES,
): Buffer {
  let current = body;
  for (const encoding of (encodingHeader ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .reverse()) {
    try {
      switch (encoding) {
        case 'identity':
          break;
        case 'gzip':
          current = zlib.gunzipSync(current, { maxOutputLength: limit });
          break;
        case 'deflate':
          current = zlib.inflateSync(current, { maxOutputLength: limit });
          break;
        case 'snappy':
          current = Buffer.from(snappy.uncompress(current, limit));
          break;
        case 'zstd': {
          const { zstdDecompressSync } = zlib as unknown as ZstdZlib;
          if (zstdDecompressSync === undefined) throw new RequestError(415, 'Unsupported encoding zstd');
          current = zstdDecompressSync(current, { maxOutputLength: limit });
          break;
        }
        default:
          throw new RequestError(415, `Unsupported encoding ${encoding}`);
      }
    } catch (error) {
      if (error instanceof RequestError) throw error;
      if (
        (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ||
        /exceeds|too large/i.test(String(error))
      )
        throw tooLarge(limit);
      throw new RequestError(400, `Failed decompressing payload with ${encoding} decoder.`);
    }
  }
  if (current.length > limit) throw tooLarge(limit);
  return current;
}
