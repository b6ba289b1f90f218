import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import {
  type Batch,
  createLogEvent,
  defineSink,
  defineSource,
  type FieldMap,
  finalizeEvents,
  type LogEvent,
  rateLimitedLog,
  SPECIFICATION_VERSION,
  untilAborted,
} from '@sluice/component-api';

/*
 * Metric events: a log event whose fields are one metric in Vector's JSON shape
 * (`{"name","namespace","tags","timestamp","kind":"absolute","counter":{"value"}}`, or `gauge`),
 * which is what Vector's console sink prints for a metric. Only counters and gauges: a histogram of
 * the registry arrives as its `_bucket` (tag `le`), `_sum` and `_count` counters, as Prometheus
 * shows it anyway.
 */

export interface InternalMetricsOptions {
  scrape_interval_secs: number;
  namespace: string;
  tags?: { host_key?: string; pid_key?: string };
}

export const internalMetricsSource = defineSource<InternalMetricsOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'internal_metrics',
  description: "The process's own metrics as metric events, every scrape interval (as Vector's).",
  outputType: 'metric',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      scrape_interval_secs: {
        type: 'number',
        exclusiveMinimum: 0,
        default: 1,
        description: 'Seconds between two scrapes of the metrics registry.',
      },
      namespace: {
        type: 'string',
        default: 'vector',
        description: 'The namespace of every metric (`vector` keeps the names of Vector dashboards).',
      },
      tags: {
        type: 'object',
        additionalProperties: false,
        description: 'Tags added to every metric.',
        properties: {
          host_key: { type: 'string', description: 'A tag with this name holds the host name.' },
          pid_key: { type: 'string', description: 'A tag with this name holds the process id.' },
        },
      },
    },
  },
  create(options, context) {
    const extraTags: Record<string, string> = {};
    if (options.tags?.host_key !== undefined) extraTags[options.tags.host_key] = hostname();
    if (options.tags?.pid_key !== undefined) extraTags[options.tags.pid_key] = String(process.pid);
    const read = context.internalMetrics ?? (async () => []);
    return {
      async run(emit, signal) {
        while (!signal.aborted) {
          const timestamp = new Date().toISOString();
          const batch: Batch = (await read()).map((sample) =>
            createLogEvent(
              {
                name: sample.name,
                namespace: options.namespace,
                tags: { ...sample.labels, ...extraTags },
                timestamp,
                kind: 'absolute',
                [sample.type]: { value: sample.value },
              },
              { structured: true, byteSize: 64, dataType: 'metric' },
            ),
          );
          await emit(batch);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, options.scrape_interval_secs * 1000);
            function done() {
              clearTimeout(timer);
              signal.removeEventListener('abort', done);
              resolve();
            }
            signal.addEventListener('abort', done, { once: true });
          });
        }
      },
    };
  },
});

export interface PrometheusExporterOptions {
  address: string;
  default_namespace?: string;
  flush_period_secs: number;
}

export interface PrometheusSeries {
  name: string;
  type: 'counter' | 'gauge';
  tags: Record<string, string>;
  value: number;
  updatedAt: number;
}

