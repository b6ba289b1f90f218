import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import basicComponents from '@sluice/basic-components';
import memoryBuffers from '@sluice/buffer-memory';
import { silentLogger } from '@sluice/component-api';
import { ComponentRegistry, planTopology, Topology } from '@sluice/core-topology';
import kinesisSinks from '@sluice/sink-kinesis';
import { FakeKinesis } from '@sluice/sink-kinesis/testing';
import { expect, it, onTestFinished } from 'vitest';

it('records Kinesis rejects (permanent error, attempts exhausted) reach a file sink through `k.rejected`: every event is delivered or in the file', async () => {
  const fake = new FakeKinesis({ streams: ['logs'] });
  const endpoint = await fake.start();
  const directory = await mkdtemp(join(tmpdir(), 'sluice-rejected-'));
  onTestFinished(async () => {
    await fake.stop();
    await rm(directory, { recursive: true, force: true });
  });
  // The first request: two records refused for good (a record-level error that is neither a
  // throttle nor the destination down); then every fourth record throttled, each time.
  fake.enqueue({ kind: 'fail-records', errorCode: 'ValidationException', indexes: [1, 2] });
  fake.defaultBehaviour = {
    kind: 'fail-records',
    errorCode: 'ProvisionedThroughputExceededException',
    every: 4,
  };
  const registry = new ComponentRegistry();
  registry.register(basicComponents, '@sluice/basic-components');
  registry.register(memoryBuffers, '@sluice/buffer-memory');
  registry.register(kinesisSinks, '@sluice/sink-kinesis');
  const total = 200;
  const plan = await planTopology(
    {
      sources: {
        demo: {
          type: 'demo_logs',
          format: 'shuffle',
          lines: ['line'],
          sequence: true,
          count: total,
          interval: 0,
        },
      },
      sinks: {
        k: {
          type: 'aws_kinesis_streams',
          inputs: ['demo'],
          stream_name: 'logs',
          region: 'us-east-1',
          endpoint,
          encoding: { codec: 'text' },
          auth: { access_key_id: 'AKIDTEST', secret_access_key: 'secret' },
          batch: { max_events: 50, timeout_secs: 0.05 },
          request: { retry_attempts: 1, retry_initial_backoff_secs: 0.001, retry_max_duration_secs: 0.01 },
        },
        kept: {
          type: 'file',
          inputs: ['k.rejected'],
          path: join(directory, 'rejected-{{ rejection.error_code }}.ndjson'),
          encoding: { codec: 'json' },
        },
      },
    },
    { registry },
  );
  const topology = await Topology.build(plan, { logger: silentLogger });
  await topology.run();

  const kept: Array<{
    message: string;
    rejection: { error_code: string; sink_id: string; attempts: number };
  }> = [];
  for (const name of await readdir(directory)) {
    const text = await readFile(join(directory, name), 'utf8');
    for (const line of text.trim().split('\n')) kept.push(JSON.parse(line));
  }
  const delivered = fake.acceptedData();
  const codes = new Set(kept.map((event) => event.rejection.error_code));
  expect(codes).toEqual(new Set(['ValidationException', 'ProvisionedThroughputExceededException']));
  expect(kept.every((event) => event.rejection.sink_id === 'k')).toBe(true);
  expect(kept.filter((event) => event.rejection.error_code === 'ValidationException')).toHaveLength(2);
  // None missing, none twice: delivered and kept together are every event exactly once.
  const all = [...delivered, ...kept.map((event) => event.message)].sort();
  expect(all).toHaveLength(total);
  expect(new Set(all).size).toBe(total);
});
