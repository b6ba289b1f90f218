import { kinesisStreamsSink } from './sink.js';

export { createKinesisClient, credentialsProvider } from './client.js';
export type { KinesisSinkOptions } from './options.js';
export {
  DEFAULT_MAX_RECORD_BYTES,
  deprecatedOptions,
  MAX_PARTITION_KEY_LENGTH,
  MAX_RECORDS_PER_REQUEST,
  MAX_REQUEST_BYTES,
} from './options.js';
export type { PreparedRecord } from './records.js';
export { partitionKeyOf, putRecordsBody, putRecordsCborBody } from './records.js';
export type { ErrorOutcome } from './requests.js';
export { backoffMs, classifyError } from './requests.js';
export { createKinesisSink, describeHealthcheckError, kinesisStreamsSink } from './sink.js';

export default [kinesisStreamsSink];
