import type { Writable } from 'node:stream';
import { ConfigError, type Counter, type JsonSchema, type Logger, silentLogger } from '@sluice/component-api';
import {
  idPatternMatcher,
  MAX_TAP_CLIENTS,
  type MetricSample,
  type MetricsRegistry,
  type TapOptions,
  Taps,
  type TopologyPlan,
  VECTOR_REMOVED_GLOBALS,
} from '@sluice/core-topology';
import { createEncoder } from '@sluice/encoding';
import { metricsRoute, parseListenAddress, type Route } from './http-server.js';

/** Tapped events as Vector's JSON: keys sorted, whole floats, big integers and nanoseconds exact. */
const tapJson = createEncoder('json');

/** Vector's default API address. */
export const DEFAULT_API_ADDRESS = '127.0.0.1:8686';

/** Vector's `[api]` block. */
export const apiSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'The HTTP API: GET /health, /components, /metrics and /tap. No authentication: keep it on 127.0.0.1 or a private network.',
  properties: {
    enabled: { type: 'boolean', default: false, description: 'Serve the API.' },
    address: {
      type: 'string',
      default: DEFAULT_API_ADDRESS,
      description: 'HOST:PORT to listen on (0.0.0.0:8686 inside a container).',
    },
  },
};

export interface ApiOptions {
  enabled: boolean;
  address: string;
}

/**
 * The `[api]` block of a loaded config, checked (Vector's own options refuse unknown keys, as
 * Vector does). `locate` names the file a path came from.
 */
