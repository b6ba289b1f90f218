import { createLogEvent } from '@sluice/component-api';
import { type KinesisLocal, localClient, readAllRecords, startKinesisLocal } from '@sluice/kinesis-local';
import { createTestContext, inputOf } from '@sluice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KinesisSinkOptions } from './options.js';
import { hashKeyOf, listShards, ShardMap } from './shards.js';
import { createKinesisSink } from './sink.js';
import { type OptionOverrides, testOptions } from './test-helpers/options.js';

let kinesis: KinesisLocal;
beforeAll(async () => {
  kinesis = await startKinesisLocal({ streams: [{ name: 'shards', shards: 4 }] });
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
});
