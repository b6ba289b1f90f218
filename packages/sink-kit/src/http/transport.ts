import { type CompressionOption, compressorOf, contentEncodingOf } from '../compression.js';
import type { Failure } from '../results.js';
import { type RetryStrategy, statusFailure, transportFailure } from './classify.js';
import { HttpClient, type HttpClientOptions, type HttpResponse } from './client.js';
import { type EndpointHealthSettings, EndpointPool } from './endpoints.js';
import { redactUri, splitCredentials } from './uri.js';

/** Vector's `auth = { strategy = "basic", user, password }`, one branch of an HTTP sink's `auth`. */
export const basicAuthSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['strategy', 'user', 'password'],
  properties: {
    strategy: { const: 'basic' },
    user: { type: 'string' },
    password: { type: 'string', writeOnly: true },
  },
} as const;

/** A request about to be sent, for `authorize` to complete (SigV4 signs it). */
export interface AuthorizableRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

export interface HttpTransportOptions extends HttpClientOptions {
  /** Base URLs; userinfo in one (`https://user:pass@host`) is its basic auth, never logged. */
  readonly endpoints: readonly string[];
  /** With several endpoints, how long a failed one rests (Vector's `distribution`). */
  readonly health?: EndpointHealthSettings;
  /** `request.headers`: added to every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The `Content-Type` of bodies. */
  readonly contentType?: string;
  /** Bodies are compressed so, with their `Content-Encoding`. */
  readonly compression?: CompressionOption;
  /** Basic auth of the endpoints that carry none themselves. */
  readonly basic?: { readonly user: string; readonly password: string };
  /** Completes each request's headers once its body is final: SigV4 signing (`AwsSigner.sign`). */
  readonly authorize?: (request: AuthorizableRequest) => Promise<Record<string, string>>;
  /** Which answers are retried (Vector's `retry_strategy`); default: 429, 408 and 5xx but 501. */
  readonly retryStrategy?: RetryStrategy;
}

/** What one request became: a 2xx answer, or its failure as the kit takes it. */
export type Exchange =
  | { readonly response: HttpResponse; readonly sentBytes: number; readonly failure?: undefined }
  | { readonly failure: Failure; readonly sentBytes: number; readonly response?: HttpResponse };

interface Endpoint {
  readonly base: string;
  readonly authorization?: string;
}

const basicAuthorization = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * The HTTP side of an HTTP sink, in one place: the client (keep-alive pool, TLS, proxy, answer
 * cap), one or several endpoints (round robin, a failed one rests: Vector's distribution), basic
 * auth from the endpoint's userinfo or the options, `request.headers`, body compression with its
 * `Content-Encoding`, signing, and Vector's classification of what came back. A sink builds bodies
 * and reads answers; `send` tells it the 2xx answer or the failure to return to the kit.
 */
export class HttpTransport {
  readonly #client: HttpClient;
  readonly #endpoints: readonly Endpoint[];
  readonly #pool: EndpointPool<Endpoint>;
  readonly #options: HttpTransportOptions;
  readonly #compress: ((data: Buffer) => Buffer) | undefined;
  readonly #headers: Record<string, string>;

  constructor(options: HttpTransportOptions) {
    this.#options = options;
    this.#client = new HttpClient(options);
    this.#endpoints = options.endpoints.map((text) => {
      const { url, credentials } = splitCredentials(text);
      const basic = credentials ?? options.basic;
      const base = url.href.replace(/\/+$/, '');
      return basic === undefined
        ? { base }
        : { base, authorization: basicAuthorization(basic.user, basic.password) };
    });
    this.#pool = new EndpointPool(
      this.#endpoints,
      options.health ?? { initialBackoffMs: 1000, maxBackoffMs: 3_600_000 },
    );
    const compression = options.compression ?? 'none';
    this.#compress = compressorOf(compression);
    const contentEncoding = contentEncodingOf(compression);
    this.#headers = {
      ...(options.contentType === undefined ? {} : { 'content-type': options.contentType }),
      ...(contentEncoding === undefined ? {} : { 'content-encoding': contentEncoding }),
      ...options.headers,
    };
  }

  /**
   * `path` (with its query) on the next healthy endpoint, the body compressed: the 2xx answer, or
   * the failure (status or transport). Throws when `signal` aborted it (the kit's timeout, the
   * shutdown deadline), as the kit expects.
   */
  async send(method: string, path: string, body: Buffer, signal: AbortSignal): Promise<Exchange> {
    const endpoint = this.#pool.pick();
    const sent = this.#compress === undefined ? body : this.#compress(body);
    let response: HttpResponse;
    try {
      response = await this.#request(endpoint, method, path, sent, signal);
    } catch (error) {
      this.#pool.report(endpoint, false);
      if (signal.aborted) throw error;
      return { failure: transportFailure(error, this.#options.retryStrategy), sentBytes: sent.length };
    }
    this.#pool.report(endpoint, response.status < 500);
    const detail = String(response.body.subarray(0, 512));
    const failure = statusFailure(response.status, response.headers, this.#options.retryStrategy, detail);
    return failure === undefined
      ? { response, sentBytes: sent.length }
      : { failure, response, sentBytes: sent.length };
  }

  /**
   * GET `path` on each endpoint in turn, for healthchecks and probes: the first answer `accept`
   * takes (its value), else each endpoint's problem (redacted URL, status or error).
   */
  async probe<Value>(
    path: string,
    accept: (response: HttpResponse) => Value | undefined,
    signal: AbortSignal,
  ): Promise<{ value: Value } | { problems: string[] }> {
    const problems: string[] = [];
    for (const endpoint of this.#endpoints) {
      const where = redactUri(`${endpoint.base}${path}`);
      try {
        const response = await this.#request(endpoint, 'GET', path, undefined, signal);
        const value = accept(response);
        if (value !== undefined) return { value };
        problems.push(`${where}: HTTP ${response.status}`);
      } catch (error) {
        problems.push(`${where}: ${error instanceof Error ? error.message : error}`);
      }
    }
    return { problems };
  }

  close(): Promise<void> {
    return this.#client.close();
  }

  async #request(
    endpoint: Endpoint,
    method: string,
    path: string,
    body: Buffer | undefined,
    signal: AbortSignal,
  ) {
    const url = new URL(`${endpoint.base}${path}`);
    let headers: Record<string, string> = {
      ...(body === undefined ? {} : this.#headers),
      ...(body === undefined ? this.#options.headers : {}),
      ...(endpoint.authorization === undefined ? {} : { authorization: endpoint.authorization }),
    };
    const request = { method, url, headers, ...(body === undefined ? {} : { body }) };
    if (this.#options.authorize !== undefined) headers = await this.#options.authorize(request);
    return this.#client.request({ ...request, headers, signal });
  }
}
