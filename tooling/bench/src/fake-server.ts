/**
 * The counting fake Kinesis in a process of its own, so the endpoint's work does not share the
 * measured process's core. Prints its endpoint, answers `count` messages with the records accepted.
 */
import { FakeKinesis } from '@sluice/sink-kinesis/testing';

const fake = new FakeKinesis({ countOnly: true });
const endpoint = await fake.start();
process.on('message', (message) => {
  if (message === 'count') process.send?.({ count: fake.acceptedCount });
  if (message === 'stop') void fake.stop().then(() => process.exit(0));
});
process.send?.({ endpoint });
