/** How long to wait before attempt n + 1, as Vector's retry settings describe it. */
export interface RetrySettings {
  /** Retries after the first attempt; `Infinity` retries until the shutdown deadline. */
  readonly attempts: number;
  readonly initialBackoffMs: number;
  /** No single wait is longer. */
  readonly maxBackoffMs: number;
  /** No request is retried once this long has passed since its first attempt. */
  readonly maxDurationMs?: number;
  /** Exponential (`initial × 2^n`) or Fibonacci (Vector's default: `initial × fib(n)`). */
  readonly strategy?: 'exponential' | 'fibonacci';
  /** Full jitter draws the wait uniformly in [0, wait]; `none` waits exactly. */
  readonly jitter?: 'full' | 'none';
}

/** The wait before retry `attempt` (0 for the first retry), in milliseconds. */
export function backoffMs(
  settings: RetrySettings,
  attempt: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(attempt, 64);
  let factor: number;
  if (settings.strategy === 'fibonacci') {
    let previous = 0;
    factor = 1;
    for (let index = 0; index < step; index += 1) [previous, factor] = [factor, previous + factor];
  } else {
    factor = 2 ** step;
  }
  const wait = Math.min(settings.maxBackoffMs, settings.initialBackoffMs * factor);
  return settings.jitter === 'none' ? wait : random() * wait;
}
