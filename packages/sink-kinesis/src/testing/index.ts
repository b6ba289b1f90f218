export { deaggregate } from '../aggregation.js';
export type {
  AcceptedRecord,
  FakeBehaviour,
  FakeKinesisOptions,
  FakeProtocol,
  FakeRequestLog,
  FakeShard,
  FakeShardQuota,
} from './fake-kinesis.js';
export { FakeKinesis, fakeHashKeyOf } from './fake-kinesis.js';
