import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { FakeKinesis } from '@sluice/testkit/fake-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { line } from '../harness.js';
import { type Measurement, measure } from '../scenario.js';

export const CONCURRENCY = 5;
export const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

/** A fake Kinesis that only counts, and a promise that resolves when `total` records were accepted. */
export async function countingFake(): Promise<{
  fake: FakeKinesis;
  endpoint: string;
  until: (total: number) => Promise<void>;
}> {
  const fake = new FakeKinesis({ countOnly: true });
  const endpoint = await fake.start();
  const until = async (total: number) => {
    while (fake.acceptedCount < total) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { fake, endpoint, until };
}

/** The baseline: the same events sent with the SDK's PutRecords, 500 per call, same concurrency. */
export async function bareSdkLoop(total: number, size: number): Promise<Measurement> {
  const { fake, endpoint } = await countingFake();
  const client = new KinesisClient({
    endpoint,
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
      return { events: fake.acceptedCount, bytes: fake.acceptedCount * size };
    });
  } finally {
    client.destroy();
    await fake.stop();
  }
}
