/**
 * PutRecords in CBOR (`application/x-amz-cbor-1.1`): the little of CBOR (RFC 8949) the sink writes
 * and reads itself (the body, and the numbers of a successful answer it needs); anything else is
 * decoded by the SDK's own CBOR codec.
 */
import type { PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import { cbor } from '@smithy/core/cbor';
import { RANDOM_KEY_BYTES } from '../limits.js';
import { type PreparedRecord, writeRandomKey } from '../records.js';
import { fieldsOf, type PutRecordsResult, parsed, type WireFormat } from './format.js';

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

/** What a CBOR PutRecords response says at a glance; undefined where a field is missing or not as expected. */
export interface ResponseSummary {
  failedRecordCount: number | undefined;
  /** Items in `Records`. */
  records: number | undefined;
}

/**
 * `FailedRecordCount` and the length of `Records` of a CBOR PutRecords response, read without
 * decoding anything else (the per-record results are skipped, not decoded).
 */
export function summarizeResponse(body: Buffer): ResponseSummary {
  const summary: ResponseSummary = { failedRecordCount: undefined, records: undefined };
  const map = readHeader(body, 0);
  if (map.major !== CBOR_MAJOR.map) throw new TypeError('a PutRecords response is not a CBOR map');
  let position = map.next;
  const keyIs = (key: Header, name: Buffer) =>
    key.major === CBOR_MAJOR.text &&
    key.argument === name.length &&
    body.compare(name, 0, name.length, key.next, key.next + name.length) === 0;
  for (let index = 0; map.argument === -1 ? body[position] !== BREAK : index < map.argument; index += 1) {
    const key = readHeader(body, position);
    const value = skipItem(body, position);
    if (keyIs(key, FAILED_RECORD_COUNT)) {
      const count = readHeader(body, value);
      if (count.major === CBOR_MAJOR.unsigned) summary.failedRecordCount = count.argument;
    } else if (keyIs(key, RECORDS)) {
      const array = readHeader(body, value);
      if (array.major === CBOR_MAJOR.array) {
        if (array.argument !== -1) summary.records = array.argument;
        else {
          let count = 0;
          for (let item = array.next; body[item] !== BREAK; item = skipItem(body, item)) count += 1;
          summary.records = count;
        }
      }
    }
    position = skipItem(body, value);
  }
  return summary;
}

const ERROR_CODE = Buffer.from('ErrorCode');
const ERROR_MESSAGE = Buffer.from('ErrorMessage');
const SHARD_ID = Buffer.from('ShardId');

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

/**
 * A shard id's string, the previous one's when its bytes are the same (consecutive records of an
 * answer often share a shard): no string per record.
 */
function shardIdAt(
  body: Buffer,
  offset: number,
  previous: { start: number; end: number; id: string },
): string | undefined {
  const header = readHeader(body, offset);
  if (header.major !== CBOR_MAJOR.text || header.argument === -1) return undefined;
  const start = header.next;
  const end = start + header.argument;
  if (end - start === previous.end - previous.start) {
    let same = true;
    for (let index = 0; same && index < end - start; index += 1)
      same = body[start + index] === body[previous.start + index];
    if (same) return previous.id;
  }
  previous.start = start;
  previous.end = end;
  previous.id = body.toString('latin1', start, end); // shard ids are ASCII
  return previous.id;
}

/**
 * The per-record results of a CBOR PutRecords response with failures, read for what the sink uses
 * (`ErrorCode`, `ErrorMessage`, `ShardId`) and skipping the rest (sequence numbers): a few percent
 * of records failing makes every answer one of these, and the SDK's codec decoded 500 maps of
 * strings per answer (1.3 ms each). Undefined when the body is not shaped as expected (then the
 * SDK's codec decodes it).
 */
export function readPartialResults(body: Buffer): PutRecordsResult | undefined {
  const map = readHeader(body, 0);
  if (map.major !== CBOR_MAJOR.map || map.argument === -1) return undefined;
  let position = map.next;
  let failedRecordCount: number | undefined;
  let results: PutRecordsResultEntry[] | undefined;
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
      results = [];
      const previousShard = { start: 0, end: -1, id: '' };
      let item = array.next;
      for (let record = 0; record < array.argument; record += 1) {
        const entry = readHeader(body, item);
        if (entry.major !== CBOR_MAJOR.map || entry.argument === -1) return undefined;
        const result: PutRecordsResultEntry = {};
        let field = entry.next;
        for (let pair = 0; pair < entry.argument; pair += 1) {
          const name = readHeader(body, field);
          const at = skipItem(body, field);
          if (textIs(body, name, ERROR_CODE)) result.ErrorCode = textAt(body, at);
          else if (textIs(body, name, ERROR_MESSAGE)) result.ErrorMessage = textAt(body, at);
          else if (textIs(body, name, SHARD_ID)) result.ShardId = shardIdAt(body, at, previousShard);
          field = skipItem(body, at);
        }
        results.push(result);
        item = field;
      }
    }
    position = skipItem(body, value);
  }
  return failedRecordCount === undefined || results === undefined
    ? undefined
    : { FailedRecordCount: failedRecordCount, Records: results };
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
  body.set(CBOR_STREAM_NAME, offset);
  body.set(streamNameItem, offset + CBOR_STREAM_NAME.length);
  return body;
}
/**
 * A successful CBOR PutRecords response: `FailedRecordCount` and the length of `Records` are read
 * alone, and the per-record results are decoded only when some record failed.
 */
export function parseCborPutRecordsResponse(body: Buffer, expectedRecords: number): PutRecordsResult {
  let summary: ResponseSummary | undefined;
  try {
    summary = summarizeResponse(body);
  } catch {
    summary = undefined; // decoded whole below, which says why
  }
  if (summary?.failedRecordCount === 0 && summary.records === expectedRecords)
    return { FailedRecordCount: 0, Records: undefined };
  return parsed(
    () => (summary === undefined ? undefined : readPartialResults(body)) ?? decodeCbor(body),
    expectedRecords,
  );
}

export const cborWire: WireFormat = {
  contentType: 'application/x-amz-cbor-1.1',
  partitionKey: textItem,
  body: putRecordsCborBody,
  result: parseCborPutRecordsResponse,
  errorFields: (body) => fieldsOf(() => decodeCbor(body)),
};
