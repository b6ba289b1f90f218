import memoryBuffers from '@sluice/buffer-memory';
import { ComponentRegistry, MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { createTestContext, inputOf, RecordingLogger } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import definitions, { prometheusExporterSink, renderPrometheus } from './index.js';

function registry(): ComponentRegistry {
  const registry = new ComponentRegistry();
  registry.register(definitions, '@sluice/basic-components');
  registry.register(memoryBuffers, '@sluice/buffer-memory');
  return registry;
}

describe('internal_metrics → prometheus_exporter (the Vector monitoring pipeline)', () => {
  it('serves the registry as Vector names it: vector_component_received_events_total', async () => {
    const logger = new RecordingLogger();
    const plan = await planTopology(
      {
        sources: {
          generator: { type: 'demo_logs', format: 'json', interval: 0.001, count: 50 },
          metrics: { type: 'internal_metrics', scrape_interval_secs: 0.05, tags: { pid_key: 'pid' } },
        },
        sinks: {
          out: { type: 'blackhole', inputs: ['generator'], print_interval_secs: 0 },
          exporter: { type: 'prometheus_exporter', inputs: ['metrics'], address: '127.0.0.1:0' },
        },
      },
      { registry: registry() },
    );
    const topology = await Topology.build(plan, { logger, metrics: new MetricsRegistry() });
    const running = topology.run();
    try {
      while (logger.find('serving metrics on').length === 0)
        await new Promise((resolve) => setImmediate(resolve));
      const url = /http:\/\/\S+/.exec(logger.find('serving metrics on')[0]?.message ?? '')?.[0] as string;
      let text = '';
      const received = /^vector_component_received_events_total\{[^}]*component_id="out"[^}]*\} (\d+)/m;
      while (Number(received.exec(text)?.[1] ?? 0) < 50) text = await (await fetch(url)).text();
      expect(text).toMatch(/^# TYPE vector_component_received_events_total counter$/m);
      expect(text).toMatch(new RegExp(`component_kind="sink".*pid="${process.pid}"`));
    } finally {
      await topology.shutdown({ deadlineMs: 10_000 });
      await running;
    }
  });

  it('says at start which address it serves, and warns when that is every interface (the default, as Vector)', async () => {
    for (const [address, warned] of [
      ['0.0.0.0:0', true],
      ['127.0.0.1:0', false],
    ] as const) {
      const context = createTestContext();
      const sink = await prometheusExporterSink.create(
        { address, flush_period_secs: 60, buckets: [1], quantiles: [0.5], distributions_as_summaries: false },
        context,
      );
      const running = sink.run(inputOf([]));
      await running;
      expect(context.logger.find('serving metrics on http://', 'info')).toHaveLength(1);
      expect(context.logger.find('every network interface', 'warn'), address).toHaveLength(warned ? 1 : 0);
    }
  });

  it('renders gauges and counters, grouped by name, with escaped labels', () => {
    expect(
      renderPrometheus([
        {
          name: 'b',
          help: 'b',
          value: { type: 'gauge', value: 2 },
          tags: { note: 'a "quoted"\\ line\n' },
          updatedAt: 0,
        },
        { name: 'a_total', help: 'a_total', value: { type: 'counter', value: 1 }, tags: {}, updatedAt: 0 },
      ]),
    ).toBe(
      '# HELP a_total a_total\n# TYPE a_total counter\na_total 1\n# HELP b b\n# TYPE b gauge\nb{note="a \\"quoted\\"\\\\ line\\n"} 2\n',
    );
  });
});
