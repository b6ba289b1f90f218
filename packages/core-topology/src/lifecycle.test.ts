import { ConfigError, ErrorCode, SluiceError } from '@sluice/component-api';
import { RecordingLogger } from '@sluice/testkit';
import { beforeEach, expect, it } from 'vitest';
import { withComponentPath } from './component-path.js';
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

it("an error of create carries the component's path and the original error as its cause", async () => {
  const failing = { ...pipeline, sources: { numbers: { type: 'test_counter', fail_create: true } } };
  const error = await Topology.build(await plan(failing), { logger: new RecordingLogger() }).catch(
    (caught: unknown) => caught,
  );
  expect(SluiceError.isInstance(error)).toBe(true);
  expect((error as SluiceError).code).toBe(ErrorCode.componentCreate);
  expect((error as Error).message).toBe('sources.numbers: this source cannot be created');
  expect(((error as Error).cause as Error).message).toBe('this source cannot be created');
});

it('a ConfigError of create gets each problem path prefixed with the component path', () => {
  const cause = new ConfigError([{ file: undefined, path: 'max_size', message: 'too small' }]);
  const error = withComponentPath('sinks.k.buffer[1]', cause);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([
    { file: undefined, path: 'sinks.k.buffer[1].max_size', message: 'too small' },
  ]);
  expect(error.cause).toBe(cause);
  const locked = withComponentPath('sinks.k.buffer', new SluiceError(ErrorCode.bufferLocked, 'locked'));
  expect([locked.code, locked.message]).toEqual([ErrorCode.bufferLocked, 'sinks.k.buffer: locked']);
});
