/** Every limit of PutRecords, in one place (AWS Kinesis Data Streams quotas). */

/** Records per PutRecords request. */
export const MAX_RECORDS_PER_REQUEST = 500;
/** Bytes per PutRecords request (data and partition keys). */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
/** Bytes per record (data and partition key), unless the stream says more (MaxRecordSizeInKiB). */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
/** The most a stream's record limit can be raised to. */
export const MAX_RECORD_BYTES_LIMIT = 10 * 1024 * 1024;
/** UTF-16 code units per partition key (the service counts a Java string's length). */
export const MAX_PARTITION_KEY_LENGTH = 256;
/** What Kinesis counts of a random key: its 32 hex characters (16 random bytes). */
export const RANDOM_KEY_BYTES = 32;
/** Records per second a shard takes (write quota). */
export const SHARD_RECORDS_PER_SECOND = 1_000;
/** Bytes per second a shard takes (write quota: data and partition keys). */
export const SHARD_BYTES_PER_SECOND = 1024 * 1024;
