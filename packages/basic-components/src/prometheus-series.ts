import type { FieldMap } from '@sluice/component-api';
import { displayNumber } from '@sluice/encoding';

/*
 * The series of Vector's prometheus_exporter (src/sinks/prometheus/{exporter,collector}.rs): metric
 * events in Vector's JSON shape, normalized to absolute values (an incremental one is added to what
 * the series holds), distributions turned into histograms over `buckets` or, with
 * `distributions_as_summaries`, into a sketch served as a summary over `quantiles`.
 */

/** Vector's defaults (src/sinks/prometheus/mod.rs). */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export const DEFAULT_QUANTILES: readonly number[] = [0.5, 0.75, 0.9, 0.95, 0.99];

export type SeriesValue =
  | { type: 'counter' | 'gauge'; value: number }
  | { type: 'set'; values: Set<string> }
  | { type: 'histogram'; buckets: Array<{ upperLimit: number; count: number }>; count: number; sum: number }
  | { type: 'summary'; quantiles: Array<{ quantile: number; value: number }>; count: number; sum: number }
  | { type: 'sketch'; sketch: Sketch };

export interface PrometheusSeries {
  name: string;
  /** The metric's own name, for `# HELP`. */
  help: string;
  tags: Record<string, string>;
  value: SeriesValue;
  updatedAt: number;
}

export interface SeriesOptions {
  defaultNamespace?: string;
  buckets: readonly number[];
  quantiles: readonly number[];
  distributionsAsSummaries: boolean;
}

const isTable = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * A sketch of a distribution with bounded memory and 1 % relative error on its quantiles (the
 * idea of DDSketch, which Vector uses): values are counted in logarithmic bins.
 */
export class Sketch {
  static readonly #gamma = 1.01 / 0.99;
  /** Counts by bin index, for positive and for negative values; zeros apart. */
  readonly #positive = new Map<number, number>();
  readonly #negative = new Map<number, number>();
  #zeros = 0;
  count = 0;
  sum = 0;

