import type { Failure, SendResult } from '@sluice/sink-kit';
import type { PackedRecord } from './aggregation.js';
import type { PutRecordsCall } from './put-records.js';
import type { ShardAwareness } from './shard-awareness.js';
import type { StreamReference } from './shards.js';
import type { StreamWatch } from './stream.js';
import type { PutRecordsAnswer, WireFormat } from './wire/format.js';

/** Record-level error codes worth retrying. */
const RETRYABLE_RECORD_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'InternalFailure',
  'KMSThrottlingException',
]);

/** Record-level throttles: the shard, or the stream's KMS key, asks for less. */
const THROTTLED_RECORD_ERRORS = new Set(['ProvisionedThroughputExceededException', 'KMSThrottlingException']);

/**
 * The destination cannot take anything, whatever is sent: the stream is missing (deleted, not yet
 * re-created), access to it or to its KMS key is denied, the key is disabled, missing or pending
 * deletion. Its events are kept and retried until it is back (the kit's `unavailable`).
 */
const DESTINATION_DOWN = new Set([
  'AccessDeniedException',
  'ResourceNotFoundException',
  'KMSAccessDeniedException',
  'KMSDisabledException',
  'KMSInvalidStateException',
  'KMSNotFoundException',
  'KMSOptInRequired',
  'KMSOptInRequiredException',
  // Credentials refreshed three times and still refused: keys that do not work here.
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidSignatureException',
  'UnrecognizedClientException',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'InvalidClientTokenId',
  // No credentials could be loaded (none configured, an unreachable IMDS): nothing can be signed.
  'CredentialsProviderError',
]);

/** Throttling answered for the whole request. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'LimitExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'KMSThrottlingException',
]);

/** Passes with time or a retry signed again: the stream changing, a request that arrived too late. */
const TRANSIENT = new Set([
  'ResourceInUseException',
  'RequestExpired',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** How a record's error code is treated; `retryPartial` false (request_retry_partial) rejects what is not the destination's fault. */
export function recordFailure(code: string, message: string, retryPartial: boolean): Failure {
  if (DESTINATION_DOWN.has(code)) return { retryable: true, unavailable: true, code, message };
  return {
    retryable: retryPartial && RETRYABLE_RECORD_ERRORS.has(code),
    throttled: THROTTLED_RECORD_ERRORS.has(code),
    code,
    message,
  };
}

/**
 * A failed PutRecords as the service means it. Retried: throttling (and HTTP 429), HTTP ≥ 500 but
 * 501, timeouts, connections that got no answer, `ResourceInUseException` (resharding),
 * `RequestExpired`, a request signed with a clock the server's `Date` has just corrected, and an
 * expired or refused token just refreshed. The destination down (a missing stream, access denied,
 * KMS access, credentials that do not work after their refreshes): kept, not rejected (the kit's
 * `unavailable`). Anything else refused as a whole (a 400 `ValidationException`, …) is about one
 * of its records: bisected down to it (the kit's `bisect`), and only that record is rejected.
 */
export function classifyError(error: unknown): Failure {
  const details = error as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean; credentialsRefreshed?: boolean };
  };
  const message = error instanceof Error ? error.message : String(error);
  const name = details.name ?? 'Error';
  const status = details.$metadata?.httpStatusCode;
  if (name === 'TimeoutError') return { retryable: true, throttled: false, code: 'timeout', message };
  if (name === 'InvalidResponseError')
    return { retryable: true, code: 'invalid_response', message, errorType: 'invalid_response' };
  const answered = status === undefined ? {} : { status };
  if (details.$metadata?.clockSkewCorrected === true || details.$metadata?.credentialsRefreshed === true)
    return { retryable: true, code: name, message, ...answered };
  if (TRANSIENT.has(name)) return { retryable: true, code: name, message, ...answered };
  if (THROTTLING.has(name) || status === 429)
    return { retryable: true, throttled: true, code: name, message, ...answered };
  if (DESTINATION_DOWN.has(name) || status === 401 || status === 403 || status === 404)
    return {
      retryable: true,
      unavailable: true,
      code: name === 'Error' ? `http_${status}` : name,
      message,
      ...answered,
    };
  if (status !== undefined) {
    if (status >= 500 && status !== 501) return { retryable: true, code: name, message, status };
    const code = name === 'Error' ? `http_${status}` : name;
    // 501: the endpoint does not do PutRecords at all (the seed: not retried).
    if (status === 501) return { retryable: false, code, message, status };
    return { retryable: false, bisect: true, code, message, status };
  }
  // No HTTP status: the request never got an answer (reset, refused, DNS, socket hang up).
  const code = details.code ?? name;
  // Out of file descriptors: passes when other connections close, so it is retried like a reset.
  if (code === 'EMFILE' || code === 'ENFILE') return { retryable: true, code, message };
  return { retryable: true, code: `connection_error:${code}`, message };
}

/** One PutRecords call of these records: the answer, and what the kit needs of it. */
export type PutRecords = (
  records: readonly PackedRecord[],
  signal: AbortSignal,
) => Promise<{ result: SendResult; answer: PutRecordsAnswer | undefined }>;

/**
 * One PutRecords call of `records`: failures by record. Shard awareness learns of throttled
 * shards; an answer naming a shard the map does not know (a split) or `ResourceInUseException`
 * has the stream read again within a second.
 */
export function putRecordsOf(
  stream: StreamReference,
  format: WireFormat,
  call: PutRecordsCall,
  watch: StreamWatch,
  shards: ShardAwareness | undefined,
  retryPartial: boolean,
): PutRecords {
  return async (records, signal) => {
    const body = format.body(stream, records);
    let answer: PutRecordsAnswer;
    try {
      answer = await call(body, records, signal);
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceInUseException') watch.stale();
      throw error; // the kit tells a timeout and the shutdown deadline apart, then `classifyError`
    }
    const { errors, elsewhere } = answer;
    if (elsewhere.length > 0) watch.stale();
    if (errors.length === 0) return { result: { sentBytes: body.length, status: 200 }, answer };
    shards?.throttled(records, errors);
    const failures = new Array<Failure | undefined>(records.length);
    for (const error of errors)
      failures[error.index] = recordFailure(error.code, error.message, retryPartial);
    return { result: { sentBytes: body.length, failures, status: 200 }, answer };
  };
}
