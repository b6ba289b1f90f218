import { RecordingLogger } from '@sluice/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { planTopology } from './config/plan-topology.js';
import { MetricsRegistry } from './metrics.js';
import { diffPlans, reloadTopology } from './reload.js';
import { probe, testRegistry } from './test-helpers/components.js';
import { Topology } from './topology.js';

const registry = testRegistry();
const plan = (config: Record<string, unknown>) => planTopology(config, { registry });

async function turnsUntil(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !condition(); turn += 1)
    await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

const config = (options: { count: number; tag: string; mark: string; maxEvents?: number }) => ({
  sources: { numbers: { type: 'test_counter', count: options.count } },
  transforms: { tag: { type: 'test_tag', inputs: ['numbers'], tag: options.tag } },
  sinks: {
    out: {
      type: 'test_recording',
      inputs: ['tag'],
      mark: options.mark,
      buffer: { type: 'memory', max_events: options.maxEvents ?? 500 },
    },
  },
});

beforeEach(() => probe.reset());

const connectionConfig = (tag: string) => ({
  sources: { in: { type: 'test_connection' } },
  transforms: { tag: { type: 'test_tag', inputs: ['in'], tag } },
  sinks: { out: { type: 'test_recording', inputs: ['tag'] } },
});

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

describe('reloadTopology', () => {
  it('keeps unchanged components running: a connection to an unchanged source stays open and every event sent across reloads is delivered exactly once', async () => {
    const logger = new RecordingLogger();
    const topology = await Topology.build(await plan(connectionConfig('one')), { logger });
    const running = topology.run();
    await turnsUntil(() => probe.send !== undefined);
    const send = probe.send as (sequences: readonly number[]) => Promise<void>;
    for (let batch = 0; batch < 10; batch += 1) await send(range(batch * 10, batch * 10 + 10));

    // The same config: nothing is rebuilt, nothing stops.
    const same = await reloadTopology(topology, await plan(connectionConfig('one')));
    expect(same.topology).toBe(topology);
    expect(same.diff).toMatchObject({ added: [], removed: [], changed: [] });
    await same.retired;
    expect(probe.closed).toEqual([]);
    // Sent while the next reload rebuilds the transform: the source, unchanged, keeps running.
    const during = (async () => {
      for (let batch = 10; batch < 30; batch += 1) await send(range(batch * 10, batch * 10 + 10));
    })();
    const changed = await reloadTopology(topology, await plan(connectionConfig('two')));
    expect(changed.diff).toMatchObject({ added: [], removed: [], changed: ['tag'] });
    await during;
    for (let batch = 30; batch < 40; batch += 1) await send(range(batch * 10, batch * 10 + 10));
    await changed.retired;
    // Only the replaced transform closed; the source is the one instance created at the start.
    expect(probe.closed).toEqual(['tag']);
    expect(probe.connectionSources).toBe(1);

    await turnsUntil(() => probe.delivered.length >= 400);
    await topology.shutdown();
    await running;
    const sequences = probe.delivered.map((event) => event.fields.sequence);
    expect(sequences).toEqual(range(0, 400));
    // Every event before the second reload went through the old transform, every one after through the new.
    const tags = probe.delivered.map((event) => event.fields.tag);
    expect(tags.slice(0, 100)).toEqual(Array(100).fill('one'));
    expect(tags.slice(300)).toEqual(Array(100).fill('two'));
    expect(probe.closed).toEqual(['tag', 'in', 'tag', 'out']);
  });

  it('hands an unchanged buffer over with its events; changed options take effect; nothing lost or repeated', async () => {
    const release = probe.blockSinks();
    const metrics = new MetricsRegistry();
    const logger = new RecordingLogger();
    const first = await Topology.build(await plan(config({ count: 100, tag: 'one', mark: 'a' })), {
      logger,
      metrics,
    });
    const firstRun = first.run();
    // The sink holds its first batch at its gate; the rest waits in its buffer.
    const unfinished = () => first.unfinishedEvents();
    await turnsUntil(
      () => probe.emitted === 100 && unfinished().inMemoryBuffers + unfinished().inFlight === 100,
    );
    const held = unfinished().inFlight;
    expect(unfinished().inMemoryBuffers).toBeGreaterThan(0);

    const { topology, diff, retired } = await reloadTopology(
      first,
      await plan(config({ count: 200, tag: 'two', mark: 'b' })),
    );
    expect(diff).toMatchObject({ added: [], removed: [], changed: ['numbers', 'tag', 'out'] });
    expect([...diff.reuseBuffersOf]).toEqual(['out']);
    const secondRun = topology.run();
    release();
    await Promise.all([firstRun, retired, secondRun]);

    const sequences = probe.delivered.map((event) => event.fields.sequence);
    expect([...sequences].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 200 }, (_, index) => index),
    );
    const byTag = (tag: string) => probe.delivered.filter((event) => event.fields.tag === tag);
    expect(byTag('one').map((event) => event.fields.sequence)).toEqual(
      Array.from({ length: 100 }, (_, index) => index),
    );
    expect(byTag('two')).toHaveLength(100);
    // The old sink flushed the batch it held; its buffer went to the new sink, with its new option.
    const marks = probe.delivered.map((event) => event.fields.marked_by);
    expect(marks.filter((mark) => mark === 'a')).toHaveLength(held);
    expect(marks.filter((mark) => mark === 'b')).toHaveLength(200 - held);
  });

  it('a changed memory buffer: the old sink delivers the old buffer, the new sink gets a new one', async () => {
    const release = probe.blockSinks();
    const logger = new RecordingLogger();
    const first = await Topology.build(await plan(config({ count: 50, tag: 'one', mark: 'a' })), { logger });
    const firstRun = first.run();
    await turnsUntil(
      () =>
        probe.emitted === 50 &&
        first.unfinishedEvents().inMemoryBuffers + first.unfinishedEvents().inFlight === 50,
    );
    const { topology, diff, retired } = await reloadTopology(
      first,
      await plan(config({ count: 80, tag: 'two', mark: 'b', maxEvents: 600 })),
    );
    expect(diff.reuseBuffersOf.size).toBe(0);
    const secondRun = topology.run();
    release();
    await Promise.all([firstRun, retired, secondRun]);
    const marks = probe.delivered.map((event) => event.fields.marked_by);
    expect(marks.filter((mark) => mark === 'a')).toHaveLength(50);
    expect(marks.filter((mark) => mark === 'b')).toHaveLength(30);
  });

  it('refuses a change of global options (as Vector), before anything stops', async () => {
    const current = await plan(config({ count: 1, tag: 'one', mark: 'a' }));
    const next = await plan({ ...config({ count: 1, tag: 'one', mark: 'a' }), data_dir: 'elsewhere' });
    expect(() => diffPlans(current, next)).toThrow(/global options changed \(data_dir\)/);
  });

  it('an unchanged config: no component changed, every buffer carries over', async () => {
    const current = await plan(config({ count: 1, tag: 'one', mark: 'a' }));
    const diff = diffPlans(current, await plan(config({ count: 1, tag: 'one', mark: 'a' })));
    expect(diff).toMatchObject({ added: [], removed: [], changed: [] });
    expect([...diff.reuseBuffersOf]).toEqual(['out']);
  });

  it('a buffer changed to or from a durable (disk) stage refuses the whole reload with one clear line: never half-applied', async () => {
    const withDisk = testRegistry();
    withDisk.register(
      [
        {
          specificationVersion: 1,
          kind: 'buffer',
          type: 'disk',
          description: 'a durable stage (its files are not used here)',
          capabilities: { durable: true, sinkDirectory: true },
          optionsSchema: {
            type: 'object',
            properties: { max_size: { type: 'integer', description: 'bytes' } },
          },
          create: () => {
            throw new Error('not built: the reload is refused before');
          },
        },
      ],
      'test-disk',
    );
    const memory = await planTopology(config({ count: 1, tag: 't', mark: 'm' }), { registry: withDisk });
    const disk = await planTopology(
      {
        ...config({ count: 1, tag: 't', mark: 'm' }),
        data_dir: undefined,
        sinks: {
          out: { type: 'test_recording', inputs: ['tag'], mark: 'm', buffer: { type: 'disk', max_size: 1 } },
        },
      },
      { registry: withDisk },
    );
    for (const [from, to] of [
      [memory, disk],
      [disk, memory],
    ] as const)
      expect(() => diffPlans(from, to)).toThrow(
        'sink "out": its buffer changes to or from a disk (durable) stage, which a reload cannot apply without splitting or losing what it holds; restart sluice to change it',
      );
  });
});
