import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { type AwsAuthOptions, type AwsCredentialsProvider, awsCredentials } from './auth.js';
import { resolveRegion } from './region.js';

/** A clock this far from the server's is corrected, and the request it failed is worth retrying (as the SDK does). */
const CLOCK_SKEW_MS = 240_000;

/** SHA-256 (and HMAC-SHA-256 with a secret) as the signer takes a hash: node:crypto underneath. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

class Sha256 {
  readonly #hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: SourceData): void {
    this.#hash.update(bytesOf(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.#hash.digest());
  }
}

/** A request to sign: what SigV4 covers. */
export interface SignableRequest {
  method: string;
  url: URL;
  /** Lower-case names; `host` is added. */
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

export interface AwsSignerOptions {
  readonly credentials: AwsCredentialsProvider;
  readonly region: string | (() => Promise<string>);
  /** The signing name: `kinesis`, `firehose`, `es`, `aoss`, … */
  readonly service: string;
}

/**
 * SigV4 outside the SDK's middleware stack, which costs twice what signing does per request: the
 * body is hashed once, as a Buffer. Keeps the offset of the local clock from the server's `Date`
 * (`observeDate`), so a request refused for a skewed clock is signed right on its retry.
 */
export class AwsSigner {
  readonly #signer: SignatureV4;
  #clockOffsetMs = 0;

  constructor(options: AwsSignerOptions) {
    this.#signer = new SignatureV4({
      credentials: options.credentials,
      region: options.region,
      service: options.service,
      sha256: Sha256,
      uriEscapePath: true,
    });
  }

  /** The request's headers with `host`, `x-amz-date`, the content hash and `authorization`. */
  async sign(request: SignableRequest): Promise<Record<string, string>> {
    const { url } = request;
    const signed = await this.#signer.sign(
      {
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        path: url.pathname,
        query: queryOf(url.searchParams),
        headers: { ...request.headers, host: url.host },
        body: request.body,
      },
      { signingDate: new Date(Date.now() + this.#clockOffsetMs) },
    );
    return signed.headers as Record<string, string>;
  }

  /** Milliseconds the server's clock is ahead of this one, as last observed. */
  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  /**
   * A response's `Date` header: the clock offset follows it. True when it moved by more than AWS
   * allows (the request was likely refused for it, and its retry is signed right).
   */
  observeDate(date: string | undefined): boolean {
    const serverTime = date === undefined ? Number.NaN : Date.parse(date);
    if (Number.isNaN(serverTime)) return false;
    const before = this.#clockOffsetMs;
    this.#clockOffsetMs = serverTime - Date.now();
    return Math.abs(this.#clockOffsetMs - before) >= CLOCK_SKEW_MS;
  }
}

/**
 * The signer of a component with Vector's `auth` options, for `service` in `region` (the option,
 * else the environment's, found at the first request).
 */
export function awsSignerOf(
  auth: AwsAuthOptions | undefined,
  region: string | undefined,
  service: string,
): AwsSigner {
  return new AwsSigner({
    credentials: awsCredentials(auth ?? { load_timeout_secs: 5 }, region),
    region: () => resolveRegion(region),
    service,
  });
}

/** A URL's query for the signer: a repeated parameter keeps every value (signed sorted, as AWS does). */
function queryOf(parameters: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(parameters.keys())) {
    const values = parameters.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}
