import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import diskBuffers from '@sluice/buffer-disk';
import { RecordingLogger } from '@sluice/testkit';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { planTopology } from './config/plan-topology.js';
import { reloadTopology } from './reload.js';
import { probe, testRegistry } from './test-helpers/components.js';
import { Topology } from './topology.js';

let dataDir = '';
beforeEach(async () => {
  probe.reset();
  dataDir = await mkdtemp(join(tmpdir(), 'sluice-reload-disk-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const registry = testRegistry();
registry.register(diskBuffers, '@sluice/buffer-disk');

const config = (withDisk: boolean) => ({
  data_dir: dataDir,
  sources: { in: { type: 'test_connection' } },
  sinks: {
    other: { type: 'test_recording', inputs: ['in'], mark: 'other' },
    ...(withDisk
      ? {
          out: {
            type: 'test_recording',
            inputs: ['in'],
            mark: 'out',
            buffer: { type: 'disk', max_size: 64 * 1024 * 1024, max_data_file_size: 1024 * 1024 },
          },
        }
      : {}),
  },
});

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

async function turnsUntil(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100_000 && !condition(); turn += 1)
    await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

it('a disk-buffered sink removed by a reload and added back by the next: the new buffer waits for the old one to drain and close; every event once (issue 24, item 5)', async () => {
  const release = probe.blockSinks();
  const topology = await Topology.build(await planTopology(config(true), { registry }), {
    logger: new RecordingLogger(),
  });
  const running = topology.run();
  await turnsUntil(() => probe.send !== undefined);
  const send = probe.send as (sequences: readonly number[]) => Promise<void>;
  for (let batch = 0; batch < 10; batch += 1) await send(range(batch * 10, batch * 10 + 10));

  const removed = await reloadTopology(topology, await planTopology(config(false), { registry }));
  expect(removed.diff.removed).toEqual(['out']);
  // The removed sink still holds its events (its sink is blocked): adding it back waits for it.
  let readded = false;
  const addingBack = (async () => {
    const result = await reloadTopology(topology, await planTopology(config(true), { registry }));
    readded = true;
    return result;
  })();
  for (let batch = 10; batch < 20; batch += 1) await send(range(batch * 10, batch * 10 + 10));
  expect(readded).toBe(false);
  release();
  await removed.retired;
  const added = await addingBack;
  expect(added.diff.added).toEqual(['out']);
  for (let batch = 20; batch < 30; batch += 1) await send(range(batch * 10, batch * 10 + 10));
  await turnsUntil(() => probe.delivered.length >= 500);
  await topology.shutdown();
  await running;

  const sequencesOf = (mark: string) =>
    probe.delivered.filter((event) => event.fields.marked_by === mark).map((event) => event.fields.sequence);
  expect(sequencesOf('other')).toEqual(range(0, 300));
  // Events 100 to 199 were sent while no `out` was configured.
  expect(sequencesOf('out')).toEqual([...range(0, 100), ...range(200, 300)]);
});
