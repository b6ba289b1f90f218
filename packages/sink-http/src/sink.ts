import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import {
  type ComponentContext,
  defineSink,
  type LogEvent,
  type Sink,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { createEncoder } from '@sluice/encoding';
import {
  batchSettingsOf,
  createNetworkSink,
  type Failure,
  requestSettingsOf,
  type SinkItem,
} from '@sluice/sink-kit';
import { deprecatedOptions, type HttpSinkOptions, optionsSchema } from './options.js';

const gzip = promisify(gzipCallback);

interface Line extends SinkItem {
  readonly text: string;
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
  const encoder = createEncoder({ codec: encoding.codec === 'text' ? 'text' : 'json' });
  const headers: Record<string, string> = {
    'content-type': encoding.codec === 'json' ? 'application/json' : 'application/x-ndjson',
    ...(options.compression === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
    ...request.headers,
  };
  if (options.auth?.strategy === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
  if (options.auth?.strategy === 'bearer') headers.authorization = `Bearer ${options.auth.token}`;

  const body = async (lines: readonly Line[]): Promise<Buffer> => {
    const texts = lines.map((line) => line.text);
    const raw = Buffer.from(encoding.codec === 'json' ? `[${texts.join(',')}]` : `${texts.join('\n')}\n`);
    return options.compression === 'gzip' ? gzip(raw) : raw;
  };

  return createNetworkSink<Line>(
    {
      metricPrefix: 'http',
      batch: batchSettingsOf(batch),
      request: requestSettingsOf(request, 'fibonacci'),
      prepare: (event: LogEvent) => {
        const text = encoder.encodeToString(event);
        return { event, text, size: Buffer.byteLength(text) + 1 };
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
