import zlib from 'node:zlib';
import { endpointUrl } from '@sluice/aws';
import {
  attachFinalizer,
  ConfigError,
  createLogEvent,
  type DeliveryStatus,
  type LogEvent,
} from '@sluice/component-api';
import { type CompressionOption, compressorOf } from '@sluice/sink-kit';
import { batchesOf, createTestContext, inputOf } from '@sluice/testkit';
import snappy from 'snappyjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KinesisSinkOptions, Protocol } from './options.js';
import { createKinesisSink } from './sink.js';
import { deaggregatedByAws } from './test-helpers/aws-kinesis-agg.js';
import { type OptionOverrides, testOptions } from './test-helpers/options.js';
import { FakeKinesis } from './testing/index.js';

process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'secret';

const fake = new FakeKinesis({ streams: ['logs'] });
let endpoint = '';
beforeAll(async () => {
  endpoint = await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.accepted.length = 0;
  fake.requests.length = 0;
  fake.defaultBehaviour = { kind: 'succeed' };
});

function options(overrides: OptionOverrides = {}): KinesisSinkOptions {
  return testOptions(endpoint, { encoding: 'text', ...overrides });
}

const request = (values: Partial<KinesisSinkOptions['request']>) => values as KinesisSinkOptions['request'];

async function runSink(events: LogEvent[], sinkOptions: KinesisSinkOptions) {
  const context = createTestContext({ id: 'kinesis_out' });
  const rejected: LogEvent[] = [];
  context.rejected = { send: async (batch) => void rejected.push(...batch) };
  const statuses = new Map<string, DeliveryStatus>();
  for (const event of events)
    attachFinalizer([event], (status) => statuses.set(String(event.fields.message), status));
  await (await createKinesisSink(sinkOptions, context)).run(inputOf(batchesOf(events, 250)));
  return { context, statuses, rejected };
}

const eventsOf = (count: number, fields: (index: number) => Record<string, string> = () => ({})) =>
  Array.from({ length: count }, (_, index) =>
    createLogEvent({ message: `event ${index} ${'·'.repeat(index % 40)}`, ...fields(index) }),
  );

/** Every user record the fake accepted, deaggregated by aws-kinesis-agg. */
const userRecords = () =>
  fake.accepted.flatMap((record) => deaggregatedByAws(record.data, record.partitionKey));

describe('aggregation through the sink', () => {
  it.each<Protocol>(['cbor', 'json'])(
    'over %s: every event arrives once, in far fewer records, one random key per aggregate',
    async (protocol) => {
      const events = eventsOf(2_000);
      const { statuses } = await runSink(
        events,
        options({ aggregation: { enabled: true, max_record_bytes: 51_200 }, request: request({ protocol }) }),
      );
      expect([...statuses.values()].every((status) => status === 'delivered')).toBe(true);
      const users = userRecords();
      expect(users.map((user) => user.data.toString()).sort()).toEqual(
        events.map((event) => String(event.fields.message)).sort(),
      );
      expect(fake.accepted.length).toBeLessThan(20);
      for (const record of fake.accepted) {
        expect(record.data.length + record.partitionKey.length).toBeLessThanOrEqual(51_200);
        expect(record.partitionKey).toMatch(/^[0-9a-f]{32}$/);
      }
    },
  );

  it('kinesis_user_records_per_aggregate: one observation per Kinesis record, of the events it carries; none unaggregated', async () => {
    const events = eventsOf(2_000, (index) => ({ user: `user-${index % 5}` }));
    const aggregated = await runSink(
      events,
      options({ partition_key_field: 'user', aggregation: { enabled: true, max_record_bytes: 8_000 } }),
    );
    const metrics = aggregated.context.metrics;
    expect(fake.accepted.length).toBeGreaterThan(5);
    expect(metrics.total('kinesis_user_records_per_aggregate_count')).toBe(fake.accepted.length);
    expect(metrics.total('kinesis_user_records_per_aggregate_sum')).toBe(events.length);
    fake.accepted.length = 0;
    const plain = await runSink(eventsOf(20), options());
    expect(fake.accepted).toHaveLength(20);
    expect(plain.context.metrics.total('kinesis_user_records_per_aggregate_count')).toBe(0);
  });

  it('with partition_key_field, each event keeps its key, and each record carries only events of its key', async () => {
    const events = eventsOf(900, (index) => ({ user: `user-${index % 7}` }));
    await runSink(
      events,
      options({ partition_key_field: 'user', aggregation: { enabled: true, max_record_bytes: 8_000 } }),
    );
    const expected = events.map((event) => `${String(event.fields.user)}|${String(event.fields.message)}`);
    expect(
      userRecords()
        .map((user) => `${user.partitionKey}|${user.data.toString()}`)
        .sort(),
    ).toEqual(expected.sort());
    for (const record of fake.accepted)
      for (const user of deaggregatedByAws(record.data, record.partitionKey))
        expect(user.partitionKey).toBe(record.partitionKey);
    // Per key, the events arrive in the order sent.
    for (let user = 0; user < 7; user += 1)
      expect(
        userRecords()
          .filter((record) => record.partitionKey === `user-${user}`)
          .map((record) => record.data.toString()),
      ).toEqual(
        events.filter((event) => event.fields.user === `user-${user}`).map((event) => event.fields.message),
      );
  });

  it('a failed aggregated record resends all its events, and only them', async () => {
    fake.enqueue({ kind: 'fail-records', errorCode: 'ProvisionedThroughputExceededException', indexes: [0] });
    const events = eventsOf(600, (index) => ({ user: `user-${index % 3}` }));
    const { statuses } = await runSink(
      events,
      options({ partition_key_field: 'user', aggregation: { enabled: true, max_record_bytes: 51_200 } }),
    );
    expect([...statuses.values()].every((status) => status === 'delivered')).toBe(true);
    expect(
      userRecords()
        .map((user) => user.data.toString())
        .sort(),
    ).toEqual(events.map((event) => String(event.fields.message)).sort());
  });

  it('a request of more aggregates than max_events records is sent as several PutRecords', async () => {
    const events = eventsOf(40, (index) => ({ user: `user-${index}` }));
    await runSink(
      events,
      options({
        partition_key_field: 'user',
        aggregation: { enabled: true, max_record_bytes: 51_200 },
        batch: { max_events: 10, max_bytes: 5_000_000, timeout_secs: 0.05 },
      }),
    );
    expect(fake.requests.every((logged) => logged.records <= 10)).toBe(true);
    expect(userRecords()).toHaveLength(40);
  });
});

