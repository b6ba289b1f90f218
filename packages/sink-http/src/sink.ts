import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import {
  type ComponentContext,
  defineSink,
  type LogEvent,
  type Sink,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { createFramedEncoder, EncodingError, type SinkFramingConfig } from '@sluice/encoding';
import {
  batchSettingsOf,
  createNetworkSink,
  type Failure,
  requestSettingsOf,
  type SinkItem,
} from '@sluice/sink-kit';
import { deprecatedOptions, type HttpSinkOptions, optionsSchema } from './options.js';

const gzip = promisify(gzipCallback);
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');

interface Line extends SinkItem {
  /** The event's frame: its encoding and the delimiter or length of the framing. */
  readonly frame: Buffer;
}

/** The framing a body uses: the one configured, else the codec's default (Vector's effective_framer_config). */
function framingOf(options: HttpSinkOptions): SinkFramingConfig {
  if (options.framing !== undefined) return options.framing;
  return options.encoding.codec === 'json'
    ? { method: 'character_delimited', character_delimited: { delimiter: ',' } }
    : { method: 'newline_delimited' };
}

/** Vector's content type: text for text, JSON for a JSON array, NDJSON for JSON lines, else none. */
function contentTypeOf(json: boolean, framing: SinkFramingConfig): string | undefined {
  if (!json) return 'text/plain';
  if (framing.method === 'newline_delimited') return 'application/x-ndjson';
  if (framing.method === 'character_delimited' && framing.character_delimited?.delimiter === ',')
    return 'application/json';
  return undefined;
}

/** Vector's policy: 429, 5xx (but 501) and anything without an answer are retried; other statuses are not. */
export function classifyHttpError(error: unknown): Failure {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message : String(error);
  if (status === undefined) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { retryable: true, code: `connection_error:${cause ?? 'unknown'}`, message };
  }
  const retryable = status === 429 || (status >= 500 && status !== 501);
  // 503 is how many services say "slow down" (S3's SlowDown): both make the concurrency back off.
  return { retryable, code: `http_${status}`, message, throttled: status === 429 || status === 503, status };
}

export function createHttpSink(options: HttpSinkOptions, context: ComponentContext): Sink {
  const { batch, request, encoding } = options;
  const json = encoding.codec !== 'text';
  const framing = framingOf(options);
  const framed = createFramedEncoder({ codec: json ? 'json' : 'text' }, framing);
  const contentType = contentTypeOf(json, framing);
  // As Vector's HttpEncoder: JSON comma-delimited is an array (the last comma dropped), JSON lines
  // lose the last newline; any other framing is the frames as they are.
  const array = json && contentType === 'application/json';
  const dropLast = array || (json && framing.method === 'newline_delimited');
  const headers: Record<string, string> = {
    ...(contentType === undefined ? {} : { 'content-type': contentType }),
    ...(options.compression === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
    ...request.headers,
  };
  if (options.auth?.strategy === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
  if (options.auth?.strategy === 'bearer') headers.authorization = `Bearer ${options.auth.token}`;

  const body = async (lines: readonly Line[]): Promise<Buffer> => {
    let raw = Buffer.concat(lines.map((line) => line.frame));
    if (dropLast && raw.length > 0) raw = raw.subarray(0, raw.length - 1);
    if (array) raw = Buffer.concat([OPEN, raw, CLOSE]);
    return options.compression === 'gzip' ? gzip(raw) : raw;
  };

  return createNetworkSink<Line>(
    {
      metricPrefix: 'http',
      batch: batchSettingsOf(batch),
      request: requestSettingsOf(request, 'fibonacci'),
      prepare: (event: LogEvent) => {
        const { bytes, failed } = framed.encodeBatch([event]);
        const error = failed[0]?.error;
        if (error !== undefined)
          return {
            discard: 'rejected',
            errorType: error instanceof EncodingError ? 'encoder_failed' : 'unknown',
            message: error.message,
          };
        return { event, frame: bytes, size: bytes.length };
      },
      send: async (lines, signal) => {
        const payload = await body(lines);
        const response = await fetch(options.uri, {
          method: options.method.toUpperCase(),
          headers,
          body: payload,
          signal,
        });
        await response.arrayBuffer(); // read whole: the connection goes back to the pool
        if (!response.ok)
          throw Object.assign(new Error(`HTTP ${response.status} ${response.statusText}`), {
            status: response.status,
          });
        return { sentBytes: payload.length, status: response.status };
      },
      classifyError: classifyHttpError,
    },
    context,
  );
}

export const httpSink = defineSink<HttpSinkOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'http',
  description: 'Batches events to an HTTP endpoint (JSON array, NDJSON or text lines), retrying 429 and 5xx.',
  optionsSchema,
  validate: (options) =>
    URL.canParse(options.uri) ? [] : [{ path: 'uri', message: `is not a URL: "${options.uri}"` }],
  deprecatedOptions,
  create: (options, context) => createHttpSink(options, context),
});