/** A metric event's series, or undefined when the event is not a counter or gauge metric. */
function seriesOf(
  fields: FieldMap,
  defaultNamespace: string | undefined,
  now: number,
): PrometheusSeries | undefined {
  const type = 'counter' in fields ? 'counter' : 'gauge' in fields ? 'gauge' : undefined;
  const value = type === undefined ? undefined : (fields[type] as { value?: unknown } | undefined)?.value;
  if (type === undefined || typeof fields.name !== 'string' || typeof value !== 'number') return undefined;
  const namespace = typeof fields.namespace === 'string' ? fields.namespace : defaultNamespace;
  const tags = (fields.tags ?? {}) as Record<string, unknown>;
  return {
    name: namespace === undefined || namespace === '' ? fields.name : `${namespace}_${fields.name}`,
    type,
    tags: Object.fromEntries(Object.entries(tags).map(([key, tag]) => [key, String(tag)])),
    value,
    updatedAt: now,
  };
}

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** The Prometheus text exposition of the series, grouped by name. */
export function renderPrometheus(series: Iterable<PrometheusSeries>): string {
  const byName = new Map<string, PrometheusSeries[]>();
  for (const one of series) {
    const group = byName.get(one.name);
    if (group === undefined) byName.set(one.name, [one]);
    else group.push(one);
  }
  const lines: string[] = [];
  for (const [name, group] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    // `_bucket`/`_sum`/`_count` of a histogram come as counters; an untyped family is still valid.
    lines.push(`# TYPE ${name} ${group[0]?.type}`);
    for (const one of group) {
      const labels = Object.entries(one.tags)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
        .join(',');
      lines.push(`${name}${labels === '' ? '' : `{${labels}}`} ${one.value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function listenAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  const port = Number(address.slice(colon + 1));
  if (colon === -1 || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`address must be "host:port" (got "${address}")`);
  return { host: address.slice(0, colon).replace(/^\[|\]$/g, '') || '0.0.0.0', port };
}

export const prometheusExporterSink = defineSink<PrometheusExporterOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'prometheus_exporter',
  description: 'Serves the metric events it gets in the Prometheus text format, for a scraper (as Vector).',
  inputTypes: ['metric'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      address: {
        type: 'string',
        default: '0.0.0.0:9598',
        description: 'The "host:port" to serve on (any path answers with the metrics, as Vector).',
      },
      default_namespace: {
        type: 'string',
        description: 'The namespace of metrics that have none (`internal_metrics` sets one).',
      },
      flush_period_secs: {
        type: 'number',
        exclusiveMinimum: 0,
        default: 60,
        description: 'A series not updated for this long is no longer served.',
      },
    },
  },
  create(options, context) {
    const { host, port } = listenAddress(options.address);
    const series = new Map<string, PrometheusSeries>();
    const expiryMs = options.flush_period_secs * 1000;
    const sent = context.metrics.counter('component_sent_events_total');
    const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'false' });
    const warn = rateLimitedLog(context.logger, 'warn');
    let server: Server | undefined;
    const current = () => {
      const now = performance.now();
      for (const [key, one] of series) if (now - one.updatedAt > expiryMs) series.delete(key);
      return series.values();
    };
    return {
      maxHeldEvents: 0,
      async run(input) {
        server = createServer((_request, response) => {
          response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
          response.end(renderPrometheus(current()));
        });
        const listening = server;
        await new Promise<void>((resolve, reject) => {
          listening.once('error', reject);
          listening.listen(port, host, () => resolve());
        });
        const bound = listening.address();
        if (bound !== null && typeof bound === 'object')
          context.logger.info(`serving metrics on http://${bound.address}:${bound.port}/metrics`, {
            address: `${bound.address}:${bound.port}`,
          });
        try {
          for await (const batch of untilAborted(input, context.signal)) {
            const now = performance.now();
            const refused: LogEvent[] = [];
            for (const event of batch) {
              const one = seriesOf(event.fields, options.default_namespace, now);
              if (one === undefined) {
                refused.push(event);
                continue;
              }
              series.set(`${one.name}\0${JSON.stringify(Object.entries(one.tags).sort())}`, one);
            }
            finalizeEvents(refused, 'rejected');
            if (refused.length > 0) {
              discarded.increment(refused.length);
              warn('events that are not counter or gauge metrics were rejected', { events: refused.length });
            }
            const accepted = batch.filter((event) => !refused.includes(event));
            finalizeEvents(accepted, 'delivered');
            sent.increment(accepted.length);
          }
        } finally {
          await new Promise<void>((resolve) => {
            listening.close(() => resolve());
            listening.closeAllConnections();
          });
        }
      },
    };
  },
});