  static #index(magnitude: number): number {
    return Math.ceil(Math.log(magnitude) / Math.log(Sketch.#gamma));
  }

  static #value(index: number): number {
    return (2 * Sketch.#gamma ** index) / (Sketch.#gamma + 1);
  }

  insert(value: number, times: number): void {
    if (value === 0) this.#zeros += times;
    else {
      const bins = value > 0 ? this.#positive : this.#negative;
      const index = Sketch.#index(Math.abs(value));
      bins.set(index, (bins.get(index) ?? 0) + times);
    }
    this.count += times;
    this.sum += value * times;
  }

  merge(other: Sketch): void {
    for (const [mine, theirs] of [
      [this.#positive, other.#positive],
      [this.#negative, other.#negative],
    ] as const)
      for (const [index, times] of theirs) mine.set(index, (mine.get(index) ?? 0) + times);
    this.#zeros += other.#zeros;
    this.count += other.count;
    this.sum += other.sum;
  }

  quantile(quantile: number): number {
    if (this.count === 0) return 0;
    const rank = quantile * (this.count - 1);
    // Smallest first: the negative bins from the largest magnitude, the zeros, the positive bins.
    const ordered: Array<[number, number]> = [
      ...[...this.#negative]
        .sort(([a], [b]) => b - a)
        .map(([index, times]): [number, number] => [-Sketch.#value(index), times]),
      [0, this.#zeros],
      ...[...this.#positive]
        .sort(([a], [b]) => a - b)
        .map(([index, times]): [number, number] => [Sketch.#value(index), times]),
    ];
    let seen = 0;
    for (const [value, times] of ordered) {
      seen += times;
      if (seen > rank) return value;
    }
    return 0;
  }
}

/**
 * The series of a metric event, or undefined when its fields are no metric this sink serves (a
 * log event, an unknown kind). Distributions are converted here, as Vector's `normalize` does.
 */
export function seriesOf(
  fields: FieldMap,
  options: SeriesOptions,
  now: number,
): { series: PrometheusSeries; incremental: boolean } | undefined {
  if (typeof fields.name !== 'string') return undefined;
  const value = seriesValueOf(fields, options);
  if (value === undefined) return undefined;
  const namespace = typeof fields.namespace === 'string' ? fields.namespace : options.defaultNamespace;
  const tags = isTable(fields.tags) ? fields.tags : {};
  return {
    incremental: fields.kind === 'incremental',
    series: {
      name: namespace === undefined || namespace === '' ? fields.name : `${namespace}_${fields.name}`,
      help: fields.name,
      tags: Object.fromEntries(Object.entries(tags).map(([key, tag]) => [key, String(tag)])),
      value,
      updatedAt: now,
    },
  };
}

function seriesValueOf(
  fields: Readonly<Record<string, unknown>>,
  options: SeriesOptions,
): SeriesValue | undefined {
  for (const type of ['counter', 'gauge'] as const) {
    const table = fields[type];
    if (isTable(table) && finite(table.value)) return { type, value: table.value };
  }
  if (isTable(fields.set) && Array.isArray(fields.set.values))
    return { type: 'set', values: new Set(fields.set.values.map(String)) };
  const distribution = fields.distribution;
  if (isTable(distribution) && Array.isArray(distribution.samples)) {
    const samples = distribution.samples.flatMap((sample) =>
      isTable(sample) && finite(sample.value)
        ? [{ value: sample.value, rate: finite(sample.rate) ? sample.rate : 1 }]
        : [],
    );
    if (options.distributionsAsSummaries) {
      const sketch = new Sketch();
      for (const sample of samples) sketch.insert(sample.value, sample.rate);
      return { type: 'sketch', sketch };
    }
    // Vector's samples_to_buckets: each sample in the first bucket that holds it.
    const buckets = options.buckets.map((upperLimit) => ({ upperLimit, count: 0 }));
    let count = 0;
    let sum = 0;
    for (const { value, rate } of samples) {
      const bucket = buckets.find((candidate) => value <= candidate.upperLimit);
      if (bucket !== undefined) bucket.count += rate;
      count += rate;
      sum += value * rate;
    }
    return { type: 'histogram', buckets, count, sum };
  }
  const histogram = fields.aggregated_histogram;
  if (
    isTable(histogram) &&
    Array.isArray(histogram.buckets) &&
    finite(histogram.count) &&
    finite(histogram.sum)
  )
    return {
      type: 'histogram',
      buckets: histogram.buckets.flatMap((bucket) =>
        isTable(bucket) && finite(bucket.upper_limit) && finite(bucket.count)
          ? [{ upperLimit: bucket.upper_limit, count: bucket.count }]
          : [],
      ),
      count: histogram.count,
      sum: histogram.sum,
    };
  const summary = fields.aggregated_summary;
  if (isTable(summary) && Array.isArray(summary.quantiles) && finite(summary.count) && finite(summary.sum))
    return {
      type: 'summary',
      quantiles: summary.quantiles.flatMap((quantile) =>
        isTable(quantile) && finite(quantile.quantile) && finite(quantile.value)
          ? [{ quantile: quantile.quantile, value: quantile.value }]
          : [],
      ),
      count: summary.count,
      sum: summary.sum,
    };
  return undefined;
}

/**
 * `current` plus an incremental `next` (Vector's `MetricValue::add`), or undefined when they do
 * not add up (other types, other buckets): then `next` replaces it.
 */
export function addValues(current: SeriesValue, next: SeriesValue): SeriesValue | undefined {
  if ((current.type === 'counter' || current.type === 'gauge') && current.type === next.type)
    return { type: current.type, value: current.value + next.value };
  if (current.type === 'set' && next.type === 'set')
    return { type: 'set', values: new Set([...current.values, ...next.values]) };
  if (current.type === 'sketch' && next.type === 'sketch') {
    current.sketch.merge(next.sketch);
    return current;
  }
  if (
    current.type === 'histogram' &&
    next.type === 'histogram' &&
    current.buckets.length === next.buckets.length &&
    current.buckets.every((bucket, index) => bucket.upperLimit === next.buckets[index]?.upperLimit)
  )
    return {
      type: 'histogram',
      buckets: current.buckets.map((bucket, index) => ({
        upperLimit: bucket.upperLimit,
        count: bucket.count + (next.buckets[index]?.count ?? 0),
      })),
      count: current.count + next.count,
      sum: current.sum + next.sum,
    };
  return undefined;
}

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

const TYPE_NAMES = {
  counter: 'counter',
  gauge: 'gauge',
  set: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  sketch: 'summary',
};

/** The Prometheus text exposition of the series, grouped by name, as Vector's collector writes it. */
export function renderPrometheus(
  series: Iterable<PrometheusSeries>,
  quantiles: readonly number[] = DEFAULT_QUANTILES,
): string {
  const byName = new Map<string, PrometheusSeries[]>();
  for (const one of series) {
    const group = byName.get(one.name);
    if (group === undefined) byName.set(one.name, [one]);
    else group.push(one);
  }
  const lines: string[] = [];
  for (const [name, group] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    const first = group[0] as PrometheusSeries;
    lines.push(`# HELP ${name} ${first.help}`, `# TYPE ${name} ${TYPE_NAMES[first.value.type]}`);
    for (const one of group) {
      const line = (suffix: string, value: number, extra?: [string, string]) => {
        const labels = Object.entries(extra === undefined ? one.tags : { ...one.tags, [extra[0]]: extra[1] })
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, label]) => `${key}="${escapeLabel(label)}"`)
          .join(',');
        lines.push(`${name}${suffix}${labels === '' ? '' : `{${labels}}`} ${displayNumber(value)}`);
      };
      const { value } = one;
      switch (value.type) {
        case 'counter':
        case 'gauge':
          line('', value.value);
          break;
        case 'set':
          line('', value.values.size);
          break;
        case 'histogram': {
          let cumulative = 0;
          for (const bucket of value.buckets) {
            cumulative += bucket.count;
            line('_bucket', cumulative, ['le', displayNumber(bucket.upperLimit)]);
          }
          line('_bucket', value.count, ['le', '+Inf']);
          line('_sum', value.sum);
          line('_count', value.count);
          break;
        }
        case 'summary':
          for (const point of value.quantiles)
            line('', point.value, ['quantile', displayNumber(point.quantile)]);
          line('_sum', value.sum);
          line('_count', value.count);
          break;
        case 'sketch':
          for (const quantile of quantiles)
            line('', value.sketch.quantile(quantile), ['quantile', displayNumber(quantile)]);
          line('_sum', value.sketch.sum);
          line('_count', value.sketch.count);
          break;
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
