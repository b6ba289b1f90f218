import { RecordingLogger } from '@sluice/testkit';
import { beforeEach, expect, it } from 'vitest';
import { planTopology } from './config/plan-topology.js';
import { probe, testRegistry } from './test-helpers/components.js';
import { Topology } from './topology.js';

async function plan(config: Record<string, unknown>) {
  return planTopology(config, { registry: testRegistry() });
}

beforeEach(() => probe.reset());

const pipeline = {
  sources: { numbers: { type: 'test_counter', count: 20 } },
  transforms: { tag: { type: 'test_tag', inputs: ['numbers'] } },
  sinks: { out: { type: 'test_recording', inputs: ['tag'] } },
};

it('closes every instance once, in the order the data flows, after draining', async () => {
  const topology = await Topology.build(await plan(pipeline), { logger: new RecordingLogger() });
  await topology.run();
  await topology.shutdown();
  expect(probe.delivered).toHaveLength(20);
  expect(probe.closed).toEqual(['numbers', 'tag', 'out']);
});

it('a build that fails halfway closes what it built', async () => {
  const failing = { ...pipeline, sources: { numbers: { type: 'test_counter', fail_create: true } } };
  await expect(Topology.build(await plan(failing), { logger: new RecordingLogger() })).rejects.toThrow(
    'this source cannot be created',
  );
  // Sinks and transforms are built before sources.
  expect(probe.closed).toEqual(['tag', 'out']);
});

it('a later, shorter shutdown deadline wins over the first one; instances are closed at the deadline', async () => {
  const stuck = {
    ...pipeline,
    sinks: { out: { type: 'test_recording', inputs: ['tag'], never_finish: true } },
  };
  const topology = await Topology.build(await plan(stuck), { logger: new RecordingLogger() });
  void topology.run();
  // The first caller (a failed sink, say) asks for the default 60 s; a SIGTERM then asks for 10 ms.
  const first = topology.shutdown();
  const second = topology.shutdown({ deadlineMs: 10 });
  expect(second).toBe(first);
  const report = await first; // would outlive the test's timeout at 60 s
  expect(report.graceful).toBe(false);
  expect(report.abandoned).toContain('out');
  expect(probe.closed).toEqual(['numbers', 'tag', 'out']);
});
