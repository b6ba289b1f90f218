import {
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
  ResourceNotFoundException,
  ServiceUnavailableException,
} from '@aws-sdk/client-firehose';
import { afterEach, expect, it } from 'vitest';
import { type FakeFirehose, startFakeFirehose } from './fake-firehose.js';

let fake: FakeFirehose | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const clientOf = (endpoint: string) =>
  new FirehoseClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });

// The official SDK reads the fake's answers: the fake speaks the real protocol.
it('answers PutRecordBatch and DescribeDeliveryStream as the AWS SDK expects them, failures per record', async () => {
  let count = 0;
  fake = await startFakeFirehose({
    recordFault: () => (count++ === 1 ? 'ServiceUnavailableException' : undefined),
  });
  const client = clientOf(fake.endpoint);
  const output = await client.send(
    new PutRecordBatchCommand({
      DeliveryStreamName: 'logs',
      Records: [{ Data: Buffer.from('a') }, { Data: Buffer.from('b') }, { Data: Buffer.from('c') }],
    }),
  );
  expect(output.FailedPutCount).toBe(1);
  expect(output.RequestResponses?.map((entry) => entry.ErrorCode ?? 'ok')).toEqual([
    'ok',
    'ServiceUnavailableException',
    'ok',
  ]);
  expect(output.RequestResponses?.[0]?.RecordId).toMatch(/^[A-Za-z0-9+/=]{56}$/);
  expect(fake.records.get('logs')?.map(String)).toEqual(['a', 'c']);
  const described = await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'logs' }));
  expect(described.DeliveryStreamDescription?.DeliveryStreamStatus).toBe('ACTIVE');
  await expect(
    client.send(
      new PutRecordBatchCommand({ DeliveryStreamName: 'nope', Records: [{ Data: Buffer.from('a') }] }),
    ),
  ).rejects.toBeInstanceOf(ResourceNotFoundException);
  fake.failNext(1, 'ServiceUnavailableException', 503);
  const throttled = client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'logs' }));
  await expect(throttled).rejects.toBeInstanceOf(ServiceUnavailableException);
  await expect(
    client.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'logs',
        Records: Array.from({ length: 501 }, () => ({ Data: Buffer.from('x') })),
      }),
    ),
  ).rejects.toMatchObject({ name: 'ValidationException' });
  await expect(
    client.send(
      new PutRecordBatchCommand({ DeliveryStreamName: 'logs', Records: [{ Data: Buffer.alloc(1_024_001) }] }),
    ),
  ).rejects.toMatchObject({ name: 'ValidationException' });
  client.destroy();
});

it('refuses an unsigned request', async () => {
  fake = await startFakeFirehose();
  const response = await fetch(fake.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'Firehose_20150804.PutRecordBatch',
    },
    body: '{}',
  });
  expect(response.status).toBe(403);
  expect(response.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationTokenException:/);
});
