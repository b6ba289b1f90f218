import { createHash } from 'node:crypto';
import zlib, { gunzipSync, inflateSync } from 'node:zlib';
import { ListShardsCommand } from '@aws-sdk/client-kinesis';
import { attachFinalizer, createLogEvent, type DeliveryStatus, type LogEvent } from '@sluice/component-api';
import { type KinesisLocal, localClient, readAllRecords, startKinesisLocal } from '@sluice/kinesis-local';
import type { CompressionOption } from '@sluice/sink-kit';
import { createTestContext, inputOf } from '@sluice/testkit';
import snappy from 'snappyjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KinesisSinkOptions, Protocol } from './options.js';
import { createKinesisSink } from './sink.js';
import { deaggregatedByAws } from './test-helpers/aws-kinesis-agg.js';
import { type OptionOverrides, testOptions } from './test-helpers/options.js';

const protocols: Protocol[] = ['cbor', 'json'];

/** Each codec the running Node can do, with its decompressor. */
const decompressors: Record<string, (data: Buffer) => Buffer> = {
  gzip: gunzipSync,
  zlib: inflateSync,
  snappy: (data) => snappy.uncompress(data),
};
const zstdDecompress = (zlib as unknown as { zstdDecompressSync?: (data: Buffer) => Buffer })
  .zstdDecompressSync;
if (zstdDecompress !== undefined) decompressors.zstd = zstdDecompress;
const codecs = Object.keys(decompressors);

let kinesis: KinesisLocal;
beforeAll(async () => {
  kinesis = await startKinesisLocal({
    streams: [
      'json-cbor',
      'json-json',
      'text',
      'dynamic',
      'keys',
      'aggregated-cbor',
      'aggregated-json',
      'aggregated-keys',
      'by-arn',
      ...codecs.map((codec) => `compressed-${codec}`),
    ].map((name) => ({ name, shards: 3 })),
  });
});
afterAll(() => kinesis.stop());

function options(overrides: OptionOverrides): KinesisSinkOptions {
  return testOptions(kinesis.endpoint, {
    stream_name: 'json-cbor',
    region: kinesis.region,
    ...overrides,
    batch: { timeout_secs: 0.1, ...overrides.batch },
    request: {
      timeout_secs: 10,
      retry_initial_backoff_secs: 0.1,
      retry_max_duration_secs: 1,
      ...overrides.request,
    },
    auth: { access_key_id: 'AKIDTEST', secret_access_key: 'secret', ...overrides.auth },
  });
}

async function send(events: LogEvent[], sinkOptions: KinesisSinkOptions) {
  const statuses: DeliveryStatus[] = [];
  attachFinalizer(events, (status) => statuses.push(status));
  const context = createTestContext();
  await (await createKinesisSink(sinkOptions, context)).run(inputOf([events]));
  return { statuses, context };
}

const timestamp = new Date('2026-11-23T10:00:00.000Z');
const lines = (count: number) =>
  Array.from({ length: count }, (_, index) => `{"line":${index},"text":"héllo"}`);

