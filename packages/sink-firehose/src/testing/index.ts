export type { FakeFirehose, FakeFirehoseOptions, RecordFault } from './fake-firehose.js';
export { startFakeFirehose } from './fake-firehose.js';
