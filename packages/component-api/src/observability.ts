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

/**
 * A log line that is written at most once per `intervalMs`; the next one says how many were
 * suppressed in between. For per-event problems (over-long lines, missing partition keys, …).
 */
export function rateLimitedLog(
  logger: Logger,
  level: LogLevel,
  intervalMs = 10_000,
  now: () => number = Date.now,
): (message: string, fields?: Record<string, unknown>) => void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (message, fields) => {
    const time = now();
    if (time - lastLoggedAt < intervalMs) {
      suppressed += 1;
      return;
    }
    lastLoggedAt = time;
    const extra = suppressed > 0 ? { ...fields, suppressed } : fields;
    suppressed = 0;
    logger[level](message, extra);
  };
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
