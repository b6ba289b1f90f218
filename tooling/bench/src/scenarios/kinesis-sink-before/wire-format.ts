import type { PutRecordsOutput } from '@aws-sdk/client-kinesis';
import { decodeCbor, type ResponseSummary, summarizeResponse, textItem } from './cbor.js';
import { type PreparedRecord, putRecordsBody, putRecordsCborBody, quotedKey } from './records.js';

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

export type Protocol = 'cbor' | 'json';

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

function parsed(decode: () => unknown, expectedRecords: number): PutRecordsResult {
  let answer: unknown;
  try {
    answer = decode();
  } catch (error) {
    throw new InvalidResponseError(`a PutRecords answer that does not parse: ${String(error)}`);
  }
  return checkedResult(answer, expectedRecords);
}

const ALL_ACCEPTED = Buffer.from('"FailedRecordCount":0');
const SEQUENCE_NUMBER = Buffer.from('"SequenceNumber"');

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
 * A successful JSON PutRecords response. When every record was accepted the per-record results
 * are not parsed: `"FailedRecordCount":0` and `"SequenceNumber"` cannot occur inside a JSON string
 * (their quotes would be escaped), so the first followed by a non-digit, and the second once per
 * record sent, are proof enough. Anything else is parsed and checked whole.
 */
export function parsePutRecordsResponse(body: Buffer, expectedRecords: number): PutRecordsResult {
  const at = body.indexOf(ALL_ACCEPTED);
  const next = body[at + ALL_ACCEPTED.length];
  if (
    at !== -1 &&
    next !== undefined &&
    (next < 0x30 || next > 0x39) &&
    occurrences(body, SEQUENCE_NUMBER, expectedRecords) === expectedRecords
  )
    return { FailedRecordCount: 0, Records: undefined };
  return parsed(() => JSON.parse(body.toString('utf8')), expectedRecords);
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
  return parsed(() => decodeCbor(body), expectedRecords);
}

function fieldsOf(decode: () => unknown): ErrorFields {
  try {
    const fields = decode();
    return typeof fields === 'object' && fields !== null ? (fields as ErrorFields) : {};
  } catch {
    return {};
  }
}

export const wireFormats: Readonly<Record<Protocol, WireFormat>> = {
  json: {
    contentType: 'application/x-amz-json-1.1',
    partitionKey: quotedKey,
    body: putRecordsBody,
    result: parsePutRecordsResponse,
    errorFields: (body) => fieldsOf(() => JSON.parse(body.toString('utf8'))),
  },
  cbor: {
    contentType: 'application/x-amz-cbor-1.1',
    partitionKey: textItem,
    body: putRecordsCborBody,
    result: parseCborPutRecordsResponse,
    errorFields: (body) => fieldsOf(() => decodeCbor(body)),
  },
};
