/**
 * The counting fake Kinesis in a process of its own, so the endpoint's work does not share the
 * measured process's core. Prints its endpoint, answers `count` messages with the records accepted.
 * Given a share (argv), it fails that share of the records of every PutRecords, retryably.
 */
import { FakeKinesis } from '@sluice/sink-kinesis/testing';

// 1,024 shards unless argv[3] says: a stream that takes 1M records/s, so the sink's shard
// awareness (on by default in configs) is measured at its cost without its pacing binding.
// An optional share of records failed retryably (argv[2], 0 to 1): `kinesis-retries`.
// argv[4] `placed`: each record's body decoded and answered with its true shard (a quota no one
// reaches), as Kinesis answers; otherwise every answer names the first shard, which shard awareness
// takes for records that landed elsewhere than predicted.
const failingShare = Number(process.argv[2] ?? 0);
const shards = Number(process.argv[3] ?? 1024);
const placed = process.argv[4] === 'placed';
const fake = new FakeKinesis({
  countOnly: true,
  shards,
  failingShare,
  ...(placed ? { shardQuota: { recordsPerSecond: 1e12, bytesPerSecond: 1e15 } } : {}),
});
const endpoint = await fake.start();
process.on('message', (message) => {
  if (message === 'count') process.send?.({ count: fake.acceptedCount });
  if (message === 'stop') void fake.stop().then(() => process.exit(0));
});
process.send?.({ endpoint });
