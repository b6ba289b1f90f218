import type {
  BufferContext,
  ComponentContext,
  ComponentMetrics,
  Counter,
  Gauge,
  Histogram,
  Logger,
  MetricLabels,
} from '@sluice/component-api';

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps every record, for assertions. */
export class RecordingLogger implements Logger {
  readonly records: LogRecord[];
  readonly #bindings: Record<string, unknown>;

  constructor(records: LogRecord[] = [], bindings: Record<string, unknown> = {}) {
    this.records = records;
    this.#bindings = bindings;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.#record('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.#record('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.#record('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.#record('error', message, fields);
  }
  child(bindings: Record<string, unknown>): Logger {
    return new RecordingLogger(this.records, { ...this.#bindings, ...bindings });
  }

  /** The records at `level` (all levels when omitted) whose message contains `text`. */
  find(text: string, level?: LogRecord['level']): LogRecord[] {
    return this.records.filter(
      (record) => record.message.includes(text) && (level === undefined || record.level === level),
    );
  }

  #record(level: LogRecord['level'], message: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level, message, fields: { ...this.#bindings, ...fields } });
  }
}

/** Metrics kept in plain maps, keyed by `name{label="value",…}` (labels sorted), for assertions. */
export class RecordingMetrics implements ComponentMetrics {
  readonly values: Map<string, number>;
  readonly #labels: MetricLabels;

  constructor(labels: MetricLabels = {}, values: Map<string, number> = new Map()) {
    this.#labels = labels;
    this.values = values;
  }

  /** A view whose handles all carry `labels` too, sharing the same values. */
  withLabels(labels: MetricLabels): RecordingMetrics {
    return new RecordingMetrics({ ...this.#labels, ...labels }, this.values);
  }

  counter(name: string, labels: MetricLabels = {}): Counter {
    const key = metricKey(name, { ...this.#labels, ...labels });
    return {
      increment: (value = 1) => {
        this.values.set(key, (this.values.get(key) ?? 0) + value);
      },
    };
  }

  gauge(name: string, labels: MetricLabels = {}): Gauge {
    const key = metricKey(name, { ...this.#labels, ...labels });
    return {
      set: (value) => {
        this.values.set(key, value);
      },
      increment: (value = 1) => {
        this.values.set(key, (this.values.get(key) ?? 0) + value);
      },
      decrement: (value = 1) => {
        this.values.set(key, (this.values.get(key) ?? 0) - value);
      },
    };
  }

  histogram(name: string, labels: MetricLabels = {}): Histogram {
    const countKey = metricKey(`${name}_count`, { ...this.#labels, ...labels });
    const sumKey = metricKey(`${name}_sum`, { ...this.#labels, ...labels });
    return {
      observe: (value) => {
        this.values.set(countKey, (this.values.get(countKey) ?? 0) + 1);
        this.values.set(sumKey, (this.values.get(sumKey) ?? 0) + value);
      },
    };
  }

  /**
   * The sum of every series of `name` whose labels include `labels` (the view's own labels are not
   * implied), 0 when none.
   */
  total(name: string, labels: MetricLabels = {}): number {
    let sum = 0;
    for (const [key, value] of this.values) {
      const parsed = parseMetricKey(key);
      if (parsed.name !== name) continue;
      if (Object.entries(labels).every(([label, expected]) => parsed.labels[label] === expected))
        sum += value;
    }
    return sum;
  }
}

export function metricKey(name: string, labels: MetricLabels): string {
  const entries = Object.entries(labels).sort(([first], [second]) => first.localeCompare(second));
  if (entries.length === 0) return name;
  return `${name}{${entries.map(([label, value]) => `${label}="${value}"`).join(',')}}`;
}

function parseMetricKey(key: string): { name: string; labels: Record<string, string> } {
  const brace = key.indexOf('{');
  if (brace === -1) return { name: key, labels: {} };
  const labels: Record<string, string> = {};
  for (const match of key.slice(brace + 1, -1).matchAll(/([^=,]+)="([^"]*)"/g)) {
    labels[match[1] as string] = match[2] as string;
  }
  return { name: key.slice(0, brace), labels };
}

export interface TestComponentContext extends ComponentContext {
  logger: RecordingLogger;
  metrics: RecordingMetrics;
  /** Aborts `signal`, as the runtime does when it gives up on the component. */
  abort(): void;
}

/** A component context for tests: recording logger and metrics, an abortable signal. */
export function createTestContext(
  overrides: Partial<Omit<ComponentContext, 'signal'>> = {},
): TestComponentContext {
  const controller = new AbortController();
  return {
    id: 'test_component',
    dataDir: undefined,
    acknowledgements: false,
    ...overrides,
    logger: overrides.logger instanceof RecordingLogger ? overrides.logger : new RecordingLogger(),
    metrics: overrides.metrics instanceof RecordingMetrics ? overrides.metrics : new RecordingMetrics(),
    signal: controller.signal,
    abort: () => controller.abort(),
  };
}

export interface TestBufferContext extends BufferContext {
  logger: RecordingLogger;
  metrics: RecordingMetrics;
  abort(): void;
}

/** A buffer stage context for tests. */
export function createTestBufferContext(
  overrides: Partial<Omit<BufferContext, 'signal'>> = {},
): TestBufferContext {
  const controller = new AbortController();
  return {
    sinkId: 'test_sink',
    stageIndex: 0,
    dataDir: undefined,
    ...overrides,
    logger: overrides.logger instanceof RecordingLogger ? overrides.logger : new RecordingLogger(),
    metrics: overrides.metrics instanceof RecordingMetrics ? overrides.metrics : new RecordingMetrics(),
    signal: controller.signal,
    abort: () => controller.abort(),
  };
}
