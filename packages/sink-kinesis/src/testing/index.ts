export type {
  AcceptedRecord,
  FakeBehaviour,
  FakeKinesisOptions,
  FakeProtocol,
  FakeRequestLog,
} from './fake-kinesis.js';
export { FakeKinesis } from './fake-kinesis.js';
