/** Structured logging. Fields are merged into the log record; never put secrets in them. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type MetricLabels = Readonly<Record<string, string>>;

export interface Counter {
  increment(value?: number): void;
}

export interface Gauge {
  set(value: number): void;
  increment(value?: number): void;
  decrement(value?: number): void;
}

export interface Histogram {
  observe(value: number): void;
}

/**
 * Metrics of one component. Every handle already carries the component's labels (`component_id`,
 * `component_kind`, `component_type`, or `buffer_id` and `stage` for a buffer stage). Take handles
 * once at start and count per batch: the hot path never pays a lookup per event.
 */
export interface ComponentMetrics {
  counter(name: string, labels?: MetricLabels): Counter;
  gauge(name: string, labels?: MetricLabels): Gauge;
  histogram(name: string, labels?: MetricLabels): Histogram;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Vector's default window (`--internal-log-rate-limit`, 10 s). */
export const LOG_RATE_LIMIT_MS = 10_000;

export interface LogRateLimitOptions {
  /** The window: a key's first line in it is written, the rest counted (default 10 s). */
  intervalMs?: number;
  now?: () => number;
  /** How the count names the lines it stands for: "identical" (default) or "similar". */
  alike?: string;
}

interface Window {
  start: number;
  suppressed: number;
  /** Writes the count with the last suppressed line. */
  report?: (suppressed: number) => void;
  timer?: NodeJS.Timeout;
}

/**
 * The one rate limiter of log lines: per key, the first line of each window is written and the
 * rest are counted; the count is reported once, at the end of the window (or with the next line
 * written, or at `flush`), so a burst never floods and never goes unmentioned.
 */
export class LogRateLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #alike: string;

  constructor(options: LogRateLimitOptions = {}) {
    this.#alike = options.alike ?? 'identical';
    this.#intervalMs = options.intervalMs ?? LOG_RATE_LIMIT_MS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Writes the line through `write` unless a line with the same `key` was written in this window;
   * then it is counted, and the count is written with the last such line at the end of the window.
   */
  write(
    key: string,
    message: string,
    fields: Record<string, unknown> | undefined,
    write: (message: string, fields?: Record<string, unknown>) => void,
  ): void {
    const withCount = (suppressed: number) =>
      write(`${message}${suppressedNote(suppressed, this.#alike)}`, { ...fields, suppressed });
    const time = this.#now();
    const window = this.#windows.get(key);
    if (window !== undefined && time - window.start < this.#intervalMs) {
      window.suppressed += 1;
      window.report = withCount;
      if (window.timer === undefined) {
        window.timer = setTimeout(() => this.#report(key), window.start + this.#intervalMs - time);
        window.timer.unref();
      }
      return;
    }
    clearTimeout(window?.timer);
    this.#windows.set(key, { start: time, suppressed: 0 });
    if (this.#windows.size > 1000) this.#prune(time);
    if (window !== undefined && window.suppressed > 0) withCount(window.suppressed);
    else write(message, fields);
  }

  /** Reports every pending count now (before the process exits). */
  flush(): void {
    for (const key of [...this.#windows.keys()]) this.#report(key);
  }

  #report(key: string): void {
    const window = this.#windows.get(key);
    if (window === undefined) return;
    clearTimeout(window.timer);
    this.#windows.delete(key);
    if (window.suppressed > 0) window.report?.(window.suppressed);
  }

  /** Unique lines (with ids or counts in them) must not grow the map forever. */
  #prune(time: number): void {
    for (const [key, window] of this.#windows) {
      if (window.suppressed === 0 && time - window.start >= this.#intervalMs) this.#windows.delete(key);
    }
  }
}

/** The text added to a line that stands for `suppressed` identical ones. */
export function suppressedNote(suppressed: number, alike = 'identical'): string {
  return ` (${suppressed} ${alike} ${suppressed === 1 ? 'message' : 'messages'} suppressed)`;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * A logger whose children rate-limit identical lines: same level, same component bindings, same
 * message text (fields may differ). The process logger is wrapped once, so every component's
 * `context.logger` (a child) is limited without doing anything. The process's own lines, written
 * by the logger itself, are never limited nor merged: they say what the operator did and what it
 * changed (a reload, a signal, a shutdown, a config error), each one counts, and they are few.
 */
export function rateLimitLogger(
  logger: Logger,
  options: LogRateLimitOptions = {},
): Logger & { flush(): void } {
  const limiter = new LogRateLimiter(options);
  const wrap = (target: Logger, scope: string): Logger => {
    const limited = {} as Logger;
    for (const level of LEVELS) {
      limited[level] = (message, fields) =>
        limiter.write(`${level}\u0000${scope}\u0000${message}`, message, fields, (text, extra) =>
          target[level](text, extra),
        );
    }
    limited.child = (bindings) => wrap(target.child(bindings), `${scope}${JSON.stringify(bindings)}`);
    return limited;
  };
  return {
    debug: (message, fields) => logger.debug(message, fields),
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => logger.warn(message, fields),
    error: (message, fields) => logger.error(message, fields),
    child: (bindings) => wrap(logger.child(bindings), JSON.stringify(bindings)),
    flush: () => limiter.flush(),
  };
}

/**
 * A log line for one kind of problem (whatever its text): written at most once per `intervalMs`,
 * the rest counted and reported as `suppressed`. For per-event problems whose message carries
 * varying details (over-long lines, missing partition keys, …).
 */
export function rateLimitedLog(
  logger: Logger,
  level: LogLevel,
  intervalMs = LOG_RATE_LIMIT_MS,
  now: () => number = Date.now,
): (message: string, fields?: Record<string, unknown>) => void {
  const limiter = new LogRateLimiter({ intervalMs, now, alike: 'similar' });
  return (message, fields) => limiter.write('', message, fields, (text, extra) => logger[level](text, extra));
}

/**
 * `rateLimitedLog` for problems that carry an error code (rejections): lines of different
 * `fields.error_code` are limited apart, so a "N similar messages suppressed" count never stands
 * for lines of another code.
 */
export function rateLimitedLogPerCode(
  logger: Logger,
  level: LogLevel,
  intervalMs = LOG_RATE_LIMIT_MS,
  now: () => number = Date.now,
): (message: string, fields?: Record<string, unknown>) => void {
  const limiter = new LogRateLimiter({ intervalMs, now, alike: 'similar' });
  return (message, fields) =>
    limiter.write(String(fields?.error_code ?? ''), message, fields, (text, extra) =>
      logger[level](text, extra),
    );
}

/** A logger that writes nothing, for tests and tools. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
