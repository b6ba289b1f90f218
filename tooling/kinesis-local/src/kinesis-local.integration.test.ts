import { once } from 'node:events';
import { createServer } from 'node:net';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KinesisLocal, localClient, readAllRecords, startKinesisLocal } from './index.js';

let server: KinesisLocal;
beforeAll(async () => {
  server = await startKinesisLocal({ streams: [{ name: 'smoke', shards: 2 }] });
});
afterAll(() => server.stop());

describe('kinesis-local', () => {
  it('accepts PutRecords and reads every record back from every shard', async () => {
    const client = localClient(server.endpoint);
    const records = Array.from({ length: 20 }, (_, index) => ({
      Data: Buffer.from(`record ${index}`),
      PartitionKey: `key ${index}`,
    }));
    const response = await client.send(new PutRecordsCommand({ StreamName: 'smoke', Records: records }));
    client.destroy();
    expect(response.FailedRecordCount).toBe(0);
    const stored = await readAllRecords({ endpoint: server.endpoint, streamName: 'smoke' });
    expect(stored.map((record) => record.data.toString()).sort()).toEqual(
      records.map((record) => record.Data.toString()).sort(),
    );
    expect(new Set(stored.map((record) => record.shardId)).size).toBe(2);
  });

  it('listens on 127.0.0.1 only, both ports: another loopback address can still take them', async () => {
    // While a port is held on the wildcard address (every interface), no other address can bind it.
    for (const port of [server.ports.plain, server.ports.tls]) {
      const probe = createServer();
      probe.listen(port, '127.0.0.2');
      await once(probe, 'listening');
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    }
  });
});
