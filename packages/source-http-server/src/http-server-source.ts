import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
  attachFinalizer,
  type ComponentContext,
  createLogEvent,
  currentTimestamp,
  type DeliveryStatus,
  defineSource,
  type Emit,
  type FieldMap,
  type JsonSchema,
  type LogEvent,
  type OptionProblem,
  rateLimitedLog,
  refuseInvalidOptions,
  type Source,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import {
  createDecoder,
  type DecodingConfig,
  decodingOptionSchema,
  EVENT_OVERHEAD_BYTES,
  type FramingConfig,
  framingOptionSchema,
  SourceDecoding,
} from '@sluice/encoding';
import { socketSource, type TlsSourceOptions, tlsServerOptions } from '@sluice/source-tcp';
import { decompressBody, RequestError, readBody } from './request-body.js';

const METHODS = ['HEAD', 'GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface HttpServerOptions {
  address: string;
  path: string;
  strict_path: boolean;
  method: (typeof METHODS)[number];
  path_key: string;
  host_key?: string;
  headers: string[];
  query_parameters: string[];
  response_code: number;
  auth?: { strategy?: 'basic' | 'custom'; username?: string; password?: string; source?: string };
  tls?: TlsSourceOptions;
  framing?: FramingConfig;
  decoding?: DecodingConfig;
  acknowledgements?: boolean | { enabled?: boolean };
  keepalive?: { max_connection_age_secs?: number; max_connection_age_jitter_factor?: number };
  max_pending_requests?: number;
}

export interface HttpServerSource extends Source {
  /** Resolves once listening (port 0 picks a free port). */
  address(): Promise<AddressInfo>;
}

function parseAddress(address: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]*)\]?:(\d+)$/.exec(address);
  return match === null ? undefined : { host: match[1] as string, port: Number(match[2]) };
}

function httpServerProblems(options: HttpServerOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  if (parseAddress(options.address) === undefined)
    problems.push({ path: 'address', message: `must be "ip:port" (got "${options.address}")` });
  const strategy = options.auth?.strategy ?? 'basic';
  if (options.auth !== undefined && strategy === 'custom')
    problems.push({
      path: 'auth.strategy',
      message: 'the custom strategy runs a VRL program, which Sluice does not have yet; use basic',
    });
  if (options.auth !== undefined && strategy === 'basic')
    for (const field of ['username', 'password'] as const)
      if (options.auth[field] === undefined)
        problems.push({ path: `auth.${field}`, message: 'is required with the basic strategy' });
  if (options.tls?.enabled === true && options.tls.crt_file === undefined)
    problems.push({
      path: 'tls.crt_file',
      message: 'a TLS server needs a certificate (crt_file and key_file)',
    });
  return problems;
}

