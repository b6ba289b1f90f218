import type { AwsCredentialsProvider } from './auth.js';
import { type EndpointInstructions, operationEndpoint } from './endpoint.js';
import { AwsSigner } from './signer.js';

/** What an SDK client's `config` holds that a call needs: its credentials, region and endpoint rules. */
export interface AwsClientConfig {
  readonly credentials: unknown;
  readonly region: () => Promise<string>;
  systemClockOffset?: number;
}

/** One HTTP exchange, as `@sluice/sink-kit/http`'s `HttpClient.request` makes it. */
export type AwsHttpSend = (request: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
  signal: AbortSignal;
}) => Promise<{
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}>;

export interface AwsJsonServiceOptions {
  /** The service's SDK client `config` (`new FirehoseClient({...}).config`). */
  readonly clientConfig: AwsClientConfig;
  /** A command class of the service, and its input, to resolve the endpoint as the SDK does. */
  readonly command: EndpointInstructions;
  readonly endpointInput: object;
  /** The `X-Amz-Target` prefix: `Firehose_20150804`, `Kinesis_20131202`, … */
  readonly targetPrefix: string;
  /** The signing name when the endpoint rules do not give one: `firehose`, … */
  readonly signingName: string;
  readonly send: AwsHttpSend;
}

/** An AWS error answer as a failure of its request (the shape of `@sluice/sink-kit`'s `Failure`). */
export interface AwsErrorFailure {
  readonly retryable: boolean;
  readonly throttled?: boolean;
  /** The error type (`ResourceNotFoundException`), else `http_<status>`. */
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

export type AwsJsonAnswer =
  | { readonly ok: true; readonly body: Record<string, unknown>; readonly sentBytes: number }
  | { readonly ok: false; readonly failure: AwsErrorFailure; readonly sentBytes: number };

/** Error types that ask for less: the adaptive concurrency backs off. */
const THROTTLES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'ServiceUnavailableException',
]);
/** 4xx answers Vector retries all the same (`aws::is_retriable_error`). */
const RETRIED_CLIENT_ERRORS = /RequestTimeout|RequestExpired|ThrottlingException/;

const header = (headers: Readonly<Record<string, string | string[] | undefined>>, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * An AWS error answer (JSON protocols: the type in `x-amzn-errortype` or `__type`) classified as
 * Vector's `aws::is_retriable_error`: retried when the service says so (`x-amz-retry-after`), on 5xx
 * and 429, and on a 4xx of a timeout, an expired request or throttling; throttles marked.
 */
export function awsErrorFailure(
  status: number,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: Buffer,
): AwsErrorFailure {
  let parsed: { __type?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
  } catch {
    // a proxy's error page: the status alone classifies it
  }
  const rawType =
    header(headers, 'x-amzn-errortype') ?? (typeof parsed.__type === 'string' ? parsed.__type : '');
  // `com.amazonaws.firehose#ResourceNotFoundException:http://…` → `ResourceNotFoundException`
  const withoutSuffix = rawType.split(':')[0] as string;
  const type = withoutSuffix.slice(withoutSuffix.lastIndexOf('#') + 1);
  const text = parsed.message ?? parsed.Message;
  const message = typeof text === 'string' ? text : `HTTP ${status}`;
  const throttled = status === 429 || THROTTLES.has(type);
  const retryable =
    header(headers, 'x-amz-retry-after') !== undefined ||
    status >= 500 ||
    status === 429 ||
    throttled ||
    RETRIED_CLIENT_ERRORS.test(type);
  return {
    retryable,
    ...(throttled ? { throttled } : {}),
    code: type === '' ? `http_${status}` : type,
    message: type === '' ? message : `${type}: ${message}`,
    status,
  };
}

/**
 * Calls of an AWS JSON 1.1 service (`X-Amz-Target`), outside the SDK's middleware: the endpoint
 * resolved once as the SDK resolves it (the `endpoint` option, `AWS_ENDPOINT_URL_<SERVICE>`,
 * `AWS_ENDPOINT_URL`, FIPS, dual-stack), each call signed (SigV4) with the client's credentials and
 * sent by the given HTTP client (a sink's, with its TLS, proxy and answer cap). The clock offset
 * follows the server's `Date` as the SDK's does; a request refused for a skewed clock is retried.
 * A call that gets no answer throws the HTTP client's error.
 */
export class AwsJsonService {
  readonly #options: AwsJsonServiceOptions;
  #target: Promise<{ signer: AwsSigner; url: URL }> | undefined;

  constructor(options: AwsJsonServiceOptions) {
    this.#options = options;
  }

  async call(operation: string, body: Buffer | string, signal: AbortSignal): Promise<AwsJsonAnswer> {
    this.#target ??= this.#resolve().catch((error: unknown) => {
      this.#target = undefined; // the region or endpoint may be found on a later call
      throw error;
    });
    const { signer, url } = await this.#target;
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const headers = await signer.sign({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${this.#options.targetPrefix}.${operation}`,
        'user-agent': 'sluice',
      },
      body: bytes,
    });
    const response = await this.#options.send({ method: 'POST', url, headers, body: bytes, signal });
    const skewed = signer.observeDate(header(response.headers, 'date'));
    this.#options.clientConfig.systemClockOffset = signer.clockOffsetMs;
    const sentBytes = bytes.length;
    if (response.status >= 200 && response.status < 300) {
      try {
        return { ok: true, body: JSON.parse(response.body.toString('utf8')), sentBytes };
      } catch {
        const failure = { retryable: true, code: 'invalid_response', message: 'an answer that is not JSON' };
        return { ok: false, failure: { ...failure, status: response.status }, sentBytes };
      }
    }
    const failure = awsErrorFailure(response.status, response.headers, response.body);
    return { ok: false, failure: skewed ? { ...failure, retryable: true } : failure, sentBytes };
  }

  async #resolve(): Promise<{ signer: AwsSigner; url: URL }> {
    const { clientConfig, command, endpointInput, signingName } = this.#options;
    const { url, properties } = await operationEndpoint(clientConfig, command, endpointInput);
    const scheme = (
      properties?.authSchemes as { signingRegion?: string; signingName?: string }[] | undefined
    )?.[0];
    const signer = new AwsSigner({
      credentials: clientConfig.credentials as AwsCredentialsProvider,
      region: scheme?.signingRegion ?? (await clientConfig.region()),
      service: scheme?.signingName ?? signingName,
    });
    return { signer, url };
  }
}
