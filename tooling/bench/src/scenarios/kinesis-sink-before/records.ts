import { randomBytes } from 'node:crypto';
import type { FieldValue } from '@sluice/component-api';
import { MAX_PARTITION_KEY_LENGTH } from '@sluice/sink-kinesis';
import { CBOR_MAJOR, headerBytes, textItem, writeHeader } from './cbor.js';

const KEY_BYTES = 16;
/** What Kinesis counts of a random key: its 32 hex characters. */
export const RANDOM_KEY_BYTES = 2 * KEY_BYTES;
const POOL_BYTES = 4096 * KEY_BYTES;
const HEX = Buffer.from('0123456789abcdef');

let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/**
 * Writes a random partition key at `offset` (16 random bytes as 32 hex characters, drawn from a
 * pool filled by one `randomBytes` per 4,096 keys); returns the offset after it. Written straight
 * into the body: no string and no Buffer per record.
 */
export function writeRandomKey(target: Buffer, offset: number): number {
  if (randomOffset === randomPool.length) {
    randomPool = randomBytes(POOL_BYTES);
    randomOffset = 0;
  }
  let position = offset;
  for (let index = 0; index < KEY_BYTES; index += 1) {
    const byte = randomPool[randomOffset++] as number;
    target[position++] = HEX[byte >> 4] as number;
    target[position++] = HEX[byte & 15] as number;
  }
  return position;
}

/** A partition key as it goes in a JSON body: a JSON string, UTF-8. */
export function quotedKey(key: string): Buffer {
  return Buffer.from(JSON.stringify(key));
}

/**
 * A field value as a partition key: strings as they are, numbers and booleans as text, dates as
 * RFC 3339, objects as JSON; cut to the first 256 characters. `undefined` when missing, null or blank.
 */
export function partitionKeyOf(value: FieldValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  let key: string;
  if (typeof value === 'string') key = value;
  else if (value instanceof Date) key = value.toISOString();
  else if (typeof value === 'object') key = JSON.stringify(value);
  else key = String(value);
  if (key.trim() === '') return undefined;
  if (key.length > MAX_PARTITION_KEY_LENGTH) {
    // Characters, not UTF-16 units: never split a surrogate pair.
    const characters = Array.from(key);
    if (characters.length > MAX_PARTITION_KEY_LENGTH)
      key = characters.slice(0, MAX_PARTITION_KEY_LENGTH).join('');
  }
  return key;
}

export interface PreparedRecord {
  /** The encoded event: its UTF-8 bytes are the record's data. */
  data: string;
  /** UTF-8 bytes of `data`. */
  dataBytes: number;
  /**
   * The key as the wire format writes it (a JSON or a CBOR string), copied into the body as it is;
   * undefined for a random key, drawn as the body is built (a resend may draw another: a random
   * key only spreads records over shards).
   */
  partitionKey: Buffer | undefined;
  /** Exactly as Kinesis counts it: data bytes + partition key bytes (UTF-8). */
  size: number;
}

const PREFIX = Buffer.from('{"Records":[');
const DATA_OPEN = Buffer.from('{"Data":"');
/** Between records: closes one, opens the next. */
const NEXT_DATA_OPEN = Buffer.from(',{"Data":"');
const KEY_OPEN = Buffer.from('","PartitionKey":');
const RECORD_CLOSE = 0x7d; // }
const QUOTE = 0x22; // "

/** Where a record's UTF-8 bytes go on their way to base64: reused, so no Buffer per record. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The PutRecords JSON body, built once into one pre-sized Buffer (base64 written straight into it),
 * so signing hashes a Buffer and the SDK never re-serialises every record. `set` for the small
 * constant pieces: it costs less per call than `copy`, and this runs for every record.
 */