/** A `headers` / `query_parameters` entry: an exact name, or a pattern with `*` and `?`. */
function matcherOf(pattern: string): (name: string) => boolean {
  if (!/[*?[]/.test(pattern)) return (name) => name === pattern;
  const source = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  const regex = new RegExp(`^${source}$`);
  return (name) => regex.test(name);
}

/** The fields a request adds to each event: Vector's `add_headers` and `add_query_parameters`. */
function requestFields(
  patterns: readonly string[],
  values: ReadonlyMap<string, string>,
  caseInsensitive: boolean,
): Array<[string, string | null]> {
  const fields: Array<[string, string | null]> = [];
  for (const pattern of patterns) {
    if (!/[*?[]/.test(pattern)) {
      // An exact name is always added, null when the request lacks it.
      fields.push([pattern, values.get(caseInsensitive ? pattern.toLowerCase() : pattern) ?? null]);
      continue;
    }
    const matches = matcherOf(caseInsensitive ? pattern.toLowerCase() : pattern);
    for (const [name, value] of values) if (matches(name)) fields.push([name, value]);
  }
  return fields;
}

const sameText = (given: string, expected: string) => {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
};

function answer(
  response: ServerResponse,
  status: number,
  message?: string,
  headers: Record<string, string> = {},
) {
  if (response.headersSent) return;
  if (message === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify({ code: status, message }));
}

/**
 * Vector's `http_server` source: each request's body (decompressed by its Content-Encoding) is
 * framed and decoded into events, which get the request path, the named headers and query
 * parameters, and the peer's address; the request is answered `response_code` once the events
 * are taken downstream (buffered) — with acknowledgements, once they are delivered (400 when a
 * sink rejected them). Beyond Vector: with `max_pending_requests`, a request that would wait
 * behind that many others is answered 503 with Retry-After and its events are not taken, so a
 * client retries instead of holding connections open.
 */
export function createHttpServerSource(
  options: HttpServerOptions,
  context: ComponentContext,
): HttpServerSource {
  refuseInvalidOptions(httpServerProblems(options));
  const listenOn = parseAddress(options.address) as { host: string; port: number };
  const tls = options.tls?.enabled === true ? tlsServerOptions(options.tls) : undefined;
  // Vector's default framing of a stream: newline_delimited (gelf: `\0`), as the socket source.
  const decoding = new SourceDecoding({ framing: options.framing, decoding: options.decoding }, context);
  const decode = createDecoder(options.decoding);
  const acknowledgements =
    context.acknowledgements ||
    options.acknowledgements === true ||
    (typeof options.acknowledgements === 'object' && options.acknowledgements.enabled === true);
  const metrics = {
    receivedBytes: context.metrics.counter('component_received_bytes_total', {
      protocol: tls ? 'https' : 'http',
    }),
    receivedEvents: context.metrics.counter('component_received_events_total'),
    receivedEventBytes: context.metrics.counter('component_received_event_bytes_total'),
    badRequests: context.metrics.counter('component_errors_total', {
      error_type: 'request_failed',
      stage: 'receiving',
    }),
    busy: context.metrics.counter('component_errors_total', {
      error_type: 'backpressure',
      stage: 'receiving',
    }),
    parseFailed: context.metrics.counter('component_errors_total', {
      error_code: 'decoder_deserialize',
      error_type: 'parser_failed',
      stage: 'processing',
    }),
  };
  const warnBadRequest = rateLimitedLog(context.logger, 'warn');
  const warnBusy = rateLimitedLog(context.logger, 'warn');
  const connectedAt = new WeakMap<Socket, number>();
  const maxAgeMs = (() => {
    const seconds = options.keepalive?.max_connection_age_secs;
    if (seconds === undefined) return undefined;
    const jitter = options.keepalive?.max_connection_age_jitter_factor ?? 0.1;
    return () => seconds * 1000 * (1 - jitter + Math.random() * 2 * jitter);
  })();
  let pendingRequests = 0;
  let resolveAddress: (address: AddressInfo) => void = () => {};
  let rejectAddress: (error: Error) => void = () => {};
  const listening = new Promise<AddressInfo>((resolve, reject) => {
    resolveAddress = resolve;
    rejectAddress = reject;
  });
  listening.catch(() => {});

  const eventsOf = (
    body: Buffer,
    request: IncomingMessage,
    pathname: string,
    query: URLSearchParams,
  ): LogEvent[] => {
    const framer = decoding.newFramer();
    const first = framer.push(body);
    const last = framer.end();
    decoding.account(first);
    decoding.account(last);
    const frames = [...first.lines, ...last.lines];
    const timestamp = currentTimestamp();
    const base: FieldMap = { timestamp, source_type: 'http_server' };
    if (options.path_key !== '') base[options.path_key] = pathname;
    const headers = new Map(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(',') : (value ?? ''),
      ]),
    );
    for (const [name, value] of requestFields(options.headers, headers, true)) base[name] ??= value;
    for (const [name, value] of requestFields(options.query_parameters, new Map(query), false))
      base[name] ??= value;
    const events: LogEvent[] = [];
    for (const frame of frames) {
      const decoded = decode === undefined ? [{ message: frame }] : decode(frame);
      if (decoded instanceof Error) {
        // As Vector: a body that does not decode is refused whole, the client told.
        metrics.parseFailed.increment();
        throw new RequestError(400, `Failed decoding body: ${decoded.message}`);
      }
      for (const fields of decoded) {
        for (const key in base) if (!(key in fields)) fields[key] = base[key] as FieldMap[string];
        if (options.host_key !== undefined && options.host_key !== '')
          fields[options.host_key] = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
        events.push(
          createLogEvent(fields, {
            byteSize: frame.length + EVENT_OVERHEAD_BYTES,
            structured: decode !== undefined,
          }),
        );
      }
    }
    metrics.receivedEvents.increment(events.length);
    let bytes = 0;
    for (const event of events) bytes += event.metadata.byteSize;
    metrics.receivedEventBytes.increment(bytes);
    return events;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, emit: Emit) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const started = connectedAt.get(request.socket);
    if (maxAgeMs !== undefined && started !== undefined && performance.now() - started > maxAgeMs())
      response.setHeader('connection', 'close');
    if (request.method === 'GET' && url.pathname === '/ping') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('pong');
      return;
    }
    const configured = options.path.split('/').filter(Boolean);
    const given = url.pathname.split('/').filter(Boolean);
    const pathMatches =
      configured.every((part, index) => given[index] === part) &&
      (!options.strict_path || given.length === configured.length);
    if (!pathMatches) throw new RequestError(404, 'Not found');
    if (request.method !== options.method) throw new RequestError(405, 'HTTP method not allowed');
    if (options.auth !== undefined) {
      const header = request.headers.authorization;
      if (header === undefined) throw new RequestError(401, 'No authorization header');
      const expected = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
      if (!sameText(header, expected)) throw new RequestError(401, 'Invalid username/password');
    }
    if (options.max_pending_requests !== undefined && pendingRequests >= options.max_pending_requests) {
      metrics.busy.increment();
      warnBusy('request answered 503: downstream is not keeping up (max_pending_requests)', {
        pending_requests: pendingRequests,
      });
      answer(response, 503, 'Service busy; retry later', { 'retry-after': '1' });
      return;
    }
    pendingRequests += 1;
    try {
      const raw = await readBody(request);
      metrics.receivedBytes.increment(raw.length);
      const body = decompressBody(request.headers['content-encoding'], raw);
      const events = eventsOf(body, request, url.pathname, url.searchParams);
      if (events.length === 0) {
        answer(response, options.response_code);
        return;
      }
      let delivered: Promise<DeliveryStatus> | undefined;
      if (acknowledgements) delivered = new Promise((resolve) => attachFinalizer(events, resolve));
      await emit(events);
      const status = (await delivered) ?? 'delivered';
      if (status === 'rejected') throw new RequestError(400, 'Contents failed to deliver to sink');
      answer(response, options.response_code);
    } finally {
      pendingRequests -= 1;
    }
  };

  return {
    address: () => listening,
    run(emit, signal) {
      const onRequest = (request: IncomingMessage, response: ServerResponse) => {
        handle(request, response, emit).catch((error: unknown) => {
          const status = error instanceof RequestError ? error.status : 500;
          if (status >= 400 && status !== 404) {
            metrics.badRequests.increment();
            warnBadRequest('HTTP request failed', { status, error: (error as Error).message });
          }
          answer(response, status, (error as Error).message);
          // The rest of a body not read (413) is not waited for.
          if (!request.complete) request.socket.destroySoon?.();
        });
      };
      const server: Server = tls === undefined ? createServer(onRequest) : createHttpsServer(tls, onRequest);
      server.on('connection', (socket: Socket) => connectedAt.set(socket, performance.now()));
      return new Promise<void>((resolve, reject) => {
        server.once('error', (error) => {
          rejectAddress(error);
          reject(error);
        });
        server.listen(listenOn.port, listenOn.host, () => {
          const bound = server.address() as AddressInfo;
          context.logger.info(
            `listening on http${tls ? 's' : ''}://${bound.address}:${bound.port}${options.path}`,
            {
              address: `${bound.address}:${bound.port}`,
            },
          );
          resolveAddress(bound);
        });
        const stop = () => {
          // In-flight requests finish (their events are taken or refused); idle connections close.
          server.close(() => resolve());
          server.closeIdleConnections();
        };
        if (signal.aborted) stop();
        else signal.addEventListener('abort', stop, { once: true });
      });
    },
  };
}

