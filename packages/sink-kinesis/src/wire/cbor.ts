/**
 * PutRecords in CBOR (`application/x-amz-cbor-1.1`): the little of CBOR (RFC 8949) the sink writes
 * and reads itself (the body, and the numbers of a successful answer it needs); anything else is
 * decoded by the SDK's own CBOR codec.
 */
import { cbor } from '@smithy/core/cbor';
import { RANDOM_KEY_BYTES } from '../limits.js';
import { type PreparedRecord, writeRandomKey } from '../records.js';
import type { StreamReference } from '../shards.js';
import {
  ALL_AS_PREDICTED,
  fieldsOf,
  InvalidResponseError,
  type MisplacedRecord,
  type PredictedRecord,
  type PutRecordsAnswer,
  parsed,
  type RecordError,
  sameShardId,
  type WireFormat,
} from './format.js';

/** CBOR's major types: the top three bits of an item's first byte. */
export const CBOR_MAJOR = {
  unsigned: 0,
  negative: 1,
  bytes: 2,
  text: 3,
  array: 4,
  map: 5,
  tag: 6,
  simple: 7,
} as const;
const INDEFINITE = 31;
const BREAK = 0xff;

/** Bytes of the header of an item of `length` (a string's bytes, an array's items…). */
export function headerBytes(length: number): number {
  if (length < 24) return 1;
  if (length < 0x100) return 2;
  if (length < 0x10000) return 3;
  return 5;
}

/** Writes the header of a `major` item of `length` at `offset`; returns the offset after it. */
export function writeHeader(target: Buffer, offset: number, major: number, length: number): number {
  const type = major << 5;
  if (length < 24) {
    target[offset] = type | length;
    return offset + 1;
  }
  if (length < 0x100) {
    target[offset] = type | 24;
    target[offset + 1] = length;
    return offset + 2;
  }
  if (length < 0x10000) {
    target[offset] = type | 25;
    target.writeUInt16BE(length, offset + 1);
    return offset + 3;
  }
  target[offset] = type | 26;
  target.writeUInt32BE(length, offset + 1);
  return offset + 5;
}

/** A text string item, header and UTF-8 bytes. */
export function textItem(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const item = Buffer.allocUnsafe(headerBytes(length) + length);
  item.write(text, writeHeader(item, 0, CBOR_MAJOR.text, length), 'utf8');
  return item;
}

interface Header {
  major: number;
  /** The argument: a length, a count, a number; -1 when indefinite. */
  argument: number;
  /** Where the item's content (or next item) starts. */
  next: number;
}

/** The header at `offset`, written into `into` (a fresh object unless given). */
function readHeader(
  source: Buffer,
  offset: number,
  into: Header = { major: 0, argument: 0, next: 0 },
): Header {
  const initial = source[offset];
  if (initial === undefined) throw new RangeError('CBOR item cut short');
  const info = initial & 31;
  into.major = initial >> 5;
  if (info < 24) {
    into.argument = info;
    into.next = offset + 1;
  } else if (info === INDEFINITE) {
    into.argument = -1;
    into.next = offset + 1;
  } else if (info === 24) {
    into.argument = source.readUInt8(offset + 1);
    into.next = offset + 2;
  } else if (info === 25) {
    into.argument = source.readUInt16BE(offset + 1);
    into.next = offset + 3;
  } else if (info === 26) {
    into.argument = source.readUInt32BE(offset + 1);
    into.next = offset + 5;
  } else if (info === 27) {
    into.argument = Number(source.readBigUInt64BE(offset + 1));
    into.next = offset + 9;
  } else throw new RangeError(`CBOR reserved additional information ${info}`);
  return into;
}

/** The header `skipItem` reads into: it skips every item of a response (5 per record), with no object each. */
const skipped: Header = { major: 0, argument: 0, next: 0 };

