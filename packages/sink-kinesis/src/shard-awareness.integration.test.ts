import { DescribeStreamSummaryCommand, UpdateShardCountCommand } from '@aws-sdk/client-kinesis';
import { attachFinalizer, type Batch, createLogEvent, type DeliveryStatus } from '@sluice/component-api';
import { type KinesisLocal, localClient, readAllRecords, startKinesisLocal } from '@sluice/kinesis-local';
import { batchesOf, createTestContext, inputOf } from '@sluice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deaggregate } from './aggregation.js';
import type { KinesisSinkOptions } from './options.js';
import { hashKeyOf, listShards, ShardMap } from './shards.js';
import { createKinesisSink } from './sink.js';
import { type OptionOverrides, testOptions } from './test-helpers/options.js';

let kinesis: KinesisLocal;
beforeAll(async () => {
  kinesis = await startKinesisLocal({
    streams: [
      { name: 'shards', shards: 4 },
      { name: 'reshard', shards: 4 },
    ],
  });
});
afterAll(() => kinesis.stop());

function options(overrides: OptionOverrides): KinesisSinkOptions {
  return testOptions(kinesis.endpoint, {
    stream_name: 'shards',
    region: kinesis.region,
    encoding: 'text',
    ...overrides,
    batch: { timeout_secs: 0.1, ...overrides.batch },
    request: {
      timeout_secs: 10,
      retry_initial_backoff_secs: 0.1,
      retry_max_duration_secs: 1,
      ...overrides.request,
    },
    auth: { access_key_id: 'AKIDTEST', secret_access_key: 'secret', ...overrides.auth },
    shard_awareness: { enabled: true, ...overrides.shard_awareness },
  });
}

describe('shard awareness against kinesis-local (the real Kinesis API)', () => {
  it('ListShards gives the open shards and every record lands on the shard the sink predicts', async () => {
    const client = localClient(kinesis.endpoint);
    try {
      const { open: shards } = await listShards(
        client,
        { StreamName: 'shards' },
        AbortSignal.timeout(10_000),
      );
      expect(shards).toHaveLength(4);
      const map = new ShardMap(shards);
      const events = Array.from({ length: 200 }, (_, index) =>
        createLogEvent({ message: `event ${index}`, user: `user-${index % 37}` }),
      );
      for (const keyField of [undefined, 'user']) {
        const context = createTestContext();
        const sink = await createKinesisSink(
          options(keyField === undefined ? {} : { partition_key_field: keyField }),
          context,
        );
        expect(await sink.healthcheck?.(new AbortController().signal)).toEqual({ status: 'healthy' });
        await sink.run(inputOf([events]));
        expect(context.metrics.total('kinesis_shard_map_refreshes_total', { outcome: 'ok' })).toBe(1);
        expect(context.logger.find('ListShards failed')).toEqual([]);
      }
      const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'shards' });
      expect(records).toHaveLength(400);
      for (const record of records) expect(record.shardId).toBe(map.shardOf(hashKeyOf(record.partitionKey)));
      expect(new Set(records.map((record) => record.shardId)).size).toBe(4);
    } finally {
      client.destroy();
    }
  });

  it('UpdateShardCount 4 → 8 mid-run, aggregated, 1,000 keys: as a KCL consumer reads the stream, every event exactly once', async () => {
    const client = localClient(kinesis.endpoint);
    try {
      const events = Array.from({ length: 6000 }, (_, index) =>
        createLogEvent({ message: `event ${index}`, user: `user-${index % 1000}` }),
      );
      const statuses: DeliveryStatus[] = [];
      const delivered = () => statuses.filter((status) => status === 'delivered').length;
      const first = batchesOf(events.slice(0, 3000), 250);
      const second = batchesOf(events.slice(3000), 250);
      for (const batch of [...first, ...second]) attachFinalizer(batch, (status) => statuses.push(status));
      const streamActive = async () => {
        for (;;) {
          const { StreamDescriptionSummary: summary } = await client.send(
            new DescribeStreamSummaryCommand({ StreamName: 'reshard' }),
          );
          if (summary?.StreamStatus === 'ACTIVE' && summary.OpenShardCount === 8) return;
          await new Promise((resolve) => setTimeout(resolve, 100)); // polling the service: no event to await
        }
      };
      const input = async function* (): AsyncGenerator<Batch> {
        yield* first;
        while (delivered() < first.length) await new Promise((resolve) => setTimeout(resolve, 50));
        await client.send(
          new UpdateShardCountCommand({
            StreamName: 'reshard',
            TargetShardCount: 8,
            ScalingType: 'UNIFORM_SCALING',
          }),
        );
        await streamActive();
        // The sink still holds the 4-shard map (its refresh is a minute away): only the answers tell it.
        yield* second;
      };
      const context = createTestContext();
      const sink = await createKinesisSink(
        options({
          stream_name: 'reshard',
          partition_key_field: 'user',
          aggregation: { enabled: true, max_record_bytes: 2_000 },
          shard_awareness: { enabled: true, refresh_interval_secs: 60 },
        }),
        context,
      );
      expect(await sink.healthcheck?.(new AbortController().signal)).toEqual({ status: 'healthy' });
      await sink.run(input());
      await sink.close?.();
      expect(statuses.every((status) => status === 'delivered')).toBe(true);
      expect(statuses).toHaveLength(first.length + second.length);
      // The answers naming the children had the map read again at once.
      expect(context.logger.find('8 open shards', 'info')).toHaveLength(1);

      const { open, closed } = await listShards(
        client,
        { StreamName: 'reshard' },
        AbortSignal.timeout(10_000),
      );
      expect(open).toHaveLength(8);
      const shards = new ShardMap(open, closed);
      const kept: string[] = [];
      let dropped = 0;
      for (const record of await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'reshard' })) {
        const range = shards.rangeOf(record.shardId);
        expect(range).toBeDefined();
        for (const user of deaggregate(record.data, record.partitionKey)) {
          const hashKey = hashKeyOf(user.partitionKey);
          // What the KCL does: a user record outside its shard's hash range is dropped.
          if (range !== undefined && range.start <= hashKey && hashKey <= range.end)
            kept.push(user.data.toString());
          else dropped += 1;
        }
      }
      console.log(`reshard 4 → 8: ${kept.length} user records in place, ${dropped} off their shard (resent)`);
      expect(kept.sort()).toEqual(events.map((event) => String(event.fields.message)).sort());
    } finally {
      client.destroy();
    }
  }, 180_000);
});
