import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import {
  type Batch,
  createLogEvent,
  defineSink,
  defineSource,
  finalizeEvents,
  type LogEvent,
  rateLimitedLog,
  SPECIFICATION_VERSION,
  untilAborted,
} from '@sluice/component-api';
import {
  addValues,
  DEFAULT_BUCKETS,
  DEFAULT_QUANTILES,
  type PrometheusSeries,
  renderPrometheus,
  seriesOf,
} from './prometheus-series.js';

/*
 * Metric events: a log event whose fields are one metric in Vector's JSON shape
 * (`{"name","namespace","tags","timestamp","kind":"absolute","counter":{"value"}}`), which is what
 * Vector's console sink prints for a metric. internal_metrics emits counters and gauges (a
 * histogram of the registry arrives as its `_bucket`, `_sum` and `_count` counters, as Prometheus
 * shows it anyway); prometheus_exporter also serves sets, distributions, aggregated histograms and
 * summaries (see prometheus-series.ts).
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
  buckets: number[];
  quantiles: number[];
  distributions_as_summaries: boolean;
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
      buckets: {
        type: 'array',
        items: { type: 'number' },
        default: [...DEFAULT_BUCKETS],
        description:
          'Upper limits of the histogram buckets a distribution is served in (its `_bucket{le=…}`, `_sum`, `_count`), as Vector.',
      },
      quantiles: {
        type: 'array',
        items: { type: 'number', minimum: 0, maximum: 1 },
        default: [...DEFAULT_QUANTILES],
        description:
          'The quantiles a distribution is served at with distributions_as_summaries (`{quantile=…}`), as Vector.',
      },
      distributions_as_summaries: {
        type: 'boolean',
        default: false,
        description:
          'Serve distributions as summaries (at `quantiles`, from a sketch with 1 % relative error) instead of histograms over `buckets`.',
      },
    },
  },
  create(options, context) {
    const { host, port } = listenAddress(options.address);
    const series = new Map<string, PrometheusSeries>();
    const expiryMs = options.flush_period_secs * 1000;
    const seriesOptions = {
      defaultNamespace: options.default_namespace,
      buckets: [...options.buckets].sort((a, b) => a - b),
      quantiles: options.quantiles,
      distributionsAsSummaries: options.distributions_as_summaries,
    };
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
          response.end(renderPrometheus(current(), options.quantiles));
        });
        const listening = server;
        await new Promise<void>((resolve, reject) => {
          listening.once('error', reject);
          listening.listen(port, host, () => resolve());
        });
        const bound = listening.address();
        if (bound !== null && typeof bound === 'object') {
          context.logger.info(`serving metrics on http://${bound.address}:${bound.port}/metrics`, {
            address: `${bound.address}:${bound.port}`,
          });
          // Vector's default, kept: but whoever can reach the host can read the metrics.
          if (bound.address === '0.0.0.0' || bound.address === '::')
            context.logger.warn(
              `the metrics are served on every network interface (${bound.address}:${bound.port}); set address = "127.0.0.1:${bound.port}" to serve them on this host only`,
            );
        }
        try {
          for await (const batch of untilAborted(input, context.signal)) {
            const now = performance.now();
            const refused: LogEvent[] = [];
            for (const event of batch) {
              const found = seriesOf(event.fields, seriesOptions, now);
              if (found === undefined) {
                refused.push(event);
                continue;
              }
              const { series: one, incremental } = found;
              const key = `${one.name}\0${JSON.stringify(Object.entries(one.tags).sort())}`;
              // An incremental metric adds to what the series holds (Vector's normalize); an
              // absolute one, or one that does not add up, replaces it.
              const previous = incremental ? series.get(key) : undefined;
              const sum = previous === undefined ? undefined : addValues(previous.value, one.value);
              series.set(key, sum === undefined ? one : { ...one, value: sum });
            }
            finalizeEvents(refused, 'rejected');
            if (refused.length > 0) {
              discarded.increment(refused.length);
              warn('events that are not metrics were rejected', { events: refused.length });
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
