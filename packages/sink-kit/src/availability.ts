import { type ComponentContext, rateLimitedLog } from '@sluice/component-api';
import type { Failure } from './results.js';
import { backoffMs, type RetrySettings } from './retry.js';

/** An unavailable destination is logged at most this often (its state is always in the gauge). */
const UNAVAILABLE_LOG_INTERVAL_MS = 60_000;

/**
 * Whether the destination itself can take anything: a failure marked `unavailable` (a missing
 * stream or index, access denied, a disabled key) says it cannot, whatever is sent. Then nothing
 * is rejected for it: sending pauses, growing from the first backoff to the longest, and one
 * request at a time probes it; the first answer that is not `unavailable` ends it.
 * `<prefix>_destination_unavailable` is 1 meanwhile; an error is logged once a minute.
 */
export class Availability {
  readonly #retry: RetrySettings;
  readonly #gauge: { set(value: number): void };
  readonly #logError: ReturnType<typeof rateLimitedLog>;
  readonly #logger: ComponentContext['logger'];
  /** Unavailable answers in a row. */
  #streak = 0;
  #since = 0;
  #pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(context: ComponentContext, prefix: string, retry: RetrySettings) {
    this.#retry = retry;
    this.#gauge = context.metrics.gauge(`${prefix}_destination_unavailable`);
    this.#gauge.set(0);
    this.#logger = context.logger;
    this.#logError = rateLimitedLog(context.logger, 'error', UNAVAILABLE_LOG_INTERVAL_MS);
  }

  get unavailable(): boolean {
    return this.#streak > 0;
  }

  /** Milliseconds until the next probe may go (0 when available or due). */
  waitMs(now: number): number {
    return this.#streak === 0 ? 0 : Math.max(0, this.#pausedUntil - now);
  }

  /** An `unavailable` answer: the wait before the next probe, which `held` events wait too. */
  down(failure: Failure, now: number, held: number): number {
    // Requests sent before the pause began come back during it: the same pause, not a longer one.
    if (this.#streak > 0 && now < this.#pausedUntil) return this.#pausedUntil - now;
    if (this.#streak === 0) this.#since = now;
    const wait = Math.max(
      backoffMs({ ...this.#retry, jitter: 'none' }, this.#streak),
      Math.min(failure.retryAfterMs ?? 0, this.#retry.maxBackoffMs),
    );
    this.#streak += 1;
    this.#pausedUntil = now + wait;
    this.#gauge.set(1);
    this.#logError('the destination is unavailable: events are kept and retried, none rejected for it', {
      error_code: failure.code,
      error: failure.message,
      events_held: held,
      unavailable_for_secs: Math.round((now - this.#since) / 1000),
      next_attempt_in_secs: Math.round(wait / 100) / 10,
    });
    return wait;
  }

  /** Any other answer: the destination is back. */
  up(now: number): void {
    if (this.#streak === 0) return;
    this.#streak = 0;
    this.#gauge.set(0);
    this.#logger.info('the destination is available again', {
      unavailable_for_secs: Math.round((now - this.#since) / 1000),
    });
  }
}
