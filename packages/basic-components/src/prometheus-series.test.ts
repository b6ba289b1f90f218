import type { FieldMap } from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import {
  addValues,
  DEFAULT_BUCKETS,
  DEFAULT_QUANTILES,
  type PrometheusSeries,
  renderPrometheus,
  type SeriesOptions,
  Sketch,
  seriesOf,
} from './prometheus-series.js';

const defaults: SeriesOptions = {
  buckets: DEFAULT_BUCKETS,
  quantiles: DEFAULT_QUANTILES,
  distributionsAsSummaries: false,
};

/** The exporter's handling of a stream of metric events: normalized, added, rendered. */
function serve(events: FieldMap[], options: SeriesOptions = defaults): string {
  const series = new Map<string, PrometheusSeries>();
  for (const fields of events) {
    const found = seriesOf(fields, options, 0);
    if (found === undefined) throw new Error('not a metric');
    const key = `${found.series.name}\0${JSON.stringify(found.series.tags)}`;
    const previous = found.incremental ? series.get(key) : undefined;
    const sum = previous === undefined ? undefined : addValues(previous.value, found.series.value);
    series.set(key, sum === undefined ? found.series : { ...found.series, value: sum });
  }
  return renderPrometheus(series.values(), options.quantiles);
}

describe("prometheus_exporter series (the examples of Vector's reference)", () => {
  it('a counter with default_namespace', () => {
    expect(
      serve(
        [{ name: 'logins', kind: 'incremental', counter: { value: 1.5 }, tags: { host: 'my-host.local' } }],
        {
          ...defaults,
          defaultNamespace: 'service',
        },
      ),
    ).toBe(
      '# HELP service_logins logins\n# TYPE service_logins counter\nservice_logins{host="my-host.local"} 1.5\n',
    );
  });

  it('a gauge in its own namespace', () => {
    expect(
      serve([
        {
          name: 'memory_rss',
          namespace: 'app',
          kind: 'absolute',
          gauge: { value: 1.5 },
          tags: { host: 'h' },
        },
      ]),
    ).toBe('# HELP app_memory_rss memory_rss\n# TYPE app_memory_rss gauge\napp_memory_rss{host="h"} 1.5\n');
  });

  it('a distribution served as a histogram over `buckets`, incremental updates added', () => {
    const retries = {
      name: 'request_retries',
      kind: 'incremental',
      distribution: {
        samples: [
          { value: 0.0, rate: 4 },
          { value: 1.0, rate: 2 },
          { value: 4.0, rate: 1 },
        ],
        statistic: 'histogram',
      },
      tags: { host: 'h' },
    };
    const options = { ...defaults, buckets: [0.0, 1.0, 3.0] };
    expect(serve([retries], options)).toBe(
      [
        '# HELP request_retries request_retries',
        '# TYPE request_retries histogram',
        'request_retries_bucket{host="h",le="0"} 4',
        'request_retries_bucket{host="h",le="1"} 6',
        'request_retries_bucket{host="h",le="3"} 6',
        'request_retries_bucket{host="h",le="+Inf"} 7',
        'request_retries_sum{host="h"} 6',
        'request_retries_count{host="h"} 7',
        '',
      ].join('\n'),
    );
    expect(serve([retries, retries], options)).toContain('request_retries_count{host="h"} 14');
  });

  it('with distributions_as_summaries, a summary at `quantiles` (1 % relative error)', () => {
    const text = serve(
      [
        {
          name: 'latency',
          kind: 'incremental',
          distribution: { samples: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((value) => ({ value, rate: 10 })) },
        },
      ],
      { ...defaults, distributionsAsSummaries: true, quantiles: [0.5, 0.9] },
    );
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['# HELP latency latency', '# TYPE latency summary']);
    expect(Number(/latency\{quantile="0.5"\} (\S+)/.exec(text)?.[1])).toBeCloseTo(5, 0);
    expect(Math.abs(Number(/latency\{quantile="0.9"\} (\S+)/.exec(text)?.[1]) - 9)).toBeLessThan(0.1);
    expect(lines).toContain('latency_sum 550');
    expect(lines).toContain('latency_count 100');
  });

  it('aggregated histograms and summaries as they come; sets as gauges of their size; absolute replaces', () => {
    expect(
      serve([
        { name: 'seen', kind: 'absolute', set: { values: ['a', 'b'] } },
        { name: 'seen', kind: 'absolute', set: { values: ['c'] } },
        {
          name: 'requests',
          kind: 'absolute',
          aggregated_summary: {
            quantiles: [
              { quantile: 0.01, value: 1.5 },
              { quantile: 0.5, value: 2.0 },
            ],
            count: 6,
            sum: 12.0,
          },
        },
        {
          name: 'sizes',
          kind: 'absolute',
          aggregated_histogram: { buckets: [{ upper_limit: 1, count: 2 }], count: 3, sum: 4.5 },
        },
      ]),
    ).toBe(
      [
        '# HELP requests requests',
        '# TYPE requests summary',
        'requests{quantile="0.01"} 1.5',
        'requests{quantile="0.5"} 2',
        'requests_sum 12',
        'requests_count 6',
        '# HELP seen seen',
        '# TYPE seen gauge',
        'seen 1',
        '# HELP sizes sizes',
        '# TYPE sizes histogram',
        'sizes_bucket{le="1"} 2',
        'sizes_bucket{le="+Inf"} 3',
        'sizes_sum 4.5',
        'sizes_count 3',
        '',
      ].join('\n'),
    );
  });

  it('the sketch orders negative, zero and positive values', () => {
    const sketch = new Sketch();
    for (const value of [-100, -1, 0, 0.5, 2, 300]) sketch.insert(value, 1);
    expect(sketch.quantile(0)).toBeCloseTo(-100, -1);
    expect(sketch.quantile(0.4)).toBe(0);
    expect(sketch.quantile(1)).toBeCloseTo(300, -1);
  });
});
