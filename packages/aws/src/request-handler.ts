/** What the SDK's handler needs of an HTTP client: one request, its whole answer (the kit's `HttpClient`). */
export interface HttpSender {
  request(request: {
    readonly method: string;
    readonly url: URL;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: Uint8Array | string;
    readonly signal: AbortSignal;
  }): Promise<{
    readonly status: number;
    readonly headers: Readonly<Record<string, string | string[] | undefined>>;
    readonly body: Uint8Array;
  }>;
}

/** A request as the SDK's middleware hands it to its HTTP handler (`@smithy/protocol-http`'s HttpRequest). */
interface SdkRequest {
  readonly method: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number | undefined;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[] | null>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** The SDK's handler interface (`@smithy/types`' HttpHandler), as far as the SDK calls it. */
export interface SdkRequestHandler {
  readonly metadata: { readonly handlerProtocol: string };
  handle(
    request: SdkRequest,
    options?: { abortSignal?: unknown },
  ): Promise<{
    response: {
      statusCode: number;
      headers: Record<string, string>;
      body: Uint8Array;
    };
  }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

function queryOf(query: SdkRequest['query']): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === null) parts.push(encodeURIComponent(name));
    else
      for (const one of Array.isArray(value) ? value : [value])
        parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(one as string)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** An abort signal of the SDK's (native, or its own AbortSignal-like) as a native one. */
function nativeSignal(signal: unknown): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  const like = signal as { aborted?: boolean; onabort?: (() => void) | null } | undefined;
  if (like?.aborted === true) controller.abort();
  else if (like !== undefined) like.onabort = () => controller.abort();
  return controller.signal;
}

/**
 * The SDK's requests (DescribeStreamSummary, ListShards, …) through a component's own HTTP client,
 * so that every call of an AWS component goes the same way: its `proxy` (and HTTPS_PROXY / NO_PROXY),
 * its `tls` options, its keep-alive pool, its answer size cap and connect timeout. HTTP/1.1 (the
 * SDK's default HTTP/2 handler fails against kinesis-local). Bodies are buffers or strings, as the
 * JSON and CBOR protocols send them.
 */
export function sdkRequestHandler(sender: HttpSender): SdkRequestHandler {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request, options) {
      const { body } = request;
      if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))
        throw new TypeError('the SDK handed a streaming body to a handler that sends buffers');
      const port = request.port === undefined ? '' : `:${request.port}`;
      const url = new URL(
        `${request.protocol}//${request.hostname}${port}${request.path}${queryOf(request.query)}`,
      );
      const signal = nativeSignal(options?.abortSignal);
      // Aborted while the SDK signed it (a component closing): no connection is opened for it.
      signal.throwIfAborted();
      const response = await sender.request({
        method: request.method,
        url,
        headers: request.headers,
        ...(body === undefined || body === null ? {} : { body }),
        signal,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers))
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      return { response: { statusCode: response.status, headers, body: response.body } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
