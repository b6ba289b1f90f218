import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import diskBuffers from '@sluice/buffer-disk';
import { RecordingLogger } from '@sluice/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planTopology } from './config/plan-topology.js';
import { MetricsRegistry } from './metrics.js';
import { probe, testRegistry } from './test-helpers/components.js';
import { Topology } from './topology.js';

let dataDir = '';
beforeEach(async () => {
  probe.reset();
  dataDir = await mkdtemp(join(tmpdir(), 'sluice-overflow-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function metric(rendered: string, name: string, stage: string): number {
  const line = rendered
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(`stage="${stage}"`));
  return Number(line?.slice(line.lastIndexOf(' ') + 1) ?? 0);
}

describe('overflow through a real topology: memory → disk', () => {
  it('spills to disk only when memory is full, keeps arrival order, and drains the disk completely', async () => {
    const registry = testRegistry();
    registry.register(diskBuffers, '@sluice/buffer-disk');
    const plan = await planTopology(
      {
        data_dir: dataDir,
        sources: { numbers: { type: 'test_counter', count: 2000, batch_size: 50 } },
        sinks: {
          out: {
            type: 'test_recording',
            inputs: ['numbers'],
            buffer: [
              { type: 'memory', max_events: 200, when_full: 'overflow' },
              {
                type: 'disk',
                max_size: 64 * 1024 * 1024,
                max_data_file_size: 1024 * 1024,
                when_full: 'block',
              },
            ],
          },
        },
      },
      { registry },
    );
    const metrics = new MetricsRegistry();
    const release = probe.blockSinks();
    const topology = await Topology.build(plan, { logger: new RecordingLogger(), metrics });
    const running = topology.run();
    // With the sink blocked, the source still finishes: what memory cannot hold goes to disk.
    while (probe.emitted < 2000) await new Promise((resolve) => setImmediate(resolve));
    const spilled = await metrics.render();
    expect(metric(spilled, 'buffer_received_events_total', '0')).toBeLessThanOrEqual(200 + 50);
    expect(metric(spilled, 'buffer_received_events_total', '1')).toBeGreaterThan(0);
    expect(
      metric(spilled, 'buffer_received_events_total', '0') +
        metric(spilled, 'buffer_received_events_total', '1'),
    ).toBe(2000);
    release();
    await running;
    expect(probe.delivered.map((event) => event.fields.sequence)).toEqual(
      Array.from({ length: 2000 }, (_, index) => index),
    );
    const drained = await metrics.render();
    expect(metric(drained, 'buffer_size_events', '1')).toBe(0);
  });

  it('under normal load nothing reaches the disk stage', async () => {
    const registry = testRegistry();
    registry.register(diskBuffers, '@sluice/buffer-disk');
    const plan = await planTopology(
      {
        data_dir: dataDir,
        sources: { numbers: { type: 'test_counter', count: 2000, batch_size: 10 } },
        sinks: {
          out: {
            type: 'test_recording',
            inputs: ['numbers'],
            buffer: [
              { type: 'memory', max_events: 5000, when_full: 'overflow' },
              { type: 'disk', max_size: 64 * 1024 * 1024, max_data_file_size: 1024 * 1024 },
            ],
          },
        },
      },
      { registry },
    );
    const metrics = new MetricsRegistry();
    const topology = await Topology.build(plan, { logger: new RecordingLogger(), metrics });
    await topology.run();
    expect(probe.delivered).toHaveLength(2000);
    expect(metric(await metrics.render(), 'buffer_received_events_total', '1')).toBe(0);
  });
});