export function apiOptionsOf(value: unknown, locate: (path: string) => string | undefined): ApiOptions {
  if (value === undefined) return { enabled: false, address: DEFAULT_API_ADDRESS };
  const problems: Array<{ file: string | undefined; path: string; message: string }> = [];
  const problem = (path: string, message: string) => problems.push({ file: locate(path), path, message });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problem('api', 'must be a table');
    throw new ConfigError(problems);
  }
  const table = value as Record<string, unknown>;
  const known = Object.keys((apiSchema as { properties: object }).properties);
  for (const key of Object.keys(table)) {
    if (!known.includes(key))
      problem(
        `api.${key}`,
        VECTOR_REMOVED_GLOBALS[`api.${key}`] ?? `unknown option (known: ${known.join(', ')})`,
      );
  }
  for (const key of ['enabled']) {
    if (table[key] !== undefined && typeof table[key] !== 'boolean')
      problem(`api.${key}`, `must be true or false (got ${JSON.stringify(table[key])})`);
  }
  const address = table.address ?? DEFAULT_API_ADDRESS;
  if (typeof address !== 'string') problem('api.address', 'must be a string "HOST:PORT"');
  else {
    try {
      parseListenAddress(address);
    } catch (error) {
      problem('api.address', (error as Error).message);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { enabled: table.enabled === true, address: address as string };
}

export interface BufferStageView {
  stage: number;
  type: string;
  events: number;
  bytes: number;
  max_events: number | null;
  max_bytes: number | null;
}

export interface ComponentView {
  id: string;
  kind: string;
  type: string;
  received_events: number;
  received_bytes: number;
  sent_events: number;
  sent_bytes: number;
  errors: number;
  discarded_events: number;
  /** A sink's buffer fill (every stage summed), with each stage. */
  buffer?: {
    events: number;
    bytes: number;
    max_events: number | null;
    max_bytes: number | null;
    stages: BufferStageView[];
  };
}

const COUNTERS: ReadonlyArray<[keyof ComponentView, string]> = [
  ['received_events', 'component_received_events_total'],
  ['received_bytes', 'component_received_event_bytes_total'],
  ['sent_events', 'component_sent_events_total'],
  ['sent_bytes', 'component_sent_event_bytes_total'],
  ['errors', 'component_errors_total'],
  ['discarded_events', 'component_discarded_events_total'],
];

const STAGE_GAUGES: ReadonlyArray<[keyof BufferStageView, string]> = [
  ['events', 'buffer_size_events'],
  ['bytes', 'buffer_size_bytes'],
  ['max_events', 'buffer_max_size_events'],
  ['max_bytes', 'buffer_max_size_bytes'],
];

/** A component of the running topology: what `/components` lists even before it counts anything. */
export interface ComponentIdentity {
  id: string;
  kind: string;
  type: string;
}

/** The components of a plan, sources first, then transforms and sinks. */
export function componentsOf(plan: TopologyPlan): ComponentIdentity[] {
  return [
    ...[...plan.sources.values()].map(({ id, type }) => ({ id, kind: 'source', type })),
    ...[...plan.transforms.values()].map(({ id, type }) => ({ id, kind: 'transform', type })),
    ...[...plan.sinks.values()].map(({ id, type }) => ({ id, kind: 'sink', type })),
  ];
}

function emptyView({ id, kind, type }: ComponentIdentity): ComponentView {
  return {
    id,
    kind,
    type,
    received_events: 0,
    received_bytes: 0,
    sent_events: 0,
    sent_bytes: 0,
    errors: 0,
    discarded_events: 0,
  };
}

/**
 * Per-component counters and buffer fill, from the metrics (what `sluice top` shows). With the
 * running components (`known`), each is listed, an idle one with zeros, and only they are: the
 * metrics of a component a reload removed are left out.
 */
export function componentsView(
  samples: readonly MetricSample[],
  known?: readonly ComponentIdentity[],
): ComponentView[] {
  const components = new Map<string, ComponentView>(
    (known ?? []).map((component) => [component.id, emptyView(component)]),
  );
  for (const sample of samples) {
    const { component_id: id, component_kind: kind, component_type: type } = sample.labels;
    if (id === undefined || kind === undefined || kind === '' || type === undefined) continue;
    let view = components.get(id);
    if (view === undefined) {
      if (known !== undefined) continue;
      view = emptyView({ id, kind, type });
      components.set(id, view);
    }
    const field = COUNTERS.find(([, name]) => name === sample.name)?.[0];
    if (field !== undefined) (view[field] as number) += sample.value;
  }
  for (const sample of samples) {
    const field = STAGE_GAUGES.find(([, name]) => name === sample.name)?.[0];
    const view = components.get(sample.labels.component_id ?? '');
    if (field === undefined || view === undefined) continue;
    view.buffer ??= { events: 0, bytes: 0, max_events: 0, max_bytes: 0, stages: [] };
    const index = Number(sample.labels.stage);
    let stage = view.buffer.stages.find((candidate) => candidate.stage === index);
    if (stage === undefined) {
      stage = {
        stage: index,
        type: sample.labels.buffer_type ?? '',
        events: 0,
        bytes: 0,
        max_events: null,
        max_bytes: null,
      };
      view.buffer.stages.push(stage);
    }
    (stage[field] as number) = sample.value;
  }
  for (const view of components.values()) {
    const buffer = view.buffer;
    if (buffer === undefined) continue;
    buffer.stages.sort((a, b) => a.stage - b.stage);
    const total = (field: 'events' | 'bytes') => buffer.stages.reduce((sum, stage) => sum + stage[field], 0);
    // A capacity is known only when every stage has one (a disk stage has none in events).
    const capacity = (field: 'max_events' | 'max_bytes') =>
      buffer.stages.every((stage) => stage[field] !== null && stage[field] > 0)
        ? buffer.stages.reduce((sum, stage) => sum + (stage[field] ?? 0), 0)
        : null;
    buffer.events = total('events');
    buffer.bytes = total('bytes');
    buffer.max_events = capacity('max_events');
    buffer.max_bytes = capacity('max_bytes');
  }
  return [...components.values()];
}

const json = (status: number, value: unknown) => ({
  status,
  type: 'application/json',
  body: JSON.stringify(value),
});

/** `sluice tap`'s defaults, Vector's: 100 events per 500 ms. */
export const DEFAULT_TAP_LIMIT = 100;
export const DEFAULT_TAP_INTERVAL_MS = 500;

/** Bytes a tap client may have waiting to be sent: beyond it, its sample is dropped. */
export const MAX_TAP_BUFFERED_BYTES = 256 * 1024;
export { MAX_TAP_CLIENTS };

/**
 * How a tap client's stream takes sampled events: while it holds less than
 * `MAX_TAP_BUFFERED_BYTES` unsent, each as one NDJSON line; beyond, or a line that would not fit,
 * the event is dropped and counted. The pipeline never waits for a client, nor queues for it.
 */
export function tapClient(
  output: Writable,
  dropped: Counter,
): Pick<TapOptions, 'deliver' | 'accepting' | 'onDropped'> {
  const accepting = () => output.writableLength < MAX_TAP_BUFFERED_BYTES;
  return {
    accepting,
    onDropped: (count) => dropped.increment(count),
    deliver: (componentId, event) => {
      if (!accepting()) return false;
      // The event as Vector's JSON writes it (its numbers and timestamps exact): a TapLine.
      const line = `{"component_id":${JSON.stringify(componentId)},"event":${tapJson.encodeToString(event)}}\n`;
      if (output.writableLength + Buffer.byteLength(line) > MAX_TAP_BUFFERED_BYTES) return false;
      output.write(line);
      return true;
    },
  };
}

/** One line of `/tap`'s NDJSON answer. */
export interface TapLine {
  component_id: string;
  event: Record<string, unknown>;
}

/** The first lines of `/tap`'s answer: whether each pattern matches a running component. */
export interface TapNotification {
  notification: { pattern: string; matched: boolean; message: string };
}

/**
 * What each pattern matches, as Vector's tap says it: outputs of sources and transforms, inputs of
 * transforms and sinks.
 */
export function tapNotifications(
  outputsOf: readonly string[],
  inputsOf: readonly string[],
  components: readonly ComponentIdentity[],
): TapNotification[] {
  const check = (patterns: readonly string[], kinds: readonly string[]) =>
    patterns.map((pattern) => {
      const matches = idPatternMatcher([pattern]);
      const matched = components.some((component) => kinds.includes(component.kind) && matches(component.id));
      const message = matched
        ? `[tap] Pattern '${pattern}' successfully matched.`
        : `[tap] Pattern '${pattern}' failed to match: will retry on configuration reload.`;
      return { notification: { pattern, matched, message } };
    });
  return [...check(outputsOf, ['source', 'transform']), ...check(inputsOf, ['transform', 'sink'])];
}

/**
 * `GET /tap?outputs_of=ID&inputs_of=ID&limit=N&interval_ms=MS`: NDJSON, one sampled event a line,
 * until the client goes. Patterns are comma-separated or repeated, `*` a wildcard; none taps every
 * output. A client that reads too slowly misses events (counted in `tap_dropped_events_total`):
 * the pipeline never waits for it.
 */
export function tapRoute(
  taps: Taps,
  metrics: MetricsRegistry,
  logger: Logger,
  components: () => readonly ComponentIdentity[] | undefined = () => undefined,
): Route {
  const dropped = metrics.globalMetrics().counter('tap_dropped_events_total');
  return async (request) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const patterns = (name: string) =>
      query
        .getAll(name)
        .flatMap((value) => value.split(','))
        .map((pattern) => pattern.trim())
        .filter((pattern) => pattern !== '');
    const positive = (name: string, fallback: number) => {
      const value = query.get(name);
      if (value === null) return fallback;
      const number = Number(value);
      return Number.isInteger(number) && number > 0 ? number : undefined;
    };
    const limit = positive('limit', DEFAULT_TAP_LIMIT);
    const intervalMs = positive('interval_ms', DEFAULT_TAP_INTERVAL_MS);
    if (limit === undefined || intervalMs === undefined)
      return json(400, { error: 'limit and interval_ms must be positive integers' });
    let outputsOf = patterns('outputs_of');
    const inputsOf = patterns('inputs_of');
    if (outputsOf.length === 0 && inputsOf.length === 0) outputsOf = ['*'];
    if (taps.full) return json(503, { error: `too many tap clients (at most ${MAX_TAP_CLIENTS})` });
    return {
      status: 200,
      type: 'application/x-ndjson',
      stream: (response) => {
        const tap = taps.open({ outputsOf, inputsOf, limit, intervalMs, ...tapClient(response, dropped) });
        if (tap === undefined) {
          // Taken meanwhile by another client.
          response.end();
          return;
        }
        response.on('close', () => {
          tap.close();
          if (tap.dropped > 0)
            logger.warn('tap client read too slowly; events dropped from its sample', {
              events: tap.dropped,
            });
        });
        const known = components();
        if (known !== undefined)
          for (const line of tapNotifications(outputsOf, inputsOf, known))
            response.write(`${JSON.stringify(line)}\n`);
        // Headers now, so the client knows it is connected before the first event.
        response.flushHeaders();
      },
    };
  };
}

/**
 * The API's routes. `/health` as Vector's: `200 {"ok":true}` while running, `503 {"ok":false}`
 * once shutting down, so a load balancer stops sending before the sources close.
 */
export function apiRoutes(
  metrics: MetricsRegistry,
  state: { shuttingDown: boolean; components?: readonly ComponentIdentity[] },
  tap: { taps: Taps; logger: Logger } = { taps: new Taps(), logger: silentLogger },
): Record<string, Route> {
  return {
    '/tap': tapRoute(tap.taps, metrics, tap.logger, () => state.components),
    '/health': async () => (state.shuttingDown ? json(503, { ok: false }) : json(200, { ok: true })),
    '/components': async () =>
      json(200, { components: componentsView(await metrics.samples(), state.components) }),
    '/metrics': metricsRoute(metrics),
  };
}
