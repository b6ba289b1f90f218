import { getField, type LogEvent } from '@sluice/component-api';
import { createEncoder, EncodingError } from '@sluice/encoding';
import type { Discard } from '@sluice/sink-kit';
import { compressorOf } from '@sluice/sink-kit';
import { type AggregatableRecord, goesAlone, userRecordBytes } from './aggregation.js';
import { RANDOM_KEY_BYTES } from './limits.js';
import type { KinesisSinkOptions } from './options.js';
import { partitionKeyOf } from './records.js';
import type { WireFormat } from './wire/format.js';

/** An event made ready for PutRecords: encoded, compressed, keyed and sized. */
export interface Entry extends AggregatableRecord {
  /** Set by shard awareness when it places the record. */
  hashKey?: string | undefined;
  shardId?: string | undefined;
  readonly event: LogEvent;
  /** What the event adds to a request: its record, or its share of an aggregate. */
  readonly size: number;
}

const MISSING_KEY: Omit<Discard, 'fields'> = {
  discard: 'dropped',
  errorType: 'missing_partition_key',
  message: 'its partition key field is missing, null or blank',
};

/**
 * The sink's `prepare`: an event as an entry, or why it is not sent (no partition key, an encoding
 * that cannot write it, a record over `max_record_bytes`). `aggregateBytes` is the largest
 * aggregate when aggregating: an entry that fits none goes alone.
 */
export function entryPreparer(
  options: KinesisSinkOptions,
  format: WireFormat,
  aggregateBytes: number | undefined,
): (event: LogEvent) => Entry | Discard {
  const encoder = createEncoder(options.encoding);
  const compress = compressorOf(options.compression ?? 'none');
  const keyField = options.partition_key_field;
  return (event) => {
    // undefined: a random key, drawn as the body is built (or once per aggregate)
    let key: string | undefined;
    let partitionKey: Buffer | undefined;
    let keyBytes = RANDOM_KEY_BYTES;
    if (keyField !== undefined) {
      key = partitionKeyOf(getField(event.fields, keyField));
      if (key === undefined) return { ...MISSING_KEY, fields: { partition_key_field: keyField } };
      partitionKey = format.partitionKey(key);
      keyBytes = Buffer.byteLength(key);
    }
    let encoded: string;
    try {
      encoded = encoder.encodeToString(event);
    } catch (error) {
      // gelf cannot write every event (no `host`, a table value): rejected and counted.
      if (!(error instanceof EncodingError)) throw error;
      return {
        discard: 'rejected',
        errorType: 'encoder_failed',
        errorCode: 'encode_failed',
        message: error.message,
        fields: {},
      };
    }
    const data = compress === undefined ? encoded : compress(Buffer.from(encoded));
    const dataBytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    const recordBytes = dataBytes + keyBytes;
    if (recordBytes > options.max_record_bytes) {
      return {
        discard: 'rejected',
        errorType: 'record_too_large',
        message: 'the record is larger than max_record_bytes',
        fields: { record_bytes: recordBytes, max_record_bytes: options.max_record_bytes },
      };
    }
    const alone = aggregateBytes === undefined || goesAlone(dataBytes, keyBytes, aggregateBytes);
    const size = alone ? recordBytes : userRecordBytes(dataBytes, key === undefined ? undefined : keyBytes);
    // hashKey and shardId now, so that placing the record does not change its shape.
    return {
      event,
      data,
      dataBytes,
      key,
      partitionKey,
      recordBytes,
      alone,
      size,
      hashKey: undefined,
      shardId: undefined,
    };
  };
}