describe('aws_kinesis_streams against kinesis-local (the real Kinesis API)', () => {
  it.each(protocols)(
    'json over %s: every event read back from every shard as the whole event',
    async (protocol) => {
      const events = lines(60).map((message) => createLogEvent({ message, timestamp, host: 'h' }));
      const base = options({ stream_name: `json-${protocol}`, encoding: 'json' });
      const { statuses } = await send(events, { ...base, request: { ...base.request, protocol } });
      expect(statuses).toEqual(['delivered']);
      const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName: `json-${protocol}` });
      expect(new Set(records.map((record) => record.shardId)).size).toBeGreaterThan(1);
      expect(
        records
          .map((record) => JSON.parse(record.data.toString()))
          .sort((a, b) => a.message.localeCompare(b.message)),
      ).toEqual(
        lines(60)
          .map((message) => ({ message, timestamp: '2026-11-23T10:00:00Z', host: 'h' }))
          .sort((a, b) => a.message.localeCompare(b.message)),
      );
    },
  );

  it('text: only the message, byte for byte', async () => {
    const events = lines(30).map((message) => createLogEvent({ message, timestamp }));
    await send(events, options({ stream_name: 'text', encoding: 'text' }));
    const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'text' });
    expect(records.map((record) => record.data.toString()).sort()).toEqual(lines(30).sort());
  });

  it('dynamic (no encoding): raw lines unchanged, parsed events as JSON', async () => {
    const raw = lines(10).map((message) => createLogEvent({ message, timestamp }));
    const parsed = [createLogEvent({ level: 'info', user: 'ada' }, { structured: true })];
    await send([...raw, ...parsed], options({ stream_name: 'dynamic' }));
    const data = (await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'dynamic' })).map((record) =>
      record.data.toString(),
    );
    expect(data.sort()).toEqual([...lines(10), '{"level":"info","user":"ada"}'].sort());
  });

  it('partition_key_field: the value is the PartitionKey, coerced and truncated; missing ones are dropped', async () => {
    const events = [
      createLogEvent({ message: 'a', tenant: 'acme' }),
      createLogEvent({ message: 'b', tenant: 1234 }),
      createLogEvent({ message: 'c', tenant: 'é'.repeat(300) }),
      createLogEvent({ message: 'd', tenant: '' }),
      createLogEvent({ message: 'e' }),
    ];
    const { context } = await send(
      events,
      options({ stream_name: 'keys', partition_key_field: 'tenant', encoding: 'text' }),
    );
    const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'keys' });
    const keyOf = Object.fromEntries(records.map((record) => [record.data.toString(), record.partitionKey]));
    expect(keyOf).toEqual({ a: 'acme', b: '1234', c: 'é'.repeat(256) });
    expect(context.metrics.total('component_discarded_events_total')).toBe(2);
  });

  it.each(protocols)(
    'PutRecords over %s to a missing stream: the destination is down, its events kept until record_ttl_secs, never rejected for it',
    async (protocol) => {
      const base = options({ stream_name: 'no-such-stream' });
      const { statuses, context } = await send([createLogEvent({ message: 'kept' })], {
        ...base,
        request: { ...base.request, protocol, record_ttl_secs: 2 },
      });
      // Retried (beyond retry_max_duration_secs) until the record's time to live ran out.
      expect(statuses).toEqual(['rejected']);
      expect(
        context.metrics.total('kinesis_failed_records_total', { error_code: 'ResourceNotFoundException' }),
      ).toBe(0);
      expect(
        context.metrics.total('kinesis_failed_records_total', { error_code: 'record_ttl_expired' }),
      ).toBe(1);
      expect(context.logger.find('the destination is unavailable', 'error').length).toBeGreaterThanOrEqual(1);
    },
  );

  it.each(protocols)(
    'aggregated over %s, random keys: GetRecords + aws-kinesis-agg give back exactly the events',
    async (protocol) => {
      const events = lines(500).map((message) => createLogEvent({ message }));
      const base = options({
        stream_name: `aggregated-${protocol}`,
        encoding: 'text',
        aggregation: { enabled: true, max_record_bytes: 4_000 },
      });
      await send(events, { ...base, request: { ...base.request, protocol } });
      const records = await readAllRecords({
        endpoint: kinesis.endpoint,
        streamName: `aggregated-${protocol}`,
      });
      const users = records.flatMap((record) => deaggregatedByAws(record.data, record.partitionKey));
      expect(users.map((user) => user.data.toString()).sort()).toEqual(lines(500).sort());
      expect(records.length).toBeLessThan(20);
    },
  );

  it('aggregated with partition_key_field: each event with its key, on the shard its key maps to', async () => {
    const events = lines(300).map((message, index) =>
      createLogEvent({ message, tenant: `tenant-${index % 11}` }),
    );
    await send(
      events,
      options({
        stream_name: 'aggregated-keys',
        encoding: 'text',
        partition_key_field: 'tenant',
        aggregation: { enabled: true, max_record_bytes: 2_000 },
      }),
    );
    const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'aggregated-keys' });
    const client = localClient(kinesis.endpoint);
    const { Shards: shards = [] } = await client.send(
      new ListShardsCommand({ StreamName: 'aggregated-keys' }),
    );
    client.destroy();
    const shardOf = (key: string) => {
      const hash = BigInt(`0x${createHash('md5').update(key).digest('hex')}`);
      return shards.find(
        (shard) =>
          BigInt(shard.HashKeyRange?.StartingHashKey ?? '0') <= hash &&
          hash <= BigInt(shard.HashKeyRange?.EndingHashKey ?? '0'),
      )?.ShardId;
    };
    const users = records.flatMap((record) =>
      deaggregatedByAws(record.data, record.partitionKey).map((user) => ({
        ...user,
        shardId: record.shardId,
      })),
    );
    expect(users.map((user) => `${user.partitionKey}|${user.data.toString()}`).sort()).toEqual(
      events.map((event) => `${String(event.fields.tenant)}|${String(event.fields.message)}`).sort(),
    );
    for (const user of users) expect(user.shardId).toBe(shardOf(user.partitionKey));
  });

  it.each(codecs)('compression %s: each record read back decompresses to its event', async (codec) => {
    await send(
      lines(40).map((message) => createLogEvent({ message })),
      options({
        stream_name: `compressed-${codec}`,
        encoding: 'text',
        compression: codec as CompressionOption,
      }),
    );
    const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName: `compressed-${codec}` });
    const decompress = decompressors[codec] as (data: Buffer) => Buffer;
    expect(records.map((record) => decompress(record.data).toString()).sort()).toEqual(lines(40).sort());
  });

  it.each(protocols)(
    'stream_arn over %s: the stream named by its ARN alone (no stream_name, no region) gets every event',
    async (protocol) => {
      const events = lines(25).map((message) => createLogEvent({ message: `${protocol} ${message}` }));
      const base = options({
        stream_arn: `arn:aws:kinesis:${kinesis.region}:000000000000:stream/by-arn`,
        encoding: 'text',
        shard_awareness: { enabled: true },
      });
      delete (base as { stream_name?: string }).stream_name;
      delete (base as { region?: string }).region;
      const sink = await createKinesisSink(
        { ...base, request: { ...base.request, protocol } },
        createTestContext(),
      );
      expect(await sink.healthcheck?.(new AbortController().signal)).toEqual({ status: 'healthy' });
      const statuses: DeliveryStatus[] = [];
      attachFinalizer(events, (status) => statuses.push(status));
      await sink.run(inputOf([events]));
      await sink.close?.();
      expect(statuses).toEqual(['delivered']);
      const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'by-arn' });
      expect(
        records
          .map((record) => record.data.toString())
          .filter((data) => data.startsWith(protocol))
          .sort(),
      ).toEqual(events.map((event) => String(event.fields.message)).sort());
    },
  );

  it('healthcheck: a stream that does not exist fails with its name', async () => {
    const sink = await createKinesisSink(options({ stream_name: 'no-such-stream' }), createTestContext());
    const result = await sink.healthcheck?.(new AbortController().signal);
    expect(result?.status).toBe('unhealthy');
    expect(result?.status === 'unhealthy' && result.message).toContain(
      'stream "no-such-stream" does not exist',
    );
    const healthy = await createKinesisSink(options({ stream_name: 'json-cbor' }), createTestContext());
    expect(await healthy.healthcheck?.(new AbortController().signal)).toEqual({ status: 'healthy' });
  });
});
