import type { ComponentMetrics, Counter, Gauge, Histogram, MetricLabels } from '@sluice/component-api';
import {
  collectDefaultMetrics,
  Counter as PromCounter,
  Gauge as PromGauge,
  Histogram as PromHistogram,
  Registry,
} from 'prom-client';

type MetricType = 'counter' | 'gauge' | 'histogram';

/** One series' value (histograms give their `_bucket`, `_sum` and `_count` series). */
export interface MetricSample {
  name: string;
  /** Histograms' series are counters (`_bucket`, `_sum`, `_count`). */
  type: 'counter' | 'gauge';
  labels: Record<string, string>;
  value: number;
}

interface CatalogueEntry {
  type: MetricType;
  help: string;
  /** Labels beyond the component's own, declared up front so every series carries them. */
  labels?: readonly string[];
  /** Labels only some series carry (and the others leave out, not empty). */
  optionalLabels?: readonly string[];
}

/** Vector's metric names, so existing dashboards carry over. */
const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  component_received_events_total: { type: 'counter', help: 'Events received by the component.' },
  component_received_event_bytes_total: { type: 'counter', help: 'Estimated bytes of the events received.' },
  component_received_bytes_total: {
    type: 'counter',
    help: 'Raw bytes received from the network.',
    labels: ['protocol'],
  },
  // `output`: the named output of a transform that has some (`_default` for its default one).
  component_sent_events_total: {
    type: 'counter',
    help: 'Events sent (sinks: delivered) by the component.',
    optionalLabels: ['output'],
  },
  component_sent_event_bytes_total: {
    type: 'counter',
    help: 'Estimated bytes of the events sent.',
    optionalLabels: ['output'],
  },
  component_sent_bytes_total: { type: 'counter', help: 'Raw bytes sent over the network (request bodies).' },
  component_errors_total: {
    type: 'counter',
    help: 'Errors, by error_code, error_type and stage.',
    labels: ['error_code', 'error_type', 'stage'],
  },
  component_discarded_events_total: {
    type: 'counter',
    help: 'Events discarded, intentional="true" on purpose (drop_newest, filters), "false" by error.',
    labels: ['intentional'],
  },
  buffer_received_events_total: { type: 'counter', help: 'Events written into a buffer stage.' },
  buffer_received_bytes_total: { type: 'counter', help: 'Bytes written into a buffer stage.' },
  buffer_sent_events_total: { type: 'counter', help: 'Events read out of a buffer stage.' },
  buffer_sent_bytes_total: { type: 'counter', help: 'Bytes read out of a buffer stage.' },
  buffer_discarded_events_total: {
    type: 'counter',
    help: 'Events a buffer stage discarded.',
    labels: ['intentional'],
  },
  buffer_errors_total: { type: 'counter', help: 'Buffer errors, by error_code.', labels: ['error_code'] },
  buffer_size_events: { type: 'gauge', help: 'Events held by a buffer stage.' },
  buffer_size_bytes: { type: 'gauge', help: 'Bytes held by a buffer stage.' },
  buffer_max_size_events: { type: 'gauge', help: 'Capacity of a buffer stage in events.' },
  buffer_max_size_bytes: { type: 'gauge', help: 'Capacity of a buffer stage in bytes.' },
};

type PromMetric = PromCounter<string> | PromGauge<string> | PromHistogram<string>;

/** A counter's or a gauge's series: counted here, handed to prom-client when it collects. */
interface Series {
  readonly labels: Record<string, string>;
  /** A counter's increments since the last collection; a gauge's value. */
  value: number;
  /** Whether it was written: a series appears once written, as in prom-client. */
  written: boolean;
}

/**
 * The process's metrics, on prom-client with a registry of its own. Counters and gauges count in a
 * plain number per series, handed to prom-client when it collects (a scrape, `samples()`): prom-client
 * hashes a series' labels on every update, even through a bound child, and the hot path updates
 * a few of them per batch. Histograms are prom-client children bound once.
 */
export class MetricsRegistry {
  readonly #registry = new Registry();
  readonly #metrics = new Map<
    string,
    { metric: PromMetric; labelNames: string[]; optional: ReadonlySet<string>; series: Map<string, Series> }
  >();

  get contentType(): string {
    return this.#registry.contentType;
  }

  /** Metrics of a source, transform or sink. */
  componentMetrics(labels: {
    component_id: string;
    component_kind: string;
    component_type: string;
  }): ComponentMetrics {
    return this.#view(labels);
  }

  /** Metrics of the process, not of a component (`config_reloads_total`). */
  globalMetrics(): ComponentMetrics {
    return this.#view({});
  }

  /** Metrics of one stage of a sink's buffer chain. */
  bufferMetrics(sinkId: string, stageIndex: number, bufferType: string): ComponentMetrics {
    return this.#view({ component_id: sinkId, stage: String(stageIndex), buffer_type: bufferType });
  }