describe('events too large for a Kinesis record', () => {
  /** The copies routed to `<sink>.rejected`, by message. */
  const rejectedMessages = (rejected: LogEvent[]) => rejected.map((event) => String(event.fields.message));

  it.each([
    ['plain records', false],
    ['aggregated', true],
  ] as const)(
    '%s: routed to <sink>.rejected, counted, never sent nor reported delivered; the others delivered',
    async (_, aggregated) => {
      // 1 MiB per record (data + the 32 bytes of a random key): one byte more is too large.
      const fits = createLogEvent({ message: 'f'.repeat(1024 * 1024 - 32) });
      const tooLarge = createLogEvent({ message: 'x'.repeat(1024 * 1024 - 31) });
      const small = eventsOf(3);
      const events = [small[0], tooLarge, small[1], fits, small[2]] as LogEvent[];
      const { statuses, context, rejected } = await runSink(
        events,
        options({ aggregation: { enabled: aggregated, max_record_bytes: 51_200 } }),
      );
      expect(events.map((event) => statuses.get(String(event.fields.message)))).toEqual([
        'delivered',
        'rejected',
        'delivered',
        'delivered',
        'delivered',
      ]);
      expect(rejectedMessages(rejected)).toEqual([String(tooLarge.fields.message)]);
      expect(rejected[0]?.fields.rejection).toMatchObject({
        sink_id: 'kinesis_out',
        error_code: 'record_too_large',
      });
      const sent = aggregated ? userRecords().map((user) => user.data.toString()) : fake.acceptedData();
      expect(sent.sort()).toEqual(
        [small[0], small[1], fits, small[2]].map((event) => String(event?.fields.message)).sort(),
      );
      expect(
        context.metrics.total('component_errors_total', {
          error_type: 'record_too_large',
          error_code: 'record_too_large',
        }),
      ).toBe(1);
      expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
      expect(context.metrics.total('component_sent_events_total')).toBe(4);
      expect(context.logger.find('record is larger', 'warn')).toHaveLength(1);
    },
  );

  it('the size that counts is after compression: 2 MiB that gzip to a few KiB go; max_record_bytes lowers the limit', async () => {
    const compressible = createLogEvent({ message: 'a'.repeat(2 * 1024 * 1024) });
    const gzipped = await runSink([compressible], options({ compression: 'gzip' }));
    expect(gzipped.statuses.get(String(compressible.fields.message))).toBe('delivered');
    expect(gzipped.rejected).toHaveLength(0);
    fake.accepted.length = 0;
    const lowered = await runSink(
      eventsOf(2, (index) => ({ message: `${index}${'m'.repeat(500)}` })),
      {
        ...options(),
        max_record_bytes: 300,
      },
    );
    expect([...lowered.statuses.values()]).toEqual(['rejected', 'rejected']);
    expect(lowered.rejected).toHaveLength(2);
    expect(fake.accepted).toHaveLength(0);
    expect(lowered.context.metrics.total('component_errors_total', { error_type: 'record_too_large' })).toBe(
      2,
    );
  });
});

