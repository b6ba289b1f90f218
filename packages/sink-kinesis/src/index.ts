import { kinesisStreamsSink } from './sink.js';

export { createKinesisClient } from './client.js';
export { describeHealthcheckError } from './healthcheck.js';
export {
  DEFAULT_MAX_RECORD_BYTES,
  MAX_PARTITION_KEY_LENGTH,
  MAX_RECORDS_PER_REQUEST,
  MAX_REQUEST_BYTES,
} from './limits.js';
export type { KinesisSinkOptions, Protocol } from './options.js';
export { deprecatedOptions } from './options.js';
export type { PreparedRecord } from './records.js';
export { partitionKeyOf } from './records.js';
export { classifyError } from './requests.js';
export { createKinesisSink, kinesisStreamsSink } from './sink.js';
export { putRecordsCborBody } from './wire/cbor.js';
export { putRecordsBody } from './wire/json.js';

export default [kinesisStreamsSink];