  /**
   * Adds the process's own metrics: CPU, resident memory, heap, event-loop lag, open handles
   * (prom-client's defaults), `build_info` (version, Node version) and `uptime_seconds`, as Vector.
   */
  collectProcessMetrics(build: { version: string }): void {
    collectDefaultMetrics({ register: this.#registry });
    new PromGauge({
      name: 'build_info',
      help: 'Build information; the value is always 1.',
      labelNames: ['version', 'node_version', 'arch'],
      registers: [this.#registry],
    })
      .labels({ version: build.version, node_version: process.version, arch: process.arch })
      .set(1);
    const started = performance.now();
    new PromGauge({
      name: 'uptime_seconds',
      help: 'Seconds since the process started collecting metrics.',
      registers: [this.#registry],
      collect() {
        this.set((performance.now() - started) / 1000);
      },
    });
  }

  /** Every series' current value, for JSON views of the metrics (the API's `/components`). */
  async samples(): Promise<MetricSample[]> {
    const samples: MetricSample[] = [];
    for (const metric of await this.#registry.getMetricsAsJSON()) {
      for (const value of metric.values) {
        samples.push({
          name: (value as { metricName?: string }).metricName ?? metric.name,
          type: String(metric.type) === 'gauge' ? 'gauge' : 'counter',
          labels: Object.fromEntries(
            Object.entries(value.labels).map(([key, label]) => [key, String(label)]),
          ),
          value: value.value,
        });
      }
    }
    return samples;
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.#registry.metrics();
  }

  #view(base: MetricLabels): ComponentMetrics {
    return {
      counter: (name, labels) => this.#child(name, 'counter', { ...base, ...labels }) as Counter,
      gauge: (name, labels) => this.#child(name, 'gauge', { ...base, ...labels }) as Gauge,
      histogram: (name, labels) => this.#child(name, 'histogram', { ...base, ...labels }) as Histogram,
    };
  }

  #child(name: string, requested: MetricType, labels: MetricLabels): Counter | Gauge | Histogram {
    let entry = this.#metrics.get(name);
    if (entry === undefined) {
      const optional = new Set(CATALOGUE[name]?.optionalLabels ?? []);
      const labelNames = [
        ...new Set([...Object.keys(labels), ...(CATALOGUE[name]?.labels ?? []), ...optional]),
      ].sort();
      const type = CATALOGUE[name]?.type ?? requested;
      const series = new Map<string, Series>();
      const configuration = {
        name,
        help: CATALOGUE[name]?.help ?? name.replaceAll('_', ' '),
        labelNames,
        registers: [this.#registry],
      };
      const metric =
        type === 'counter'
          ? new PromCounter({
              ...configuration,
              collect() {
                for (const each of series.values()) {
                  if (!each.written) continue;
                  this.inc(each.labels, each.value);
                  each.value = 0;
                }
              },
            })
          : type === 'gauge'
            ? new PromGauge({
                ...configuration,
                collect() {
                  for (const each of series.values()) if (each.written) this.set(each.labels, each.value);
                },
              })
            : new PromHistogram(configuration);
      entry = { metric, labelNames, optional, series };
      this.#metrics.set(name, entry);
    }
    // A series must carry every label name of its metric (but the optional ones): fill the missing
    // with "". An error counted without a code is counted under its type, so every series of errors
    // has a code.
    const complete: Record<string, string> = {};
    for (const labelName of entry.labelNames) {
      const value = labels[labelName];
      if (value !== undefined || !entry.optional.has(labelName)) complete[labelName] = value ?? '';
    }
    if (name === 'component_errors_total' && complete.error_code === '')
      complete.error_code = complete.error_type ?? '';
    if (entry.metric instanceof PromHistogram) {
      const histogram = entry.metric.labels(complete);
      return { observe: (value: number) => histogram.observe(value) };
    }
    const key = JSON.stringify(complete);
    let series = entry.series.get(key);
    if (series === undefined) {
      series = { labels: complete, value: 0, written: false };
      entry.series.set(key, series);
    }
    const cell = series;
    if (entry.metric instanceof PromCounter) {
      return {
        increment: (value = 1) => {
          if (!(value >= 0 && value < Number.POSITIVE_INFINITY))
            throw new RangeError(`${name} counts up by a finite number, not ${value}`);
          cell.value += value;
          cell.written = true;
        },
      };
    }
    return {
      set: (value: number) => {
        cell.value = value;
        cell.written = true;
      },
      increment: (value = 1) => {
        cell.value += value;
        cell.written = true;
      },
      decrement: (value = 1) => {
        cell.value -= value;
        cell.written = true;
      },
    };
  }
}
