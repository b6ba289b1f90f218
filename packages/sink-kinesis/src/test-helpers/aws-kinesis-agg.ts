import { createRequire } from 'node:module';

/** The independent implementation: AWS Labs' `aws-kinesis-agg` (its own types need the v2 SDK's). */
interface AwsKinesisAgg {
  deaggregateSync(
    record: { data: string; partitionKey: string; sequenceNumber: string },
    computeChecksums: boolean,
    done: (error: Error | null, records?: Array<{ partitionKey: string; data: string }>) => void,
  ): void;
  RecordAggregator: new () => {
    addUserRecord(record: { partitionKey: string; data: Buffer }): void;
    build(): { partitionKey: string; data: Buffer };
  };
}

const require = createRequire(import.meta.url);
export const awsKinesisAgg = require('aws-kinesis-agg') as AwsKinesisAgg;
{
  // Under vitest, protobufjs's own require of `long` gets the ES module namespace, not the class
  // (plain Node gets the class): hand it the class.
  const fromAgg = createRequire(require.resolve('aws-kinesis-agg'));
  const protobuf = fromAgg('protobufjs') as { util: { Long: unknown }; configure(): void };
  const long = createRequire(fromAgg.resolve('protobufjs'))('long') as { default?: unknown };
  protobuf.util.Long = long.default ?? long;
  protobuf.configure();
}

/** The user records of a Kinesis record as aws-kinesis-agg reads them, checksum checked. */
export function deaggregatedByAws(
  data: Buffer,
  partitionKey: string,
): Array<{ partitionKey: string; data: Buffer }> {
  let result: Array<{ partitionKey: string; data: string }> = [];
  awsKinesisAgg.deaggregateSync(
    { data: data.toString('base64'), partitionKey, sequenceNumber: '1' },
    true,
    (error, records) => {
      if (error) throw error;
      result = records ?? [];
    },
  );
  return result.map((user) => ({ partitionKey: user.partitionKey, data: Buffer.from(user.data, 'base64') }));
}