/** The offset after the item at `offset`, whatever it is. */
function skipItem(source: Buffer, offset: number): number {
  // Copied out before recursing: a nested call reads into the same header.
  const { major, argument, next } = readHeader(source, offset, skipped);
  if (major === CBOR_MAJOR.tag) return skipItem(source, next);
  // Simple values and floats: the header is the whole item (a float's bytes are its argument).
  if (major <= CBOR_MAJOR.negative || major === CBOR_MAJOR.simple) return next;
  let position = next;
  if (argument === -1) {
    while (source[position] !== BREAK) position = skipItem(source, position);
    return position + 1;
  }
  if (major === CBOR_MAJOR.bytes || major === CBOR_MAJOR.text) return next + argument;
  const items = major === CBOR_MAJOR.map ? 2 * argument : argument;
  for (let index = 0; index < items; index += 1) position = skipItem(source, position);
  return position;
}

const FAILED_RECORD_COUNT = Buffer.from('FailedRecordCount');
const RECORDS = Buffer.from('Records');
const ERROR_CODE = Buffer.from('ErrorCode');
const ERROR_MESSAGE = Buffer.from('ErrorMessage');
const SHARD_ID = Buffer.from('ShardId');
/** CBOR's `null` and `undefined` (simple values 22 and 23). */
const CBOR_NULL = 0xf6;
const CBOR_UNDEFINED = 0xf7;

/** Whether the text item whose header is `key` is `name` (a short key: a loop costs less than a native compare). */
function textIs(body: Buffer, key: Header, name: Buffer): boolean {
  if (key.major !== CBOR_MAJOR.text || key.argument !== name.length) return false;
  for (let index = 0; index < name.length; index += 1)
    if (body[key.next + index] !== name[index]) return false;
  return true;
}

/** A definite-length text item's string; undefined for anything else. */
function textAt(body: Buffer, offset: number): string | undefined {
  const header = readHeader(body, offset);
  if (header.major !== CBOR_MAJOR.text || header.argument === -1) return undefined;
  return body.toString('utf8', header.next, header.next + header.argument);
}

/** Headers read by `readCborAnswer`, reused: no object per item. */
const entryHeader: Header = { major: 0, argument: 0, next: 0 };
const nameHeader: Header = { major: 0, argument: 0, next: 0 };
const valueHeader: Header = { major: 0, argument: 0, next: 0 };

/**
 * A CBOR PutRecords answer in one pass, with no object per accepted record: the failed records
 * (`ErrorCode`, `ErrorMessage`) and the accepted ones whose `ShardId` is not the one predicted,
 * compared byte by byte; sequence numbers are skipped. A few percent of records failing makes
 * every answer one with failures: decoded whole, 500 maps of strings cost 1.3 ms each. Undefined
 * when the body is not shaped as expected (then the SDK's codec decodes it, and it is checked).
 */
