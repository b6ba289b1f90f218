import { sleep } from '@sluice/component-api';

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

export interface ErrorOutcome {
  retryable: boolean;
  throttled: boolean;
  /** Error code for metrics: the AWS error type, `http_<status>`, `timeout` or the socket error. */
  code: string;
  message: string;
}

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
    return { retryable: true, throttled: false, code: 'invalid_response', message };
  // Signed with a clock the server's `Date` has just corrected: the next attempt is signed right.
  if (details.$metadata?.clockSkewCorrected === true)
    return { retryable: true, throttled: false, code: name, message };
  if (THROTTLING.has(name) || status === 429)
    return { retryable: true, throttled: true, code: name, message };
  if (status !== undefined) {
    if (status >= 500 && status !== 501) return { retryable: true, throttled: false, code: name, message };
    return { retryable: false, throttled: false, code: name === 'Error' ? `http_${status}` : name, message };
  }
  // No HTTP status: the request never got an answer (reset, refused, DNS, socket hang up).
  const code = details.code ?? name;
  // Out of file descriptors: passes when other connections close, so it is retried like a reset.
  if (code === 'EMFILE' || code === 'ENFILE') return { retryable: true, throttled: false, code, message };
  return { retryable: true, throttled: false, code: `connection_error:${code}`, message };
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, initial × 2^attempt)]. */
export function backoffMs(
  attempt: number,
  initialMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  return random() * Math.min(capMs, initialMs * 2 ** Math.min(attempt, 30));
}

/** At most `limit` holders at once (requests in flight). */
export class Semaphore {
  #available: number;
  readonly #waiters: Array<() => void> = [];

  constructor(limit: number) {
    this.#available = limit;
  }

  acquire(): Promise<void> {
    if (this.#available > 0) {
      this.#available -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter();
    else this.#available += 1;
  }
}

/** At most `limit` requests started in any window of `windowMs` (a sliding log of start times). */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #starts: number[] = [];
  #queue: Promise<void> = Promise.resolve();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  acquire(signal: AbortSignal): Promise<void> {
    const turn = this.#queue.then(async () => {
      for (;;) {
        const now = performance.now();
        while (this.#starts.length > 0 && (this.#starts[0] as number) <= now - this.#windowMs)
          this.#starts.shift();
        if (this.#starts.length < this.#limit || signal.aborted) break;
        await sleep((this.#starts[0] as number) + this.#windowMs - now, signal);
      }
      this.#starts.push(performance.now());
    });
    this.#queue = turn;
    return turn;
  }
}
