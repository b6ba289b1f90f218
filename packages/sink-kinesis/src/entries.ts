import { getField, type LogEvent } from '@sluice/component-api';
import { createEncoder, type EncodingConfig, EncodingError } from '@sluice/encoding';
import { type CompressionOption, compressorOf, type Discard } from '@sluice/sink-kit';
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

/** The record limits now: the stream may raise its record size, or stop aggregation being right. */
export interface RecordLimits {
  /** Data + partition key of one record. */
  maxRecordBytes(): number;
  /** The largest aggregate when aggregating; undefined when not. */
  aggregateBytes(): number | undefined;
}

/**
 * The sink's `prepare`: an event as an entry, or why it is not sent (no partition key, an encoding
 * that cannot write it, a record over the record limit: rejected, routed to `<sink>.rejected`).
 * When aggregating, an entry that fits no aggregate goes alone.
 */
export function entryPreparer(
  options: KinesisSinkOptions,
  format: WireFormat,
  limits: RecordLimits,
): (event: LogEvent) => Entry | Discard {
  const encoder = createEncoder(options.encoding as EncodingConfig | undefined);
  const compress = compressorOf((options.compression ?? 'none') as CompressionOption);
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
    const maxRecordBytes = limits.maxRecordBytes();
    if (recordBytes > maxRecordBytes) {
      return {
        discard: 'rejected',
        errorType: 'record_too_large',
        errorCode: 'record_too_large',
        message: "the record is larger than the stream's record limit (max_record_bytes)",
        fields: { record_bytes: recordBytes, max_record_bytes: maxRecordBytes },
      };
    }
    const aggregateBytes = limits.aggregateBytes();
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
