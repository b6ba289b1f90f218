/**
 * The KPL aggregated record format: many user records in one Kinesis record, as the Kinesis
 * Producer Library writes it and the KCL, the AWS deaggregation libraries and Firehose read it:
 * the magic `F3 89 9A C2`, a protobuf `AggregatedRecord`, then the MD5 of the protobuf bytes.
 *
 * ```proto
 * message AggregatedRecord {
 *   repeated string partition_key_table = 1;
 *   repeated string explicit_hash_key_table = 2;
 *   repeated Record records = 3;
 * }
 * message Record {
 *   required uint64 partition_key_index = 1;
 *   optional uint64 explicit_hash_key_index = 2;
 *   required bytes data = 3;
 *   repeated Tag tags = 4;
 * }
 * ```
 *
 * Written by hand: four field kinds (varints and length-delimited), sized exactly before a byte is
 * written, so an aggregate is closed before it would pass its bound and built into one Buffer.
 */
import { createHash } from 'node:crypto';
import { RANDOM_KEY_BYTES } from './limits.js';
import { type PreparedRecord, writeRandomKey } from './records.js';

export const AGGREGATION_MAGIC = Buffer.from([0xf3, 0x89, 0x9a, 0xc2]);
const CHECKSUM_BYTES = 16;
/** Magic and checksum: what every aggregate carries besides its protobuf message. */
export const AGGREGATE_OVERHEAD = AGGREGATION_MAGIC.length + CHECKSUM_BYTES;
/** The KPL's default bound of an aggregated record (`AggregationMaxSize`). */
export const DEFAULT_AGGREGATE_BYTES = 51_200;

/** Field tags: (field number << 3) | wire type (0 varint, 2 length-delimited). */
const TAG_PARTITION_KEY_TABLE = (1 << 3) | 2;
const TAG_RECORDS = (3 << 3) | 2;
const TAG_PARTITION_KEY_INDEX = (1 << 3) | 0;
const TAG_DATA = (3 << 3) | 2;

/** Bytes of `value` as a protobuf varint (7 bits a byte). */
export function varintBytes(value: number): number {
  let bytes = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes += 1;
  return bytes;
}

