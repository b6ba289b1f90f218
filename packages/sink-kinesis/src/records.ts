import { randomBytes } from 'node:crypto';
import type { FieldValue } from '@sluice/component-api';
import { textOf } from '@sluice/encoding';
import { MAX_PARTITION_KEY_LENGTH, RANDOM_KEY_BYTES } from './limits.js';

const KEY_BYTES = RANDOM_KEY_BYTES / 2;
const POOL_BYTES = 4096 * KEY_BYTES;
const HEX = Buffer.from('0123456789abcdef');

let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function refillPool(): void {
  if (randomOffset === randomPool.length) {
    randomPool = randomBytes(POOL_BYTES);
    randomOffset = 0;
  }
}

/** A random partition key as text (32 hex characters), from the same pool as `writeRandomKey`. */
export function randomPartitionKey(): string {
  refillPool();
  randomOffset += KEY_BYTES;
  return randomPool.toString('hex', randomOffset - KEY_BYTES, randomOffset);
}

/**
 * Writes a random partition key at `offset` (16 random bytes as 32 hex characters, drawn from a
 * pool filled by one `randomBytes` per 4,096 keys); returns the offset after it. Written straight
 * into the body: no string and no Buffer per record.
 */
export function writeRandomKey(target: Buffer, offset: number): number {
  refillPool();
  let position = offset;
  for (let index = 0; index < KEY_BYTES; index += 1) {
    const byte = randomPool[randomOffset++] as number;
    target[position++] = HEX[byte >> 4] as number;
    target[position++] = HEX[byte & 15] as number;
  }
  return position;
}

/**
 * A field value as a partition key, as Vector's `to_string_lossy`: strings as they are, numbers as
 * Rust prints them, dates as RFC 3339 (chrono's AutoSi), tables and lists as Vector's JSON; cut to
 * the first 256 UTF-16 code units. `undefined` when missing, null or blank.
 */
export function partitionKeyOf(value: FieldValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  // Vector's to_string_lossy: numbers as Rust prints them, tables and lists as its JSON.
  let key = typeof value === 'string' ? value : textOf(value);
  if (key.trim() === '') return undefined;
  if (key.length > MAX_PARTITION_KEY_LENGTH) {
    // UTF-16 code units, as the service counts them; a surrogate pair is never split (one unit
    // fewer then), so the key stays valid UTF-8.
    const last = key.charCodeAt(MAX_PARTITION_KEY_LENGTH - 1);
    key = key.slice(
      0,
      last >= 0xd800 && last <= 0xdbff ? MAX_PARTITION_KEY_LENGTH - 1 : MAX_PARTITION_KEY_LENGTH,
    );
  }
  return key;
}

export interface PreparedRecord {
  /** The record's data: an encoded event (a string, sent as UTF-8), compressed or aggregated bytes. */
  data: string | Buffer;
  /** Bytes of `data` (UTF-8 bytes of a string). */
  dataBytes: number;
  /**
   * The key as the wire format writes it (a JSON or a CBOR string), copied into the body as it is;
   * undefined for a random key, drawn as the body is built (a resend may draw another: a random
   * key only spreads records over shards), unless shard awareness draws it first to know its shard.
   */
  partitionKey: Buffer | undefined;
  /** Exactly as Kinesis counts it: data bytes + partition key bytes (UTF-8). */
  recordBytes: number;
}

/**
 * Records split into PutRecords requests of at most `maxRecords` records and `maxBytes` bytes (as
 * Kinesis counts them), in order; a record larger than `maxBytes` goes alone.
 */
export function requestsOf<Record extends PreparedRecord>(
  records: readonly Record[],
  maxRecords: number,
  maxBytes: number,
): Record[][] {
  const requests: Record[][] = [];
  let current: Record[] = [];
  let bytes = 0;
  for (const record of records) {
    if (current.length > 0 && (current.length >= maxRecords || bytes + record.recordBytes > maxBytes)) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += record.recordBytes;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}
