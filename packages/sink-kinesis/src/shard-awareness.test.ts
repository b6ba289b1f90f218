import { attachFinalizer, type Batch, createLogEvent, type LogEvent } from '@sluice/component-api';
import { batchesOf, createTestContext } from '@sluice/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { deaggregate } from './aggregation.js';
import type { KinesisSinkOptions } from './options.js';
import { createKinesisSink } from './sink.js';
import { type OptionOverrides, testOptions } from './test-helpers/options.js';
import { FakeKinesis, type FakeKinesisOptions, fakeHashKeyOf } from './testing/index.js';

const QUOTA = { recordsPerSecond: 1000, bytesPerSecond: 1024 * 1024 };

async function startFake(fakeOptions: FakeKinesisOptions) {
  const fake = new FakeKinesis({ streams: ['logs'], ...fakeOptions });
  const endpoint = await fake.start();
  onTestFinished(() => fake.stop());
  return { fake, endpoint };
}

function options(endpoint: string, overrides: OptionOverrides = {}): KinesisSinkOptions {
  return testOptions(endpoint, {
    encoding: 'text',
    ...overrides,
    request: {
      timeout_secs: 10,
      retry_initial_backoff_secs: 0.05,
      retry_max_duration_secs: 1,
      ...overrides.request,
    },
    auth: { access_key_id: 'AKIDTEST', secret_access_key: 'secret', ...overrides.auth },
    shard_awareness: {
      enabled: true,
      shard_records_per_second: QUOTA.recordsPerSecond,
      shard_bytes_per_second: QUOTA.bytesPerSecond,
      ...overrides.shard_awareness,
    },
  });
}

/**
 * The sink as the CLI starts it: its healthcheck first, which reads the stream (summary and shard
 * map) once. Sending never waits for that read; without it, the first second goes unpaced.
 */
async function startedSink(sinkOptions: KinesisSinkOptions, context: ReturnType<typeof createTestContext>) {
  const sink = await createKinesisSink(sinkOptions, context);
  await sink.healthcheck?.(new AbortController().signal);
  return sink;
}

/** Events whose message (the record's data, text encoding) is 200 bytes, numbered from `start`. */
function events(count: number, start = 0): LogEvent[] {
  return Array.from({ length: count }, (_, index) =>
    createLogEvent({
      message: `${String(start + index).padStart(8, '0')} ${'x'.repeat(191)}`,
      user: `user-${(start + index) % 64}`,
    }),
  );
}

/** The sent messages as they must arrive: each exactly once. */
function expectEveryEventOnce(fake: FakeKinesis, sent: readonly LogEvent[]) {
  const arrived = fake.acceptedData().sort();
  const expected = sent.map((event) => String(event.fields.message)).sort();
  expect(arrived.length).toBe(expected.length);
  expect(arrived).toEqual(expected);
}

function throttledFraction(fake: FakeKinesis): number {
  return fake.throttledCount / (fake.throttledCount + fake.acceptedCount);
}

function report(label: string, fake: FakeKinesis, seconds: number): void {
  const perShard = fake.shards
    .map((shard) => `${shard.shardId.slice(-2)}:${Math.round(shard.acceptedRecords / seconds)}`)
    .join(' ');
  console.log(
    `${label}: ${fake.acceptedCount} records in ${seconds.toFixed(2)} s, events/s per shard ${perShard}, throttled ${(100 * throttledFraction(fake)).toFixed(1)} %`,
  );
}

