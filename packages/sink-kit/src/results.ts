/**
 * What sending returns: one result per item (delivered, retry, reject) or one for the whole
 * request. A sink answers with these instead of throwing, so nothing is re-classified.
 */

/** Why a request, or one item of it, was not delivered. */
export interface Failure {
  /** Retry the item (`true`) or reject it at once (`false`). */
  readonly retryable: boolean;
  /** The destination's error code, `http_<status>`, `timeout`, `connection_error:<code>`, … */
  readonly code: string;
  readonly message: string;
  /** The destination asked for less (HTTP 429, a throttling code): counted in `<prefix>_throttles_total`. */
  readonly throttled?: boolean;
  /** Counted as `component_errors_total{error_type, stage: "receiving"}` each time it happens. */
  readonly errorType?: string;
  /** The HTTP status of the answer, when there was one (`http_client_responses_total{status}`). */
  readonly status?: number;
  /**
   * Wait this long before the retry instead of the backoff (an HTTP `Retry-After`); at most the
   * retry settings' `maxBackoffMs`.
   */
  readonly retryAfterMs?: number;
  /**
   * The destination itself cannot take anything now (a missing stream or index, access denied, a
   * disabled key), whatever is sent: the items are kept and retried, without counting an attempt,
   * until it is back (or `recordTtlMs`); meanwhile one request at a time probes it, backing off.
   * `retryable` is ignored.
   */
  readonly unavailable?: boolean;
  /**
   * A whole request refused for something one of its items holds, no item named (an HTTP 400): its
   * items are sent again in two halves, down to the one at fault, which is rejected with this
   * failure. Not retried as it is, whatever `retryable` says.
   */
  readonly bisect?: boolean;
}

/**
 * What one attempt of one request reports. Every item is delivered unless `failure` (the whole
 * request) or `failures[i]` (item `i` of the request, `undefined` = delivered) says otherwise.
 */
export interface SendResult {
  /** Bytes put on the wire (`component_sent_bytes_total`). */
  readonly sentBytes?: number;
  /** The HTTP status of the answer (`http_client_responses_total{status}`, Vector's name). */
  readonly status?: number;
  /** The whole request failed: each of its items has this failure. */
  readonly failure?: Failure;
  /** Item by item, in the request's item order. */
  readonly failures?: readonly (Failure | undefined)[];
  /**
   * The destination asked for less: the adaptive concurrency shrinks. Default: a whole request
   * failed as `throttled` or timed out, or every item of it was throttled. Items throttled among
   * accepted ones are not (a hot shard or key, not a busy destination), as in Vector.
   */
  readonly backpressure?: boolean;
}

/** A whole-request failure to retry: `retry('http_503', 'unavailable', { throttled: true })`. */
export function retry(code: string, message: string, details: Partial<Failure> = {}): Failure {
  return { ...details, retryable: true, code, message };
}

/** A whole-request or item failure that is not retried. */
export function reject(code: string, message: string, details: Partial<Failure> = {}): Failure {
  return { ...details, retryable: false, code, message };
}

/** An event the sink will not send; the kit finalizes it, counts it and logs it (rate-limited). */
export interface Discard {
  readonly discard: 'dropped' | 'rejected';
  /** `component_errors_total{error_type}`: `missing_partition_key`, `record_too_large`, … */
  readonly errorType: string;
  readonly message: string;
  /** `component_errors_total{error_code}` and the rejection's code: `encode_failed`, … */
  readonly errorCode?: string;
  readonly fields?: Record<string, unknown>;
}

/** An event `prepare` refuses: rejected, counted as `errorType` (and `errorCode`, by default the same), routed. */
export function rejectEvent(errorType: string, message: string, errorCode = errorType): Discard {
  return { discard: 'rejected', errorType, errorCode, message };
}
