import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import type { ProxyOptions } from './proxy.js';
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
  /** Connecting (TCP and TLS) fails after this long. */
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

/**
 * The one HTTP client of every HTTP sink: a keep-alive pool per origin, a connect timeout, a cap
 * on the answer's size, never a redirect followed (a 3xx is an answer like any other), Vector's
 * `proxy` option and the environment's HTTP_PROXY / HTTPS_PROXY / NO_PROXY, Vector's `tls`
 * options. On undici (Node's own HTTP client, as a package: Node 20.19 and later).
 */
export class HttpClient {
  readonly #dispatcher: Dispatcher;

  constructor(options: HttpClientOptions = {}) {
    const connect = { ...tlsConnectOptions(options.tls), timeout: options.connectTimeoutMs ?? 10_000 };
    const agentOptions = {
      connect,
      connections: options.connections ?? null,
      maxResponseSize: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      // The kit's attempt timeout bounds every request; undici's own (5 min) would only cut in later.
      headersTimeout: 0,
      bodyTimeout: 0,
    };
    const proxy = options.proxy;
    this.#dispatcher =
      proxy?.enabled === false
        ? new Agent(agentOptions)
        : new EnvHttpProxyAgent({
            ...agentOptions,
            requestTls: connect,
            ...(proxy?.http === undefined ? {} : { httpProxy: proxy.http }),
            ...(proxy?.https === undefined ? {} : { httpsProxy: proxy.https }),
            ...(proxy?.no_proxy === undefined
              ? {}
              : {
                  noProxy: [process.env.no_proxy ?? process.env.NO_PROXY ?? '', ...proxy.no_proxy]
                    .filter(Boolean)
                    .join(','),
                }),
          });
  }

  /** One request, its whole answer read (a 3xx or 5xx is an answer: the caller classifies it). */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const response = await this.#dispatcher.request({
      origin: request.url.origin,
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method as Dispatcher.HttpMethod,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: request.signal,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
    return {
      status: response.statusCode,
      headers: response.headers,
      body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
    };
  }

  /** Closes the pool's connections (idle ones at once; busy ones after their request). */
  close(): Promise<void> {
    return this.#dispatcher.close();
  }
}
