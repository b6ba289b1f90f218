import type { LogEvent, OptionProblem } from '@sluice/component-api';
import {
  createFramedEncoder,
  type EncodingConfig,
  EncodingError,
  type SinkFramingConfig,
} from '@sluice/encoding';
import {
  type CompressionOption,
  compressorOf,
  contentEncodingOf,
  defineNetworkSink,
  type NetworkSinkOptions,
  type SinkItem,
} from '@sluice/sink-kit';
import {
  HttpClient,
  type RetryStrategy,
  redactUri,
  splitCredentials,
  statusFailure,
  transportFailure,
} from '@sluice/sink-kit/http';
import { deprecatedOptions, ownOptions, requestOptions } from './options.js';

/** The http sink's options, derived from its schema (`options.ts`) and the kit's tables. */
export type HttpSinkOptions = NetworkSinkOptions<typeof ownOptions, typeof requestOptions>;

interface Line extends SinkItem {
  /** The event's frame: its encoding and the delimiter or length of the framing. */
  readonly frame: Buffer;
}

const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');

/** The framing a body uses: the one configured, else the codec's default (Vector's effective_framer_config). */
function framingOf(options: HttpSinkOptions): SinkFramingConfig {
  if (options.framing !== undefined) return options.framing as SinkFramingConfig;
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

/** Whether bodies are JSON arrays (json, comma-delimited): then prefix and suffix must wrap them in JSON. */
function isJsonArray(options: HttpSinkOptions): boolean {
  const framing = framingOf(options);
  return contentTypeOf(options.encoding.codec !== 'text', framing) === 'application/json';
}

/**
 * Problems `create` would refuse, found without I/O: the same parse of `uri` as `create` (its
 * credentials moved to basic auth, so they cannot also come from `auth`), and Vector's check of
 * `payload_prefix` / `payload_suffix` around a JSON array.
 */
export function problemsOf(options: HttpSinkOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  let credentials: ReturnType<typeof splitCredentials>['credentials'];
  try {
    credentials = splitCredentials(options.uri).credentials;
  } catch {
    problems.push({ path: 'uri', message: `is not a URL: "${redactUri(options.uri)}"` });
  }
  if (credentials !== undefined && options.auth !== undefined)
    problems.push({ path: 'auth', message: 'the uri carries credentials too: give them in one place' });
  if (isJsonArray(options) && (options.payload_prefix !== '' || options.payload_suffix !== '')) {
    try {
      JSON.parse(`${options.payload_prefix}{}${options.payload_suffix}`);
    } catch {
      problems.push({
        path: 'payload_prefix',
        message:
          'with payload_suffix, must make valid JSON around a body (checked as prefix + "{}" + suffix)',
      });
    }
  }
  return problems;
}

/** The Authorization header of `basic`, `bearer` and `custom` auth, or of the uri's credentials. */
function authorizationOf(
  options: HttpSinkOptions,
  uri: ReturnType<typeof splitCredentials>,
): string | undefined {
  const { auth } = options;
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  if (uri.credentials !== undefined) return basic(uri.credentials.user, uri.credentials.password);
  if (auth?.strategy === 'basic') return basic(auth.user, auth.password);
  if (auth?.strategy === 'bearer') return `Bearer ${auth.token}`;
  if (auth?.strategy === 'custom') return auth.value;
  return undefined;
}

export const httpSink = defineNetworkSink({
  type: 'http',
  description: 'Batches events to an HTTP endpoint (JSON array, NDJSON or text lines), retrying 429 and 5xx.',
  metricPrefix: 'http',
  options: ownOptions,
  batch: { max_events: 1000, max_bytes: 10_000_000, timeout_secs: 1 },
  request: {
    timeout_secs: 60,
    retry_initial_backoff_secs: 1,
    retry_max_duration_secs: 30,
    backoff: 'fibonacci',
    more: requestOptions,
  },
  tls: true,
  proxy: true,
  deprecatedOptions,
  validate: (options) => problemsOf(options),
  async create(options) {
    const uri = splitCredentials(options.uri);
    const { encoding } = options;
    const json = encoding.codec !== 'text';
    const framing = framingOf(options);
    const framed = createFramedEncoder(
      {
        codec: json ? 'json' : 'text',
        ...(encoding.json === undefined ? {} : { json: encoding.json }),
        ...(encoding.timestamp_format === undefined ? {} : { timestamp_format: encoding.timestamp_format }),
      } as EncodingConfig,
      framing,
    );
    const contentType = contentTypeOf(json, framing);
    // As Vector's HttpEncoder: JSON comma-delimited is an array (the last comma dropped), JSON lines
    // lose the last newline; any other framing is the frames as they are.
    const array = json && contentType === 'application/json';
    const dropLast = array || (json && framing.method === 'newline_delimited');
    const compression = options.compression as CompressionOption;
    const compress = compressorOf(compression);
    const contentEncoding = contentEncodingOf(compression);
    const authorization = authorizationOf(options, uri);
    const headers: Record<string, string> = {
      ...(contentType === undefined ? {} : { 'content-type': contentType }),
      ...(contentEncoding === undefined ? {} : { 'content-encoding': contentEncoding }),
      ...options.request.headers,
      ...(authorization === undefined ? {} : { authorization }),
    };
    const { auth } = options;
    const signer =
      auth?.strategy === 'aws'
        ? (await loadAws()).awsSignerOf(auth.auth, auth.auth?.region, auth.service)
        : undefined;
    const strategy = options.retry_strategy as RetryStrategy;
    const prefix = Buffer.from(options.payload_prefix);
    const suffix = Buffer.from(options.payload_suffix);
    const http = new HttpClient({
      ...(options.tls === undefined ? {} : { tls: options.tls }),
      ...(options.proxy === undefined ? {} : { proxy: options.proxy }),
      maxResponseBytes: options.request.max_response_bytes,
    });
    const method = options.method.toUpperCase();
    const bodyOf = (lines: readonly Line[]): Buffer => {
      let raw = Buffer.concat(lines.map((line) => line.frame));
      if (dropLast && raw.length > 0) raw = raw.subarray(0, raw.length - 1);
      if (array) raw = Buffer.concat([OPEN, raw, CLOSE]);
      if (prefix.length > 0 || suffix.length > 0) raw = Buffer.concat([prefix, raw, suffix]);
      return compress === undefined ? raw : compress(raw);
    };
    return {
      // "none": nothing is retried, not even a timeout, as Vector's RetryStrategy::None.
      ...(strategy.type === 'none'
        ? { request: { retry: { attempts: 0, initialBackoffMs: 0, maxBackoffMs: 0 } } }
        : {}),
      prepare: (event: LogEvent) => {
        const { bytes, failed } = framed.encodeBatch([event]);
        const error = failed[0]?.error;
        if (error !== undefined)
          return {
            discard: 'rejected',
            errorType: error instanceof EncodingError ? 'encoder_failed' : 'unknown',
            errorCode: 'encode_failed',
            message: error.message,
          };
        return { event, frame: bytes, size: bytes.length };
      },
      send: async (lines: readonly Line[], signal: AbortSignal) => {
        const body = bodyOf(lines);
        const signed =
          signer === undefined ? headers : await signer.sign({ method, url: uri.url, headers, body });
        let response: Awaited<ReturnType<HttpClient['request']>>;
        try {
          response = await http.request({ method, url: uri.url, headers: signed, body, signal });
        } catch (error) {
          if (signal.aborted) throw error; // the kit's timeout, or the shutdown deadline
          return { failure: transportFailure(error, strategy) };
        }
        const failure = statusFailure(response.status, response.headers, strategy);
        return failure === undefined
          ? { sentBytes: body.length, status: response.status }
          : { sentBytes: body.length, failure };
      },
      close: () => http.close(),
    };
  },
});

/** Builds the sink directly from options (tests, embedding). */
export function createHttpSink(
  options: HttpSinkOptions,
  context: Parameters<typeof httpSink.create>[1],
): ReturnType<typeof httpSink.create> {
  return httpSink.create(options, context);
}

/**
 * `@sluice/aws`, an optional peer: only `auth.strategy = "aws"` needs it (and the AWS SDK it
 * brings), so an http pipeline installs without it.
 */
async function loadAws(): Promise<typeof import('@sluice/aws')> {
  try {
    return await import('@sluice/aws');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' || !String(error).includes('@sluice/aws')) throw error;
    throw new Error(
      'auth.strategy = "aws" needs the @sluice/aws package: install it beside @sluice/sink-http',
    );
  }
}
