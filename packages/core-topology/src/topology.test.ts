import { RecordingLogger } from '@sluice/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { planTopology } from './config/plan-topology.js';
import { MetricsRegistry } from './metrics.js';
import { probe, testRegistry } from './test-helpers/components.js';
import { Topology } from './topology.js';

async function build(config: Record<string, unknown>, metrics = new MetricsRegistry()) {
  const plan = await planTopology(config, { registry: testRegistry() });
  const logger = new RecordingLogger();
  return { topology: await Topology.build(plan, { logger, metrics }), logger, metrics };
}

beforeEach(() => probe.reset());

describe('Topology', () => {
  it('runs source → transform → sink to completion, every event once, in order', async () => {
    const { topology } = await build({
      sources: { numbers: { type: 'test_counter', count: 1000 } },
      transforms: { tag: { type: 'test_tag', inputs: ['numbers'] } },
      sinks: { out: { type: 'test_recording', inputs: ['tag'] } },
    });
    await topology.run();
    expect(probe.delivered.map((event) => event.fields.sequence)).toEqual(
      Array.from({ length: 1000 }, (_, index) => index),
    );
    expect(probe.delivered.every((event) => event.fields.tag === 'tagged')).toBe(true);
  });

  it('fans out: each sink gets every event, as its own copy', async () => {
    const { topology } = await build({
      sources: { numbers: { type: 'test_counter', count: 100 } },
      sinks: {
        first: { type: 'test_recording', inputs: ['numbers'] },
        second: { type: 'test_recording', inputs: ['num*'] },
      },
    });
    await topology.run();
    expect(probe.delivered).toHaveLength(200);
    expect(new Set(probe.delivered.map((event) => event.fields)).size).toBe(200);
  });

  it('backpressure: a blocked sink stops the source, and nothing buffers past the capacities', async () => {
    const release = probe.blockSinks();
    const { topology, metrics } = await build({
      sources: { numbers: { type: 'test_counter', batch_size: 10 } },
      transforms: { tag: { type: 'test_tag', inputs: ['numbers'] } },
      sinks: { out: { type: 'test_recording', inputs: ['tag'], buffer: { type: 'memory', max_events: 50 } } },
    });
    const running = topology.run();
    // The source can be ahead by at most: the sink's one batch in hand, its buffer (50), the
    // transform's channel (100, + one batch) and the batch in the transform and in emit.
    for (let turn = 0; turn < 200; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    const emittedWhileBlocked = probe.emitted;
    expect(emittedWhileBlocked).toBeLessThanOrEqual(50 + 100 + 1000 + 10 * 3);
    for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(probe.emitted).toBe(emittedWhileBlocked);
    const rendered = await metrics.render();
    const buffered = Number(/buffer_size_events\{[^}]*component_id="out"[^}]*\} (\d+)/.exec(rendered)?.[1]);
    expect(buffered).toBeLessThanOrEqual(50 + 10);
    release();
    await topology.shutdown({ deadlineMs: 10_000 });
    await running;
  });

  it('reports the worst status of each batch to its source exactly once', async () => {
    const registry = testRegistry();
    const plan = await planTopology(
      {
        sources: { numbers: { type: 'test_counter', count: 3, batch_size: 3, acknowledge: true } },
        transforms: { tag: { type: 'test_tag', inputs: ['numbers'] } },
        sinks: { out: { type: 'test_recording', inputs: ['tag'] } },
      },
      { registry },
    );
    // Outcomes by sequence: delivered, rejected, dropped → the batch is rejected.
    const outcomes = ['delivered', 'rejected', 'dropped'];
    const topology = await Topology.build(
      {
        ...plan,
        transforms: new Map([
          [
            'tag',
            {
              ...(plan.transforms.get('tag') as NonNullable<ReturnType<typeof plan.transforms.get>>),
              definition: {
                ...(plan.transforms.get('tag')?.definition as NonNullable<
                  ReturnType<typeof plan.transforms.get>
                >['definition']),
                create: () => ({
                  transform: (batch) => {
                    for (const event of batch)
                      event.fields.outcome = outcomes[Number(event.fields.sequence)] ?? 'delivered';
                    return batch;
                  },
                }),
              },
            },
          ],
        ]),
      },
      { logger: new RecordingLogger() },
    );
    await topology.run();
    expect(probe.sourceStatuses).toEqual(['rejected']);
  });

  it('shutdown: a sink flushes its partial batch', async () => {
    const { topology } = await build({
      sources: { numbers: { type: 'test_counter', batch_size: 7 } },
      sinks: { out: { type: 'test_recording', inputs: ['numbers'], flush_every: 1_000_000 } },
    });
    const running = topology.run();
    while (probe.emitted < 100) await new Promise((resolve) => setImmediate(resolve));
    const report = await topology.shutdown({ deadlineMs: 10_000 });
    await running;
    expect(report).toEqual({ graceful: true, abandoned: [] });
    expect(probe.delivered).toHaveLength(probe.emitted);
  });

  it('shutdown: a sink that never finishes is abandoned at the deadline, and shutdown is idempotent', async () => {
    const { topology, logger } = await build({
      sources: { numbers: { type: 'test_counter', count: 10 } },
      sinks: { stuck: { type: 'test_recording', inputs: ['numbers'], never_finish: true } },
    });
    void topology.run();
    // The source is done before the deadline starts: on a loaded machine it could be abandoned too.
    while (probe.emitted < 10) await new Promise((resolve) => setImmediate(resolve));
    const first = topology.shutdown({ deadlineMs: 50 });
    expect(topology.shutdown()).toBe(first);
    await expect(first).resolves.toEqual({ graceful: false, abandoned: ['stuck'] });
    expect(logger.find('abandoning: stuck', 'warn')).toHaveLength(1);
  });

  it('drop_newest never blocks the source and counts exactly what it dropped', async () => {
    const release = probe.blockSinks();
    const { topology, metrics } = await build({
      sources: { numbers: { type: 'test_counter', count: 5000, batch_size: 100 } },
      sinks: {
        out: {
          type: 'test_recording',
          inputs: ['numbers'],
          buffer: { type: 'memory', max_events: 200, when_full: 'drop_newest' },
        },
      },
    });
    const running = topology.run();
    // The source finishes all 5,000 while the sink is blocked: it was never slowed down.
    while (probe.emitted < 5000) await new Promise((resolve) => setImmediate(resolve));
    release();
    await running;
    const rendered = await metrics.render();
    const dropped = Number(
      /buffer_discarded_events_total\{[^}]*component_id="out"[^}]*\} (\d+)/.exec(rendered)?.[1],
    );
    expect(dropped + probe.delivered.length).toBe(5000);
    expect(dropped).toBeGreaterThan(0);
    expect(rendered).toMatch(
      /component_discarded_events_total\{[^}]*component_id="out"[^}]*intentional="true"[^}]*\} (\d+)/,
    );
  });

  it('healthchecks: reports each enabled sink, skips disabled ones', async () => {
    const { topology } = await build({
      sources: { numbers: { type: 'test_counter', count: 1 } },
      sinks: {
        checked: { type: 'test_recording', inputs: ['numbers'] },
        skipped: { type: 'test_recording', inputs: ['numbers'], healthcheck: false },
      },
    });
    expect(await topology.healthcheck()).toEqual([{ componentId: 'checked', result: { status: 'healthy' } }]);
    await topology.run();
  });

  it('counts Vector-named metrics per component, rendered in the Prometheus format', async () => {
    const { topology, metrics } = await build({
      sources: { numbers: { type: 'test_counter', count: 250 } },
      transforms: { tag: { type: 'test_tag', inputs: ['numbers'] } },
      sinks: { out: { type: 'test_recording', inputs: ['tag'] } },
    });
    await topology.run();
    const rendered = await metrics.render();
    expect(rendered).toContain('# TYPE component_sent_events_total counter');
    expect(rendered).toMatch(
      /component_sent_events_total\{component_id="numbers",component_kind="source",component_type="test_counter"\} 250/,
    );
    expect(rendered).toMatch(
      /component_received_events_total\{component_id="tag",component_kind="transform",component_type="test_tag"\} 250/,
    );
    expect(rendered).toMatch(
      /component_received_events_total\{component_id="out",component_kind="sink",component_type="test_recording"\} 250/,
    );
    expect(rendered).toMatch(
      /buffer_sent_events_total\{buffer_type="memory",component_id="out",stage="0"\} 250/,
    );
  });
});

describe('named outputs of transforms', () => {
  it('each output gets its events, counted with the `output` label; an output nobody reads drops them, acknowledged exactly', async () => {
    const { topology, metrics } = await build({
      sources: { numbers: { type: 'test_counter', count: 100, acknowledge: true } },
      transforms: { split: { type: 'test_parity', inputs: ['numbers'] } },
      sinks: { evens: { type: 'test_recording', inputs: ['split.even'] } },
    });
    await topology.run();
    expect(probe.delivered.map((event) => event.fields.sequence)).toEqual(
      Array.from({ length: 50 }, (_, index) => index * 2),
    );
    // Each batch of 10 had 5 odd events, dropped where nobody reads them: its source learns it.
    expect(probe.sourceStatuses).toEqual(Array.from({ length: 10 }, () => 'dropped'));
    const rendered = await metrics.render();
    expect(rendered).toMatch(
      /component_sent_events_total\{[^}]*component_id="split"[^}]*output="even"[^}]*\} 50/,
    );
    expect(rendered).toMatch(
      /component_sent_events_total\{[^}]*component_id="split"[^}]*output="odd"[^}]*\} 50/,
    );
  });
});