export function putRecordsBody(streamName: string, records: readonly PreparedRecord[]): Buffer {
  const suffix = Buffer.from(`],"StreamName":${JSON.stringify(streamName)}}`);
  let size =
    PREFIX.length + suffix.length + records.length * (NEXT_DATA_OPEN.length + KEY_OPEN.length + 1) - 1;
  let largest = 0;
  for (const record of records) {
    // A random key: 32 characters between quotes.
    size += Math.ceil(record.dataBytes / 3) * 4 + (record.partitionKey?.length ?? RANDOM_KEY_BYTES + 2);
    largest = Math.max(largest, record.dataBytes);
  }
  if (scratch.length < largest) scratch = Buffer.allocUnsafe(largest);
  const body = Buffer.allocUnsafe(Math.max(size, PREFIX.length + suffix.length));
  body.set(PREFIX, 0);
  let offset = PREFIX.length;
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index] as PreparedRecord;
    const open = index === 0 ? DATA_OPEN : NEXT_DATA_OPEN;
    body.set(open, offset);
    offset += open.length;
    const dataBytes = scratch.write(record.data, 0, 'utf8');
    offset += body.write(scratch.toString('base64', 0, dataBytes), offset, 'latin1');
    body.set(KEY_OPEN, offset);
    offset += KEY_OPEN.length;
    if (record.partitionKey === undefined) {
      body[offset++] = QUOTE;
      offset = writeRandomKey(body, offset);
      body[offset++] = QUOTE;
    } else {
      body.set(record.partitionKey, offset);
      offset += record.partitionKey.length;
    }
    body[offset++] = RECORD_CLOSE;
  }
  offset += suffix.copy(body, offset);
  return offset === size ? body : body.subarray(0, offset);
}

const CBOR_RECORDS = textItem('Records');
const CBOR_DATA = textItem('Data');
const CBOR_PARTITION_KEY = textItem('PartitionKey');
const CBOR_STREAM_NAME = textItem('StreamName');
/** A map of two entries. */
const CBOR_MAP_2 = 0xa2;

/**
 * The PutRecords CBOR body (`application/x-amz-cbor-1.1`, as the AWS SDK for Java sends it): the
 * data goes in as bytes, UTF-8 straight into the body, with no base64. About a quarter smaller
 * than the JSON body, so less to hash and to send, and cheaper to build.
 */
export function putRecordsCborBody(streamName: string, records: readonly PreparedRecord[]): Buffer {
  const streamNameItem = textItem(streamName);
  let size =
    1 +
    CBOR_RECORDS.length +
    headerBytes(records.length) +
    records.length * (1 + CBOR_DATA.length + CBOR_PARTITION_KEY.length) +
    CBOR_STREAM_NAME.length +
    streamNameItem.length;
  for (const record of records) {
    // A random key: a text string header, then its 32 characters.
    size +=
      headerBytes(record.dataBytes) +
      record.dataBytes +
      (record.partitionKey?.length ?? headerBytes(RANDOM_KEY_BYTES) + RANDOM_KEY_BYTES);
  }
  const body = Buffer.allocUnsafe(size);
  body[0] = CBOR_MAP_2;
  body.set(CBOR_RECORDS, 1);
  let offset = writeHeader(body, 1 + CBOR_RECORDS.length, CBOR_MAJOR.array, records.length);
  for (const record of records) {
    body[offset++] = CBOR_MAP_2;
    body.set(CBOR_DATA, offset);
    offset = writeHeader(body, offset + CBOR_DATA.length, CBOR_MAJOR.bytes, record.dataBytes);
    offset += body.write(record.data, offset, 'utf8');
    body.set(CBOR_PARTITION_KEY, offset);
    offset += CBOR_PARTITION_KEY.length;
    if (record.partitionKey === undefined) {
      offset = writeRandomKey(body, writeHeader(body, offset, CBOR_MAJOR.text, RANDOM_KEY_BYTES));
    } else {
      body.set(record.partitionKey, offset);
      offset += record.partitionKey.length;
    }
  }
  body.set(CBOR_STREAM_NAME, offset);
  body.set(streamNameItem, offset + CBOR_STREAM_NAME.length);
  return body;
}