describe('request_retry_partial', () => {
  it('false: records Kinesis failed are rejected at once, counted and routed to rejected; the rest delivered', async () => {
    fake.enqueue({ kind: 'fail-records', errorCode: 'ProvisionedThroughputExceededException', indexes: [1] });
    const events = eventsOf(3);
    const { statuses, context, rejected } = await runSink(events, options({ request_retry_partial: false }));
    expect(fake.requests).toHaveLength(1);
    expect(events.map((event) => statuses.get(String(event.fields.message)))).toEqual([
      'delivered',
      'rejected',
      'delivered',
    ]);
    expect(rejected.map((event) => event.fields.message)).toEqual([events[1]?.fields.message]);
    expect(
      context.metrics.total('kinesis_failed_records_total', {
        error_code: 'ProvisionedThroughputExceededException',
      }),
    ).toBe(1);
  });

  it('true (the default): they are resent until accepted', async () => {
    fake.enqueue({ kind: 'fail-records', errorCode: 'ProvisionedThroughputExceededException', indexes: [1] });
    const { statuses } = await runSink(eventsOf(3), options());
    expect(fake.requests.map((logged) => logged.records)).toEqual([3, 1]);
    expect([...statuses.values()]).toEqual(['delivered', 'delivered', 'delivered']);
  });
});

describe('request.record_ttl_secs', () => {
  it('a record not accepted in time is rejected (record_ttl_expired), counted and routed, not retried forever', async () => {
    fake.defaultBehaviour = {
      kind: 'fail-records',
      errorCode: 'ProvisionedThroughputExceededException',
      every: 1,
    };
    const events = eventsOf(4);
    const { statuses, context, rejected } = await runSink(
      events,
      options({ request: request({ record_ttl_secs: 0.05 }) }),
    );
    expect([...statuses.values()]).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(rejected).toHaveLength(4);
    expect(rejected[0]?.fields.rejection).toMatchObject({ error_code: 'record_ttl_expired' });
    expect(context.metrics.total('kinesis_failed_records_total', { error_code: 'record_ttl_expired' })).toBe(
      4,
    );
  });
});

describe('compression', () => {
  const decompressors: Record<string, (data: Buffer) => Buffer> = {
    gzip: zlib.gunzipSync,
    zlib: zlib.inflateSync,
    snappy: (data) => snappy.uncompress(data),
  };
  const zstdDecompress = (zlib as unknown as { zstdDecompressSync?: (data: Buffer) => Buffer })
    .zstdDecompressSync;
  if (zstdDecompress !== undefined) decompressors.zstd = zstdDecompress;

  it.each(Object.keys(decompressors))(
    '%s: each record is one event, compressed on its own',
    async (algorithm) => {
      const events = eventsOf(50);
      await runSink(events, options({ compression: algorithm as CompressionOption }));
      const decompress = decompressors[algorithm] as (data: Buffer) => Buffer;
      expect(fake.accepted.map((record) => decompress(record.data).toString()).sort()).toEqual(
        events.map((event) => String(event.fields.message)).sort(),
      );
    },
  );

  it('with aggregation: events compressed one by one, then aggregated (deaggregate, then decompress)', async () => {
    const events = eventsOf(300);
    await runSink(
      events,
      options({ compression: 'gzip', aggregation: { enabled: true, max_record_bytes: 51_200 } }),
    );
    expect(fake.accepted.length).toBeLessThan(10);
    expect(
      userRecords()
        .map((user) => zlib.gunzipSync(user.data).toString())
        .sort(),
    ).toEqual(events.map((event) => String(event.fields.message)).sort());
  });

  it("takes Vector's table form with a level, named or numeric, and checks the level's range", () => {
    const data = Buffer.from('a'.repeat(10_000));
    const fast = compressorOf({ algorithm: 'gzip', level: 'fast' })?.(data) as Buffer;
    const best = compressorOf({ algorithm: 'zlib', level: 9 })?.(data) as Buffer;
    expect(zlib.gunzipSync(fast).equals(data)).toBe(true);
    expect(zlib.inflateSync(best).equals(data)).toBe(true);
    expect(compressorOf('none')).toBeUndefined();
    expect(() => compressorOf({ algorithm: 'gzip', level: 10 })).toThrow(/0 to 9/);
    expect(() => compressorOf({ algorithm: 'snappy', level: 1 })).toThrow(/takes no level/);
  });

  it('zstd: compresses on a Node that has it, else a config error that names this Node', () => {
    if (zstdDecompress !== undefined) {
      const compress = compressorOf({ algorithm: 'zstd', level: 'best' }) as (data: Buffer) => Buffer;
      expect(zstdDecompress(compress(Buffer.from('hello'))).toString()).toBe('hello');
    } else {
      expect(() => compressorOf('zstd')).toThrow(ConfigError);
      expect(() => compressorOf('zstd')).toThrow(`this is Node ${process.versions.node}`);
    }
  });
});

describe('older Vector spellings', () => {
  it('an endpoint without a scheme means https, with one deprecation warning', async () => {
    expect(endpointUrl('kinesis.example.com:4567')).toBe('https://kinesis.example.com:4567');
    expect(endpointUrl('http://127.0.0.1:1')).toBe('http://127.0.0.1:1');
    const context = createTestContext();
    await createKinesisSink(options({ endpoint: '127.0.0.1:1' }), context);
    expect(
      context.logger.records.filter((record) => record.level === 'warn').map((record) => record.message),
    ).toEqual([
      'endpoint "127.0.0.1:1" has no scheme, which is deprecated: https:// is assumed; write "https://127.0.0.1:1"',
    ]);
  });
});
