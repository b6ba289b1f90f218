/**
 * The counting fake Kinesis in a process of its own, so the endpoint's work does not share the
 * measured process's core. Prints its endpoint, answers `count` messages with the records accepted.
 * Given a share (argv), it fails that share of the records of every PutRecords, retryably.
 */
import { FakeKinesis } from '@sluice/sink-kinesis/testing';

// 1,024 shards: a stream that takes 1M records/s, so the sink's shard awareness (on by default
// in configs) is measured at its cost without its pacing binding.
// An optional share of records failed retryably (argv[2], 0 to 1): `kinesis-retries`.
const failingShare = Number(process.argv[2] ?? 0);
const fake = new FakeKinesis({ countOnly: true, shards: 1024, failingShare });
const endpoint = await fake.start();
process.on('message', (message) => {
  if (message === 'count') process.send?.({ count: fake.acceptedCount });
  if (message === 'stop') void fake.stop().then(() => process.exit(0));
});
process.send?.({ endpoint });