function writeVarint(target: Buffer, offset: number, value: number): number {
  let position = offset;
  let rest = value;
  while (rest >= 0x80) {
    target[position++] = (rest & 0x7f) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  target[position++] = rest;
  return position;
}

/** One user record as the aggregate takes it. */
export interface UserRecord {
  /** The event's data (encoded, compressed): a string is written as UTF-8. */
  readonly data: string | Buffer;
  readonly dataBytes: number;
}

/** Bytes of a `Record` message of `dataBytes` data whose key is at `keyIndex`. */
function recordMessageBytes(keyIndex: number, dataBytes: number): number {
  return 1 + varintBytes(keyIndex) + 1 + varintBytes(dataBytes) + dataBytes;
}

/** Bytes a length-delimited field of `length` bytes takes in its parent (tag, length, content). */
function fieldBytes(length: number): number {
  return 1 + varintBytes(length) + length;
}

/**
 * What one user record adds to an aggregate at most: its `Record` field with a key index of up to
 * two varint bytes (16,383 keys), and its key's table entry when it brings a new key. Used to size
 * batches; the aggregate itself counts exactly.
 */
export function userRecordBytes(dataBytes: number, keyBytes: number | undefined): number {
  const record = fieldBytes(1 + 2 + 1 + varintBytes(dataBytes) + dataBytes);
  return keyBytes === undefined ? record : record + fieldBytes(keyBytes);
}

/**
 * An aggregate being filled: user records and their partition keys, with the exact size of the
 * protobuf message kept as records are added.
 */
export class Aggregate<Record extends UserRecord = UserRecord> {
  readonly records: Record[] = [];
  readonly #keyIndexes = new Map<string, number>();
  readonly #keys: string[] = [];
  readonly #keyIndexOf: number[] = [];
  #messageBytes = 0;

  /** Bytes of the aggregated record's data: magic, message, checksum. */
  get dataBytes(): number {
    return AGGREGATE_OVERHEAD + this.#messageBytes;
  }

  /** Distinct partition keys in it. */
  get keyCount(): number {
    return this.#keys.length;
  }

  /** The key of the first record: the aggregated record's own partition key. */
  get firstKey(): string | undefined {
    return this.#keys[0];
  }

  /** Bytes the data would have with `record` (of partition key `key`) added. */
  dataBytesWith(record: UserRecord, key: string): number {
    const known = this.#keyIndexes.get(key);
    const index = known ?? this.#keys.length;
    const table = known === undefined ? fieldBytes(Buffer.byteLength(key)) : 0;
    return this.dataBytes + table + fieldBytes(recordMessageBytes(index, record.dataBytes));
  }

  add(record: Record, key: string): void {
    let index = this.#keyIndexes.get(key);
    if (index === undefined) {
      index = this.#keys.length;
      this.#keyIndexes.set(key, index);
      this.#keys.push(key);
      this.#messageBytes += fieldBytes(Buffer.byteLength(key));
    }
    this.#messageBytes += fieldBytes(recordMessageBytes(index, record.dataBytes));
    this.records.push(record);
    this.#keyIndexOf.push(index);
  }

  /** The aggregated record's data, in one Buffer of exactly `dataBytes`. */
  encode(): Buffer {
    const target = Buffer.allocUnsafe(this.dataBytes);
    target.set(AGGREGATION_MAGIC, 0);
    let offset = AGGREGATION_MAGIC.length;
    for (const key of this.#keys) {
      target[offset++] = TAG_PARTITION_KEY_TABLE;
      offset = writeVarint(target, offset, Buffer.byteLength(key));
      offset += target.write(key, offset, 'utf8');
    }
    for (let position = 0; position < this.records.length; position += 1) {
      const record = this.records[position] as Record;
      const keyIndex = this.#keyIndexOf[position] as number;
      target[offset++] = TAG_RECORDS;
      offset = writeVarint(target, offset, recordMessageBytes(keyIndex, record.dataBytes));
      target[offset++] = TAG_PARTITION_KEY_INDEX;
      offset = writeVarint(target, offset, keyIndex);
      target[offset++] = TAG_DATA;
      offset = writeVarint(target, offset, record.dataBytes);
      if (typeof record.data === 'string') offset += target.write(record.data, offset, 'utf8');
      else offset += record.data.copy(target, offset);
    }
    const checksum = createHash('md5').update(target.subarray(AGGREGATION_MAGIC.length, offset)).digest();
    checksum.copy(target, offset);
    return target;
  }
}

/** A random partition key as a string: 32 hex characters, as the sink draws them for plain records. */
export function randomKey(): string {
  const key = Buffer.allocUnsafe(RANDOM_KEY_BYTES);
  writeRandomKey(key, 0);
  return key.toString('latin1');
}

/** A user record read back from a Kinesis record, aggregated or not. */
export interface DeaggregatedRecord {
  partitionKey: string;
  data: Buffer;
}

function readVarint(source: Buffer, offset: number): [value: number, next: number] {
  let value = 0;
  let factor = 1;
  let position = offset;
  for (;;) {
    const byte = source[position++];
    if (byte === undefined) throw new RangeError('varint cut short');
    value += (byte & 0x7f) * factor;
    if (byte < 0x80) return [value, position];
    factor *= 0x80;
  }
}

/** Skips a field of `wireType` at `offset`; returns the offset after it. */
function skipField(source: Buffer, offset: number, wireType: number): number {
  if (wireType === 0) return readVarint(source, offset)[1];
  if (wireType === 2) {
    const [length, next] = readVarint(source, offset);
    return next + length;
  }
  if (wireType === 1) return offset + 8;
  if (wireType === 5) return offset + 4;
  throw new RangeError(`unsupported protobuf wire type ${wireType}`);
}

/**
 * The user records of a Kinesis record: those of an aggregate (checked against its MD5), or the
 * record itself when it is not one. For tests and tools; the sink only writes.
 */
export function deaggregate(data: Buffer, partitionKey: string): DeaggregatedRecord[] {
  if (
    data.length < AGGREGATE_OVERHEAD ||
    !data.subarray(0, AGGREGATION_MAGIC.length).equals(AGGREGATION_MAGIC)
  )
    return [{ partitionKey, data }];
  const message = data.subarray(AGGREGATION_MAGIC.length, data.length - CHECKSUM_BYTES);
  const checksum = createHash('md5').update(message).digest();
  if (!checksum.equals(data.subarray(data.length - CHECKSUM_BYTES)))
    throw new Error('aggregated record with a wrong MD5 checksum');
  const keys: string[] = [];
  const records: Array<{ keyIndex: number; data: Buffer }> = [];
  for (let offset = 0; offset < message.length; ) {
    const [tag, afterTag] = readVarint(message, offset);
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType !== 2 || (field !== 1 && field !== 3)) {
      offset = skipField(message, afterTag, wireType);
      continue;
    }
    const [length, start] = readVarint(message, afterTag);
    const content = message.subarray(start, start + length);
    offset = start + length;
    if (field === 1) {
      keys.push(content.toString('utf8'));
      continue;
    }
    let keyIndex = 0;
    let recordData: Buffer = Buffer.alloc(0);
    for (let inner = 0; inner < content.length; ) {
      const [innerTag, next] = readVarint(content, inner);
      if (innerTag === TAG_PARTITION_KEY_INDEX) [keyIndex, inner] = readVarint(content, next);
      else if (innerTag === TAG_DATA) {
        const [dataLength, dataStart] = readVarint(content, next);
        recordData = content.subarray(dataStart, dataStart + dataLength);
        inner = dataStart + dataLength;
      } else inner = skipField(content, next, innerTag & 7);
    }
    records.push({ keyIndex, data: recordData });
  }
  return records.map((record) => {
    const key = keys[record.keyIndex];
    if (key === undefined)
      throw new Error(`aggregated record with a key index ${record.keyIndex} out of its table`);
    return { partitionKey: key, data: Buffer.from(record.data) };
  });
}

