import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Agent } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { line } from '../harness.js';
import { type Measurement, measure } from '../scenario.js';

export const CONCURRENCY = 5;
export const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

/**
 * A counting fake Kinesis in a child process, and a promise that resolves when `total` records were
 * accepted; `failingShare` of the records of every request fail retryably (InternalFailure). Of
 * `shards` shards (default 1,024); `placed`: each record answered with its true shard.
 */
export async function countingFake(
  failingShare = 0,
  stream: { shards?: number; placed?: boolean } = {},
): Promise<{
  endpoint: string;
  count: () => Promise<number>;
  until: (total: number) => Promise<void>;
  stop: () => Promise<void>;
}> {
  const child = fork(
    join(dirname(fileURLToPath(import.meta.url)), '..', 'fake-server.js'),
    [String(failingShare), String(stream.shards ?? 1024), stream.placed === true ? 'placed' : 'counted'],
    { stdio: 'inherit' },
  );
  const [{ endpoint }] = (await once(child, 'message')) as [{ endpoint: string }];
  const count = async () => {
    child.send('count');
    const [message] = (await once(child, 'message')) as [{ count: number }];
    return message.count;
  };
  const until = async (total: number) => {
    while ((await count()) < total) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const stop = async () => {
    child.send('stop');
    await once(child, 'exit');
  };
  return { endpoint, count, until, stop };
}

/** The baseline: the same events sent with the SDK's PutRecords, 500 per call, same concurrency. */
export async function bareSdkLoop(total: number, size: number): Promise<Measurement> {
  const fake = await countingFake();
  const client = new KinesisClient({
    endpoint: fake.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
    }),
  });
  try {
    return await measure('bare SDK PutRecords loop', async () => {
      let next = 0;
      const worker = async () => {
        while (next < total) {
          const start = next;
          next = Math.min(total, next + 500);
          const keys = randomBytes(16 * (next - start));
          const records = Array.from({ length: next - start }, (_, index) => ({
            Data: Buffer.from(line(size, start + index)),
            PartitionKey: keys.toString('hex', index * 16, index * 16 + 16),
          }));
          await client.send(new PutRecordsCommand({ StreamName: 'bench', Records: records }));
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const events = await fake.count();
      return { events, bytes: events * size };
    });
  } finally {
    client.destroy();
    await fake.stop();
  }
}
