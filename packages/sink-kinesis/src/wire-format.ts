import type { PutRecordsOutput } from '@aws-sdk/client-kinesis';
import { decodeCbor, failedRecordCount, textItem } from './cbor.js';
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
  /** The answer of a request that succeeded (HTTP 200). */
  result(body: Buffer): PutRecordsResult;
  /** The fields of an error answer; none when it is not in this format (a proxy's error page). */
  errorFields(body: Buffer): ErrorFields;
}

export type Protocol = 'cbor' | 'json';

const ALL_ACCEPTED = Buffer.from('"FailedRecordCount":0');

/**
 * A successful JSON PutRecords response. When every record was accepted the per-record results
 * are not needed, and the response is not parsed: `"FailedRecordCount":0` cannot occur inside a
 * JSON string (its quotes would be escaped), so finding it followed by a non-digit is proof enough.
 */
export function parsePutRecordsResponse(body: Buffer): PutRecordsResult {
  const at = body.indexOf(ALL_ACCEPTED);
  const next = body[at + ALL_ACCEPTED.length];
  if (at !== -1 && next !== undefined && (next < 0x30 || next > 0x39))
    return { FailedRecordCount: 0, Records: undefined };
  return JSON.parse(body.toString('utf8')) as PutRecordsResult;
}

/**
 * A successful CBOR PutRecords response: `FailedRecordCount` is read alone, and the per-record
 * results are decoded only when some record failed.
 */
export function parseCborPutRecordsResponse(body: Buffer): PutRecordsResult {
  if (failedRecordCount(body) === 0) return { FailedRecordCount: 0, Records: undefined };
  return decodeCbor(body) as PutRecordsResult;
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