describe('shard awareness against a stream that enforces per-shard quotas', () => {
  it("4 shards, 200-byte events: fewer than 10 % of records come back throttled, every event arrives, on its key's shard", async () => {
    const { fake, endpoint } = await startFake({ shards: 4, shardQuota: QUOTA });
    const sent = events(12_000);
    const context = createTestContext();
    const started = performance.now();
    await (await startedSink(options(endpoint), context)).run(
      (async function* () {
        yield* batchesOf(sent, 1000);
      })(),
    );
    report('paced', fake, (performance.now() - started) / 1000);
    expectEveryEventOnce(fake, sent);
    expect(throttledFraction(fake)).toBeLessThan(0.1);
    for (const record of fake.accepted) {
      expect(record.partitionKey).toMatch(/^[0-9a-f]{32}$/);
      expect(record.shardId).toBe(fake.shardOf(fakeHashKeyOf(record.partitionKey)).shardId);
    }
    // Random keys spread the load: every shard took a share.
    for (const shard of fake.shards) expect(shard.acceptedRecords).toBeGreaterThan(sent.length / 8);
    expect(context.metrics.total('kinesis_open_shards')).toBe(4);
  });

  it('aggregated and paced: aggregates per predicted shard, every user record on the shard its own key maps to', async () => {
    // A byte quota of 256 KiB/s per shard: the byte limit binds, as it does once events are aggregated.
    const quota = { recordsPerSecond: 1000, bytesPerSecond: 256 * 1024 };
    const { fake, endpoint } = await startFake({ shards: 4, shardQuota: quota });
    const sent = events(12_000);
    const context = createTestContext();
    const base = options(endpoint);
    const sink = await startedSink(
      {
        ...base,
        partition_key_field: 'user',
        aggregation: { enabled: true, max_record_bytes: 51_200 },
        shard_awareness: {
          enabled: true,
          refresh_interval_secs: 60,
          shard_records_per_second: quota.recordsPerSecond,
          shard_bytes_per_second: quota.bytesPerSecond,
        },
      },
      context,
    );
    await sink.run(
      (async function* () {
        yield* batchesOf(sent, 1000);
      })(),
    );
    const userRecords = fake.accepted.flatMap((record) =>
      deaggregate(record.data, record.partitionKey).map((user) => ({ ...user, shardId: record.shardId })),
    );
    expect(userRecords.map((user) => user.data.toString('utf8')).sort()).toEqual(
      sent.map((event) => String(event.fields.message)).sort(),
    );
    for (const user of userRecords)
      expect(user.shardId).toBe(fake.shardOf(fakeHashKeyOf(user.partitionKey)).shardId);
    // Many events per record: 200-byte events in aggregates of up to 50 KiB.
    expect(fake.acceptedCount).toBeLessThan(sent.length / 20);
    expect(throttledFraction(fake)).toBeLessThan(0.1);
  });

  it('a shard split mid-run loses nothing; the unknown child shard in an answer refreshes the map', async () => {
    const { fake, endpoint } = await startFake({ shards: 4, shardQuota: QUOTA });
    const first = events(4000);
    const second = events(4000, 4000);
    const context = createTestContext();
    let callsAtSplit = 0;
    const input = async function* (): AsyncGenerator<Batch> {
      yield* batchesOf(first.slice(0, 3000), 500);
      await fake.when(() => fake.acceptedCount >= 1500);
      fake.splitShard('shardId-000000000000');
      callsAtSplit = fake.listShardsCalls;
      // An answer with a failed record is read whole: its accepted records name the new shards.
      fake.enqueue({ kind: 'fail-records', errorCode: 'InternalFailure', indexes: [0] });
      yield* batchesOf(first.slice(3000), 500);
      await fake.when(() => fake.listShardsCalls > callsAtSplit);
      yield* batchesOf(second, 500);
    };
    const started = performance.now();
    await (await startedSink(options(endpoint, { partition_key_field: 'user' }), context)).run(input());
    report('reshard', fake, (performance.now() - started) / 1000);
    expectEveryEventOnce(fake, [...first, ...second]);
    expect(context.logger.find('5 open shards', 'info')).toHaveLength(1);
    const children = fake.shards.filter((shard) => shard.parentShardId === 'shardId-000000000000');
    for (const child of children) expect(child.acceptedRecords).toBeGreaterThan(0);
    for (const record of fake.accepted) expect(record.partitionKey).toMatch(/^user-\d+$/);
    expect(throttledFraction(fake)).toBeLessThan(0.1);
  });

  it('ListShards denied: one warning, and the sink sends as before, without shard awareness', async () => {
    const { fake, endpoint } = await startFake({ shards: 2 });
    fake.denyListShards = true;
    const sent = events(1500);
    const statuses: string[] = [];
    const batches = batchesOf(sent, 500);
    for (const batch of batches) attachFinalizer(batch, (status) => statuses.push(status));
    const context = createTestContext();
    await (await startedSink(options(endpoint), context)).run(
      (async function* () {
        yield* batches;
      })(),
    );
    expect(statuses).toEqual(['delivered', 'delivered', 'delivered']);
    expectEveryEventOnce(fake, sent);
    expect(fake.listShardsCalls).toBeGreaterThanOrEqual(1);
    const warnings = context.logger.find('ListShards failed', 'warn');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.fields.error)).toContain('AccessDeniedException');
    expect(
      context.metrics.total('kinesis_shard_map_refreshes_total', { outcome: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(context.metrics.total('kinesis_shard_map_refreshes_total', { outcome: 'ok' })).toBe(0);
  });

  it('a stream that places records itself (RecordDistributionStrategy AUTO): aggregation switched off with one warning, nothing lost', async () => {
    const { fake, endpoint } = await startFake({ shards: 4, recordDistribution: 'AUTO' });
    const sent = events(2000);
    const statuses: string[] = [];
    const batches = batchesOf(sent, 500);
    for (const batch of batches) attachFinalizer(batch, (status) => statuses.push(status));
    const context = createTestContext();
    const sink = await createKinesisSink(
      options(endpoint, {
        partition_key_field: 'user',
        aggregation: { enabled: true, max_record_bytes: 51_200 },
      }),
      context,
    );
    await sink.run(
      (async function* () {
        yield* batches;
      })(),
    );
    expect(statuses).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    // One plain record per event, each with its own key: a KCL consumer reads every event.
    expect(fake.accepted).toHaveLength(sent.length);
    expectEveryEventOnce(fake, sent);
    for (const record of fake.accepted) expect(record.partitionKey).toMatch(/^user-\d+$/);
    expect(context.logger.find('RecordDistributionStrategy AUTO', 'warn')).toHaveLength(1);
  });

  it.each([
    ['plain records', false],
    ['aggregated', true],
  ] as const)(
    '%s: per shard, kinesis_shard_user_records_total and kinesis_shard_bytes_total are what the shard took',
    async (_, aggregated) => {
      const { fake, endpoint } = await startFake({ shards: 4 });
      const sent = events(1_000);
      const context = createTestContext();
      const sink = await startedSink(
        options(endpoint, {
          partition_key_field: 'user',
          aggregation: { enabled: aggregated, max_record_bytes: 51_200 },
        }),
        context,
      );
      await sink.run(
        (async function* () {
          yield* batchesOf(sent, 250);
        })(),
      );
      await sink.close?.(); // hands the last figures over
      const users = fake.accepted.flatMap((record) =>
        (aggregated ? deaggregate(record.data, record.partitionKey) : [record]).map((user) => ({
          ...user,
          shardId: record.shardId,
        })),
      );
      expect(users).toHaveLength(sent.length);
      for (const shard of fake.shards) {
        const labels = { shard_id: shard.shardId };
        // Independently: the events whose key's MD5 falls in the shard's range.
        const expectedUsers = sent.filter(
          (event) => fake.shardOf(fakeHashKeyOf(String(event.fields.user))).shardId === shard.shardId,
        ).length;
        expect(users.filter((user) => user.shardId === shard.shardId)).toHaveLength(expectedUsers);
        expect(context.metrics.total('kinesis_shard_user_records_total', labels)).toBe(expectedUsers);
        // Bytes as the shard counts them: each Kinesis record's data and partition key.
        const bytes = fake.accepted
          .filter((record) => record.shardId === shard.shardId)
          .reduce((sum, record) => sum + record.data.length + Buffer.byteLength(record.partitionKey), 0);
        expect(context.metrics.total('kinesis_shard_bytes_total', labels)).toBe(bytes);
      }
      expect(context.metrics.total('kinesis_shard_user_records_total')).toBe(sent.length);
    },
  );

  it('kinesis_shard_throttled_records_total: each record a shard refused for its quota, counted on that shard; kinesis_retries_total: each resend', async () => {
    const { fake, endpoint } = await startFake({ shards: 4 });
    // The first request's records all refused for throughput, then every one accepted.
    fake.enqueue({ kind: 'fail-records', errorCode: 'ProvisionedThroughputExceededException', every: 1 });
    const sent = events(300);
    const context = createTestContext();
    const sink = await startedSink(options(endpoint, { partition_key_field: 'user' }), context);
    await sink.run(
      (async function* () {
        yield* batchesOf(sent, 300);
      })(),
    );
    await sink.close?.();
    expectEveryEventOnce(fake, sent);
    const putRecords = fake.requests.filter((request) => request.target.endsWith('.PutRecords'));
    expect(putRecords[0]?.records).toBe(sent.length);
    for (const shard of fake.shards) {
      const refused = sent.filter(
        (event) => fake.shardOf(fakeHashKeyOf(String(event.fields.user))).shardId === shard.shardId,
      ).length;
      expect(refused).toBeGreaterThan(0);
      expect(
        context.metrics.total('kinesis_shard_throttled_records_total', { shard_id: shard.shardId }),
      ).toBe(refused);
    }
    expect(context.metrics.total('kinesis_retries_total')).toBe(sent.length);
  });

  it('with shard_awareness.enabled = false ListShards is never called', async () => {
    const { fake, endpoint } = await startFake({ shards: 2 });
    const withoutAwareness = options(endpoint, { shard_awareness: { enabled: false } });
    const sent = events(600);
    await (await createKinesisSink(withoutAwareness, createTestContext())).run(
      (async function* () {
        yield* batchesOf(sent, 300);
      })(),
    );
    expectEveryEventOnce(fake, sent);
    expect(fake.listShardsCalls).toBe(0);
  });
});
