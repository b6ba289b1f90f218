import type { PreparedRecord } from '../records.js';
import type { StreamReference } from '../shards.js';

/** A record a PutRecords answer failed: its index in the request, the error code and message. */
export interface RecordError {
  readonly index: number;
  readonly code: string;
  readonly message: string;
}

/** A record accepted on another shard than the one predicted for it. */
export interface MisplacedRecord {
  readonly index: number;
  readonly shardId: string;
}

/**
 * What the sink needs of a PutRecords answer, read without an object per accepted record: the
 * failed records, and the accepted ones that landed elsewhere than predicted (a reshard).
 */
export interface PutRecordsAnswer {
  readonly errors: readonly RecordError[];
  readonly elsewhere: readonly MisplacedRecord[];
}

/** What an answer is checked against: each record's predicted shard, when shard awareness placed it. */
export interface PredictedRecord {
  readonly shardId?: string | undefined;
}

export const ALL_AS_PREDICTED: PutRecordsAnswer = Object.freeze({ errors: [], elsewhere: [] });

/** The fields of an AWS error answer that name it and say why. */
export interface ErrorFields {
  __type?: unknown;
  code?: unknown;
  message?: unknown;
  Message?: unknown;
}

/** How PutRecords goes on the wire: the body the sink builds and the answers it reads. */
export interface WireFormat {
  readonly contentType: string;
  /** A partition key as the body holds it. */
  partitionKey(key: string): Buffer;
  body(stream: StreamReference, records: readonly PreparedRecord[]): Buffer;
  /**
   * The answer (HTTP 200) of a request of `records`, checked: throws `InvalidResponseError` unless
   * it proves the outcome of every record. Each accepted record's ShardId is compared with the
   * shard predicted for it, byte by byte, with no string made unless it differs.
   */
  result(body: Buffer, records: readonly PredictedRecord[]): PutRecordsAnswer;
  /** The fields of an error answer; none when it is not in this format (a proxy's error page). */
  errorFields(body: Buffer): ErrorFields;
}

/**
 * A 200 whose body does not prove the outcome of every record (no `FailedRecordCount`, a `Records`
 * list of another length than the request's, counts that disagree, a body that does not parse):
 * the whole request is failed and retried, never taken as delivered.
 */
export class InvalidResponseError extends Error {
  override readonly name = 'InvalidResponseError';
  readonly code = 'invalid_response';
}

/** Whether a shard id read from an answer (`body[start, end)`, ASCII) is `expected`. */
export function sameShardId(body: Buffer, start: number, end: number, expected: string): boolean {
  if (end - start !== expected.length) return false;
  for (let index = 0; index < expected.length; index += 1)
    if (body[start + index] !== expected.charCodeAt(index)) return false;
  return true;
}

/** Checks a decoded PutRecords answer against the request's records. */
export function checkedAnswer(answer: unknown, records: readonly PredictedRecord[]): PutRecordsAnswer {
  const { FailedRecordCount: failed, Records: results } = (answer ?? {}) as {
    FailedRecordCount?: unknown;
    Records?: unknown;
  };
  if (typeof answer !== 'object' || typeof failed !== 'number' || !Array.isArray(results))
    throw new InvalidResponseError('a PutRecords answer without FailedRecordCount or Records');
  if (results.length !== records.length)
    throw new InvalidResponseError(
      `a PutRecords answer with ${results.length} record results for ${records.length} records`,
    );
  const errors: RecordError[] = [];
  const elsewhere: MisplacedRecord[] = [];
  for (let index = 0; index < results.length; index += 1) {
    const result = results[index] as
      | { ErrorCode?: unknown; ErrorMessage?: unknown; ShardId?: unknown }
      | null
      | undefined;
    if (typeof result !== 'object' || result === null)
      throw new InvalidResponseError('a PutRecords record result that is not an object');
    if (result.ErrorCode !== undefined && result.ErrorCode !== null) {
      const code = String(result.ErrorCode);
      errors.push({
        index,
        code,
        message: typeof result.ErrorMessage === 'string' ? result.ErrorMessage : code,
      });
      continue;
    }
    const predicted = records[index]?.shardId;
    if (predicted !== undefined && typeof result.ShardId === 'string' && result.ShardId !== predicted)
      elsewhere.push({ index, shardId: result.ShardId });
  }
  if (errors.length !== failed)
    throw new InvalidResponseError(
      `a PutRecords answer with FailedRecordCount ${failed} but ${errors.length} failed record results`,
    );
  return errors.length === 0 && elsewhere.length === 0 ? ALL_AS_PREDICTED : { errors, elsewhere };
}

export function parsed(decode: () => unknown, records: readonly PredictedRecord[]): PutRecordsAnswer {
  let answer: unknown;
  try {
    answer = decode();
  } catch (error) {
    throw new InvalidResponseError(`a PutRecords answer that does not parse: ${String(error)}`);
  }
  return checkedAnswer(answer, records);
}

/** The fields of an error answer, or none when it does not decode to an object. */
export function fieldsOf(decode: () => unknown): ErrorFields {
  try {
    const fields = decode();
    return typeof fields === 'object' && fields !== null ? (fields as ErrorFields) : {};
  } catch {
    return {};
  }
}
