/** PutRecords in JSON (`application/x-amz-json-1.1`): the body, the answers. */
import { RANDOM_KEY_BYTES } from '../limits.js';
import { type PreparedRecord, writeRandomKey } from '../records.js';
import type { StreamReference } from '../shards.js';
import {
  ALL_AS_PREDICTED,
  fieldsOf,
  type PredictedRecord,
  type PutRecordsAnswer,
  parsed,
  sameShardId,
  type WireFormat,
} from './format.js';

/** A partition key as it goes in a JSON body: a JSON string, UTF-8. */
export function quotedKey(key: string): Buffer {
  return Buffer.from(JSON.stringify(key));
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
export function putRecordsBody(stream: StreamReference, records: readonly PreparedRecord[]): Buffer {
  const [name, value] = Object.entries(stream)[0] as [string, string];
  const suffix = Buffer.from(`],${JSON.stringify(name)}:${JSON.stringify(value)}}`);
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
    const base64 =
      typeof record.data === 'string'
        ? scratch.toString('base64', 0, scratch.write(record.data, 0, 'utf8'))
        : record.data.toString('base64');
    offset += body.write(base64, offset, 'latin1');
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

const ALL_ACCEPTED = Buffer.from('"FailedRecordCount":0');
const SEQUENCE_NUMBER = Buffer.from('"SequenceNumber"');
const SHARD_ID = Buffer.from('"ShardId":"');

/** Occurrences of `needle` in `body`, stopping past `limit`. */
function occurrences(body: Buffer, needle: Buffer, limit: number): number {
  let count = 0;
  for (
    let at = body.indexOf(needle);
    at !== -1 && count <= limit;
    at = body.indexOf(needle, at + needle.length)
  )
    count += 1;
  return count;
}

/**
 * Whether the `"ShardId":"…"` of an all-accepted answer are, in order, one per record, each the
 * shard predicted for its record (any shard where none was predicted).
 */
function shardsAsPredicted(body: Buffer, records: readonly PredictedRecord[]): boolean {
  let at = body.indexOf(SHARD_ID);
  for (const record of records) {
    if (at === -1) return false;
    const start = at + SHARD_ID.length;
    const end = body.indexOf(0x22, start);
    if (end === -1) return false;
    if (record.shardId !== undefined && !sameShardId(body, start, end, record.shardId)) return false;
    at = body.indexOf(SHARD_ID, end);
  }
  return at === -1;
}

/**
 * A successful JSON PutRecords response. When every record was accepted where predicted, the
 * per-record results are not parsed: `"FailedRecordCount":0`, `"SequenceNumber"` and `"ShardId":"`
 * cannot occur inside a JSON string (their quotes would be escaped), so the first followed by a
 * non-digit, the second once per record sent and each shard id in turn equal to its record's
 * prediction are proof enough. Anything else is parsed and checked whole.
 */
export function parsePutRecordsResponse(body: Buffer, records: readonly PredictedRecord[]): PutRecordsAnswer {
  const at = body.indexOf(ALL_ACCEPTED);
  const next = body[at + ALL_ACCEPTED.length];
  if (
    at !== -1 &&
    next !== undefined &&
    (next < 0x30 || next > 0x39) &&
    occurrences(body, SEQUENCE_NUMBER, records.length) === records.length &&
    shardsAsPredicted(body, records)
  )
    return ALL_AS_PREDICTED;
  return parsed(() => JSON.parse(body.toString('utf8')), records);
}

export const jsonWire: WireFormat = {
  contentType: 'application/x-amz-json-1.1',
  partitionKey: quotedKey,
  body: putRecordsBody,
  result: parsePutRecordsResponse,
  errorFields: (body) => fieldsOf(() => JSON.parse(body.toString('utf8'))),
};
