import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { ProxyOptions } from './proxy.js';
import {
  bypassesProxy,
  type ProxySettings,
  proxyAuthorization,
  proxySettingsOf,
  TunnelingAgent,
} from './proxy-route.js';
import { type TlsOptions, tlsConnectOptions } from './tls.js';

/** Kinesis answers are small; a generic HTTP endpoint may answer more (the http sink's option). */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface HttpClientOptions {
  readonly tls?: TlsOptions;
  readonly proxy?: ProxyOptions;
  /** A longer answer fails the request as `invalid_response` (and is not read further). */
  readonly maxResponseBytes?: number;
  /** Connections kept per origin (the sink's most requests in flight, plus a spare). */
  readonly connections?: number;
  /** Connecting fails after this long. */
  readonly connectTimeoutMs?: number;
}

export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  /** Aborts the request: the kit's attempt timeout and the shutdown deadline. */
  readonly signal: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** An answer longer than the client takes: nothing proves what became of the request. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  readonly code = 'ERR_RESPONSE_TOO_LARGE';
}

/**
 * The one HTTP client of every HTTP sink, on Node's own `http`/`https`: a keep-alive pool per
 * origin, a connect timeout, a cap on the answer's size, never a redirect followed (a 3xx is an
 * answer like any other), Vector's `proxy` option over HTTP_PROXY / HTTPS_PROXY / NO_PROXY (http://
 * proxies: requests in absolute form, HTTPS through a CONNECT tunnel), Vector's `tls` options.
 * (undici was tried: 34 MiB more resident memory for the same requests.)
 */
export class HttpClient {
  readonly #direct: { http: HttpAgent; https: HttpsAgent };
  readonly #viaProxy: { http?: HttpAgent; https?: TunnelingAgent };
  readonly #proxy: ProxySettings;
  readonly #maxResponseBytes: number;
  readonly #connectTimeoutMs: number;

  constructor(options: HttpClientOptions = {}) {
    const tls = tlsConnectOptions(options.tls);
    const pool = {
      keepAlive: true,
      maxSockets: options.connections ?? Number.POSITIVE_INFINITY,
      scheduling: 'lifo' as const,
    };
    this.#direct = { http: new HttpAgent(pool), https: new HttpsAgent({ ...pool, ...tls }) };
    this.#proxy = proxySettingsOf(options.proxy);
    this.#viaProxy = {
      ...(this.#proxy.http === undefined ? {} : { http: new HttpAgent(pool) }),
      ...(this.#proxy.https === undefined
        ? {}
        : { https: new TunnelingAgent(this.#proxy.https, { ...pool, ...tls }) }),
    };
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  }

  /** One request, its whole answer read (a 3xx or 5xx is an answer: the caller classifies it). */
  request(request: HttpRequest): Promise<HttpResponse> {
    const { url } = request;
    const secure = url.protocol === 'https:';
    const bypass = bypassesProxy(url, this.#proxy.noProxy);
    const httpProxy = secure || bypass ? undefined : this.#proxy.http;
    const agent = bypass
      ? this.#direct[secure ? 'https' : 'http']
      : secure
        ? (this.#viaProxy.https ?? this.#direct.https)
        : (this.#viaProxy.http ?? this.#direct.http);
    const send = secure ? httpsRequest : httpRequest;
    const options = {
      method: request.method,
      agent: agent as HttpAgent,
      signal: request.signal,
      headers: {
        ...request.headers,
        ...(request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) }),
        ...(httpProxy === undefined ? {} : { host: url.host, ...proxyAuthorization(httpProxy) }),
      },
      ...(httpProxy === undefined
        ? { host: url.hostname, port: url.port || undefined, path: `${url.pathname}${url.search}` }
        : { host: httpProxy.hostname, port: httpProxy.port || 80, path: url.href }),
    };
    return new Promise<HttpResponse>((resolve, reject) => {
      const outgoing = send(options, (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let length = 0;
        response.on('data', (chunk: Buffer) => {
          if (length > this.#maxResponseBytes) return;
          length += chunk.length;
          if (length > this.#maxResponseBytes) {
            // Settled here: once the answer has begun, destroying the request may emit nothing.
            reject(new ResponseTooLargeError(`an answer longer than ${this.#maxResponseBytes} bytes`));
            outgoing.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.once('end', () =>
          length > this.#maxResponseBytes
            ? undefined
            : resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
              }),
        );
        response.once('error', reject);
      });
      outgoing.once('error', reject);
      outgoing.once('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () => outgoing.destroy(Object.assign(new Error('connecting timed out'), { code: 'ETIMEDOUT' })),
          this.#connectTimeoutMs,
        );
        timer.unref();
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      outgoing.end(request.body);
    });
  }

  /** Closes the pools' connections. */
  async close(): Promise<void> {
    for (const agent of [this.#direct.http, this.#direct.https, this.#viaProxy.http, this.#viaProxy.https])
      agent?.destroy();
  }
}