export function readCborAnswer(
  body: Buffer,
  records: readonly PredictedRecord[],
): PutRecordsAnswer | undefined {
  const map = readHeader(body, 0);
  if (map.major !== CBOR_MAJOR.map || map.argument === -1) return undefined;
  let position = map.next;
  let failedRecordCount: number | undefined;
  let results = -1;
  let errors: RecordError[] | undefined;
  let elsewhere: MisplacedRecord[] | undefined;
  for (let index = 0; index < map.argument; index += 1) {
    const key = readHeader(body, position);
    const value = skipItem(body, position);
    if (textIs(body, key, FAILED_RECORD_COUNT)) {
      const count = readHeader(body, value);
      if (count.major !== CBOR_MAJOR.unsigned) return undefined;
      failedRecordCount = count.argument;
    } else if (textIs(body, key, RECORDS)) {
      const array = readHeader(body, value);
      if (array.major !== CBOR_MAJOR.array || array.argument === -1) return undefined;
      results = array.argument;
      if (results !== records.length) return undefined;
      let item = array.next;
      for (let record = 0; record < results; record += 1) {
        const entry = readHeader(body, item, entryHeader);
        if (entry.major !== CBOR_MAJOR.map || entry.argument === -1) return undefined;
        const pairs = entry.argument;
        let errorAt = -1;
        let messageAt = -1;
        let shardStart = -1;
        let shardEnd = -1;
        let field = entry.next;
        for (let pair = 0; pair < pairs; pair += 1) {
          const name = readHeader(body, field, nameHeader);
          const at = name.next + (name.major === CBOR_MAJOR.text ? name.argument : 0);
          if (name.major !== CBOR_MAJOR.text || name.argument === -1) return undefined;
          if (textIs(body, name, ERROR_CODE)) {
            if (body[at] !== CBOR_NULL && body[at] !== CBOR_UNDEFINED) errorAt = at;
          } else if (textIs(body, name, ERROR_MESSAGE)) messageAt = at;
          else if (textIs(body, name, SHARD_ID)) {
            const shard = readHeader(body, at, valueHeader);
            if (shard.major === CBOR_MAJOR.text && shard.argument !== -1) {
              shardStart = shard.next;
              shardEnd = shard.next + shard.argument;
            }
          }
          field = skipItem(body, at);
        }
        item = field;
        if (errorAt !== -1) {
          const code = textAt(body, errorAt);
          if (code === undefined) return undefined;
          errors ??= [];
          errors.push({
            index: record,
            code,
            message: (messageAt === -1 ? undefined : textAt(body, messageAt)) ?? code,
          });
          continue;
        }
        const predicted = (records[record] as PredictedRecord).shardId;
        if (
          predicted !== undefined &&
          shardStart !== -1 &&
          !sameShardId(body, shardStart, shardEnd, predicted)
        ) {
          elsewhere ??= [];
          elsewhere.push({ index: record, shardId: body.toString('latin1', shardStart, shardEnd) });
        }
      }
    }
    position = skipItem(body, value);
  }
  if (failedRecordCount === undefined || results === -1) return undefined;
  if ((errors?.length ?? 0) !== failedRecordCount)
    throw new InvalidResponseError(
      `a PutRecords answer with FailedRecordCount ${failedRecordCount} but ${errors?.length ?? 0} failed record results`,
    );
  return errors === undefined && elsewhere === undefined
    ? ALL_AS_PREDICTED
    : { errors: errors ?? [], elsewhere: elsewhere ?? [] };
}

/** A whole CBOR item, by the SDK's codec. */
export function decodeCbor(body: Uint8Array): unknown {
  return cbor.deserialize(body);
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
export function putRecordsCborBody(stream: StreamReference, records: readonly PreparedRecord[]): Buffer {
  const [name, value] = Object.entries(stream)[0] as [string, string];
  const streamNameKey = name === 'StreamName' ? CBOR_STREAM_NAME : textItem(name);
  const streamNameItem = textItem(value);
  let size =
    1 +
    CBOR_RECORDS.length +
    headerBytes(records.length) +
    records.length * (1 + CBOR_DATA.length + CBOR_PARTITION_KEY.length) +
    streamNameKey.length +
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
    offset +=
      typeof record.data === 'string'
        ? body.write(record.data, offset, 'utf8')
        : record.data.copy(body, offset);
    body.set(CBOR_PARTITION_KEY, offset);
    offset += CBOR_PARTITION_KEY.length;
    if (record.partitionKey === undefined) {
      offset = writeRandomKey(body, writeHeader(body, offset, CBOR_MAJOR.text, RANDOM_KEY_BYTES));
    } else {
      body.set(record.partitionKey, offset);
      offset += record.partitionKey.length;
    }
  }
  body.set(streamNameKey, offset);
  body.set(streamNameItem, offset + streamNameKey.length);
  return body;
}
/**
 * A successful CBOR PutRecords response, read in one pass (`readCborAnswer`); a body not shaped as
 * expected is decoded whole by the SDK's codec and checked.
 */
export function parseCborPutRecordsResponse(
  body: Buffer,
  records: readonly PredictedRecord[],
): PutRecordsAnswer {
  let answer: PutRecordsAnswer | undefined;
  try {
    answer = readCborAnswer(body, records);
  } catch (error) {
    if (error instanceof InvalidResponseError) throw error;
    answer = undefined; // decoded whole below, which says why
  }
  return answer ?? parsed(() => decodeCbor(body), records);
}

export const cborWire: WireFormat = {
  contentType: 'application/x-amz-cbor-1.1',
  partitionKey: textItem,
  body: putRecordsCborBody,
  result: parseCborPutRecordsResponse,
  errorFields: (body) => fieldsOf(() => decodeCbor(body)),
};