const tlsSchema = (socketSource.optionsSchema as { properties: Record<string, JsonSchema> }).properties.tls;

const optionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['address'],
  properties: {
    address: {
      type: 'string',
      description: 'The "ip:port" to listen on; port 0 picks a free port.',
      examples: ['0.0.0.0:8080'],
    },
    path: { type: 'string', default: '/', description: 'The URL path events are accepted on.' },
    strict_path: {
      type: 'boolean',
      default: true,
      description: 'Only `path` itself; false also accepts any path below it.',
    },
    method: { type: 'string', enum: [...METHODS], default: 'POST', description: 'The HTTP method accepted.' },
    path_key: {
      type: 'string',
      default: 'path',
      description: 'Field for the request path (kept when the decoded event has it); "" leaves it out.',
    },
    host_key: {
      type: 'string',
      description: "Field for the client's IP address (overwrites). Default: none, as Vector.",
    },
    headers: {
      type: 'array',
      items: { type: 'string' },
      default: [],
      description:
        'Request headers to add as fields, by name (`User-Agent`, null when absent) or pattern (`X-*`, `*`).',
    },
    query_parameters: {
      type: 'array',
      items: { type: 'string' },
      default: [],
      description: 'Query parameters to add as fields, by name (null when absent) or pattern (`param*`).',
    },
    response_code: {
      type: 'integer',
      minimum: 200,
      maximum: 299,
      default: 200,
      description: 'The status of a request whose events were taken (202, 204, …).',
    },
    auth: {
      type: 'object',
      additionalProperties: false,
      description: 'Basic authentication every request must carry (strategy "basic", the default).',
      properties: {
        strategy: {
          type: 'string',
          enum: ['basic', 'custom'],
          default: 'basic',
          description: 'basic (custom needs VRL).',
        },
        username: { type: 'string', description: 'The user name.' },
        password: { type: 'string', writeOnly: true, description: 'The password (never printed).' },
        source: { type: 'string', description: "custom: Vector's VRL program (not supported yet)." },
      },
    },
    tls: tlsSchema,
    framing: {
      ...framingOptionSchema,
      description: 'How a body is split into frames; default newline_delimited, as Vector.',
    },
    decoding: decodingOptionSchema,
    acknowledgements: {
      description:
        'Answer only once the events are delivered (400 when a sink rejected them), as Vector; also on when any sink connected has acknowledgements.',
      oneOf: [
        { type: 'boolean' },
        { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' } } },
      ],
    },
    keepalive: {
      type: 'object',
      additionalProperties: false,
      description: 'Connection reuse limits.',
      properties: {
        max_connection_age_secs: {
          type: 'integer',
          minimum: 1,
          description:
            'After this long a connection is closed after its next response (`Connection: close`). Default: never.',
        },
        max_connection_age_jitter_factor: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          default: 0.1,
          description: 'Spread of the age, ± this fraction, so clients do not reconnect together.',
        },
      },
    },
    max_pending_requests: {
      type: 'integer',
      minimum: 1,
      description:
        'Sluice extension: a request that would wait behind this many others (downstream full) is answered 503 with Retry-After: 1, its events not taken. Default: requests wait, as Vector.',
    },
  },
};

export const httpServerSource = defineSource<HttpServerOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'http_server',
  description:
    "Receives events in HTTP requests (Vector's http_server): decoded bodies, answered once taken downstream.",
  optionsSchema,
  validate: httpServerProblems,
  create: (options, context) => createHttpServerSource(options, context),
});

/** Vector's older name of the source, with the same options (it warns: see deprecated types). */
export const httpSource = defineSource<HttpServerOptions>({
  ...httpServerSource,
  type: 'http',
  description: 'Deprecated (warns): the older name of http_server.',
});
