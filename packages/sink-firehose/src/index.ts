import { firehoseSink } from './sink.js';

export { MAX_RECORD_BYTES, MAX_RECORDS_PER_REQUEST, MAX_REQUEST_BYTES, ownOptions } from './options.js';
export type { FirehoseSinkOptions } from './sink.js';
export { firehoseSink } from './sink.js';

export default [firehoseSink];
