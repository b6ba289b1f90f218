import { sleep } from '@sluice/component-api';

/**
 * How a request ended, for a concurrency controller that adapts to it (Vector's ARC). As in Vector,
 * where the controller wraps the retry layer, one request is observed once, retries included.
 */
export interface RequestObservation {
  /** From the start of the request to its end, retries included. */
  readonly durationMs: number;
  /**
   * `backpressure`: an attempt was throttled or timed out, the destination asks for less; `error`:
   * ended otherwise than by an answer. Only `ok` durations are round-trip time samples.
   */
  readonly outcome: 'ok' | 'backpressure' | 'error';
}

/**
 * Decides how many requests may be in flight. `fixedConcurrency` holds a fixed number;
 * `AdaptiveConcurrency` (Vector's ARC) implements the same two calls and moves its limit from what
 * `release` observes.
 */
export interface ConcurrencyLimiter {
  /** The most requests it ever lets in at once, when bounded: part of the sink's `maxHeldEvents`. */
  readonly maxConcurrency?: number;
  acquire(): Promise<void>;
  release(observation: RequestObservation): void;
}

/** At most `limit` requests in flight. */
export function fixedConcurrency(limit: number): ConcurrencyLimiter {
  let available = limit;
  const waiters: Array<() => void> = [];
  return {
    maxConcurrency: limit,
    acquire() {
      if (available > 0) {
        available -= 1;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiters.push(resolve));
    },
    release() {
      const waiter = waiters.shift();
      if (waiter !== undefined) waiter();
      else available += 1;
    },
  };
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