/** An event made ready to send, as packing takes it. */
export interface AggregatableRecord extends PreparedRecord {
  /** Its partition key; undefined for a random key (one drawn per aggregate). */
  readonly key: string | undefined;
  /** Too large for an aggregate: sent as a plain record. */
  readonly alone: boolean;
}

/** A record of a request: an event sent alone, or an aggregate with the key it is sent with. */
export interface PackedRecord extends PreparedRecord {
  key?: string | undefined;
  /** Events it carries (1 for an event sent alone). */
  readonly userRecords?: number;
  /** Distinct partition keys of its events: an aggregate of several may land where some do not belong. */
  readonly keys?: number;
  /** Set by shard awareness when it places the record. */
  hashKey?: string | undefined;
  shardId?: string | undefined;
}

export interface PackSettings {
  /** Largest aggregated record, data and partition key, as Kinesis counts it. */
  readonly maxRecordBytes: number;
  /** A partition key as the wire format writes it. */
  wireKey(key: string): Buffer;
  /**
   * The group of a keyed record: user records of one group share an aggregate, which is sent with
   * the first one's key, so all must map to the same shard. The predicted shard when a shard map
   * is known; by default the key itself, which is always right and aggregates only events of one key.
   */
  groupOf?(record: AggregatableRecord & { readonly key: string }): string;
}

/** Whether an event of `dataBytes` with a key of `keyBytes` (32 for a random one) goes alone. */
export function goesAlone(dataBytes: number, keyBytes: number, maxRecordBytes: number): boolean {
  return AGGREGATE_OVERHEAD + userRecordBytes(dataBytes, keyBytes) + keyBytes > maxRecordBytes;
}

interface OpenGroup<Record extends AggregatableRecord> {
  aggregate: Aggregate<Record>;
  /** The aggregate's key: a random one drawn for it, or its first record's key. */
  key: string;
  indexes: number[];
}

/**
 * The Kinesis records of a request's events: events of one group packed into aggregates in
 * arrival order, each closed before it would pass `maxRecordBytes`; an aggregate of one is sent
 * as the plain record it holds. `recordOf[i]` is the record that carries event `i`, so a record's
 * outcome is each of its events' outcome. Events of one key keep their order: a record is placed
 * when its aggregate closes, and an event sent alone first closes its group's aggregate.
 */
export function packRecords<Record extends AggregatableRecord>(
  events: readonly Record[],
  settings: PackSettings,
): { records: PackedRecord[]; recordOf: number[] } {
  const records: PackedRecord[] = [];
  const recordOf: number[] = new Array<number>(events.length);
  const open = new Map<string, OpenGroup<Record>>();
  const groupOf = settings.groupOf ?? ((record: { readonly key: string }) => record.key);
  const close = (group: string, entry: OpenGroup<Record>) => {
    open.delete(group);
    const { aggregate } = entry;
    if (aggregate.records.length === 1) records.push(aggregate.records[0] as Record);
    else {
      const data = aggregate.encode();
      records.push({
        data,
        dataBytes: data.length,
        partitionKey: settings.wireKey(entry.key),
        recordBytes: data.length + Buffer.byteLength(entry.key),
        key: entry.key,
        userRecords: aggregate.records.length,
        keys: aggregate.keyCount,
      });
    }
    for (const index of entry.indexes) recordOf[index] = records.length - 1;
  };
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as Record;
    const group = event.key === undefined ? '' : groupOf(event as Record & { readonly key: string });
    let entry = open.get(group);
    if (event.alone) {
      if (entry !== undefined) close(group, entry);
      records.push(event);
      recordOf[index] = records.length - 1;
      continue;
    }
    if (entry !== undefined) {
      const key = event.key ?? entry.key;
      if (
        entry.aggregate.dataBytesWith(event, key) + Buffer.byteLength(entry.key) >
        settings.maxRecordBytes
      ) {
        close(group, entry);
        entry = undefined;
      }
    }
    if (entry === undefined) {
      entry = { aggregate: new Aggregate<Record>(), key: event.key ?? randomKey(), indexes: [] };
      open.set(group, entry);
    }
    entry.aggregate.add(event, event.key ?? entry.key);
    entry.indexes.push(index);
  }
  for (const [group, entry] of open) close(group, entry);
  return { records, recordOf };
}
