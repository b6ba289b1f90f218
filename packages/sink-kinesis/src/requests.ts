import type { Failure, SendResult } from '@sluice/sink-kit';
import type { PackedRecord } from './aggregation.js';
import type { ShardAwareness } from './shard-awareness.js';
import type { PutRecordsResult, WireFormat } from './wire/format.js';

/** Record-level error codes worth retrying; others (KMS access, …) are rejected at once. */
const RETRYABLE_RECORD_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'InternalFailure',
  'KMSThrottlingException',
]);

export function isRetryableRecordError(code: string): boolean {
  return RETRYABLE_RECORD_ERRORS.has(code);
}

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'LimitExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/** A failure as the sink kit takes it; `code` is the AWS error type, `http_<status>`, `timeout` or the socket error. */
export type ErrorOutcome = Failure;

/**
 * The seed's retry policy: throttling, HTTP 429 and ≥ 500 except 501, timeouts and connection
 * errors are retried; other 4xx (validation, access denied, missing stream) are not, unless the
 * request was signed with a clock found wrong by more than the server allows (then corrected).
 */
export function classifyError(error: unknown): ErrorOutcome {
  const details = error as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
  };
  const message = error instanceof Error ? error.message : String(error);
  const name = details.name ?? 'Error';
  const status = details.$metadata?.httpStatusCode;
  if (name === 'TimeoutError') return { retryable: true, throttled: false, code: 'timeout', message };
  if (name === 'InvalidResponseError')
    return {
      retryable: true,
      throttled: false,
      code: 'invalid_response',
      message,
      errorType: 'invalid_response',
    };
  // Signed with a clock the server's `Date` has just corrected: the next attempt is signed right.
  const answered = status === undefined ? {} : { status };
  if (details.$metadata?.clockSkewCorrected === true)
    return { retryable: true, throttled: false, code: name, message, ...answered };
  // The stream is changing (resharding): passes, and the shard map is read again meanwhile.
  if (name === 'ResourceInUseException')
    return { retryable: true, throttled: false, code: name, message, ...answered };
  if (THROTTLING.has(name) || status === 429)
    return { retryable: true, throttled: true, code: name, message, ...answered };
  if (status !== undefined) {
    if (status >= 500 && status !== 501)
      return { retryable: true, throttled: false, code: name, message, status };
    return {
      retryable: false,
      throttled: false,
      code: name === 'Error' ? `http_${status}` : name,
      message,
      status,
    };
  }
  // No HTTP status: the request never got an answer (reset, refused, DNS, socket hang up).
  const code = details.code ?? name;
  // Out of file descriptors: passes when other connections close, so it is retried like a reset.
  if (code === 'EMFILE' || code === 'ENFILE') return { retryable: true, throttled: false, code, message };
  return { retryable: true, throttled: false, code: `connection_error:${code}`, message };
}

/** One PutRecords call of these records; failures by record. */
export type PutRecords = (records: readonly PackedRecord[], signal: AbortSignal) => Promise<SendResult>;

/** Failures of a partial PutRecords answer, as the sink's `request_retry_partial` treats them. */
function recordFailure(code: string, message: string, retryPartial: boolean): Failure {
  const retryable = retryPartial && isRetryableRecordError(code);
  return { retryable, throttled: code === 'ProvisionedThroughputExceededException', code, message };
}

/**
 * One PutRecords call of `records`: a record's failure is each of its events' failure. Shard
 * awareness reads each answer (throttled shards slow down) and learns of a reshard.
 */
export function putRecordsOf(
  streamName: string,
  format: WireFormat,
  putRecords: (body: Uint8Array, records: number, signal: AbortSignal) => Promise<PutRecordsResult>,
  shards: ShardAwareness | undefined,
  retryPartial: boolean,
): PutRecords {
  return async (records, signal) => {
    const body = format.body(streamName, records);
    let response: PutRecordsResult;
    try {
      response = await putRecords(body, records.length, signal);
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceInUseException') shards?.stale();
      throw error; // the kit tells a timeout and the shutdown deadline apart, then `classifyError`
    }
    shards?.observe(records, response.Records);
    const failures =
      response.FailedRecordCount === 0
        ? undefined
        : records.map((_, index): Failure | undefined => {
            const result = response.Records?.[index];
            const code = result?.ErrorCode;
            if (code === undefined || code === null) return undefined;
            return recordFailure(code, result?.ErrorMessage ?? code, retryPartial);
          });
    return failures === undefined
      ? { sentBytes: body.length, status: 200 }
      : { sentBytes: body.length, failures, status: 200 };
  };
}
