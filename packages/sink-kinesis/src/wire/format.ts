import type { PutRecordsOutput } from '@aws-sdk/client-kinesis';
import type { PreparedRecord } from '../records.js';

/** What the sink needs of a PutRecords answer. */
export type PutRecordsResult = Pick<PutRecordsOutput, 'FailedRecordCount' | 'Records'>;

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
  body(streamName: string, records: readonly PreparedRecord[]): Buffer;
  /**
   * The answer of a request of `expectedRecords` records that succeeded (HTTP 200), checked:
   * throws `InvalidResponseError` unless it proves the outcome of every record.
   */
  result(body: Buffer, expectedRecords: number): PutRecordsResult;
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

/** Checks a decoded PutRecords answer against the request's record count. */
export function checkedResult(answer: unknown, expectedRecords: number): PutRecordsResult {
  const { FailedRecordCount: failed, Records: records } = (answer ?? {}) as PutRecordsResult;
  if (typeof answer !== 'object' || typeof failed !== 'number' || !Array.isArray(records))
    throw new InvalidResponseError('a PutRecords answer without FailedRecordCount or Records');
  if (records.length !== expectedRecords)
    throw new InvalidResponseError(
      `a PutRecords answer with ${records.length} record results for ${expectedRecords} records`,
    );
  let errors = 0;
  for (const record of records) {
    if (typeof record !== 'object' || record === null)
      throw new InvalidResponseError('a PutRecords record result that is not an object');
    if (record.ErrorCode !== undefined && record.ErrorCode !== null) errors += 1;
  }
  if (errors !== failed)
    throw new InvalidResponseError(
      `a PutRecords answer with FailedRecordCount ${failed} but ${errors} failed record results`,
    );
  return failed === 0
    ? { FailedRecordCount: 0, Records: undefined }
    : { FailedRecordCount: failed, Records: records };
}

export function parsed(decode: () => unknown, expectedRecords: number): PutRecordsResult {
  let answer: unknown;
  try {
    answer = decode();
  } catch (error) {
    throw new InvalidResponseError(`a PutRecords answer that does not parse: ${String(error)}`);
  }
  return checkedResult(answer, expectedRecords);
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
