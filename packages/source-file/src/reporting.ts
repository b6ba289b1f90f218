import {
  type ComponentContext,
  type Counter,
  type Gauge,
  type Logger,
  type LogLevel,
  rateLimitedLog,
} from '@sluice/component-api';
import { EOF_BACKOFF_MAX_MS, type Watcher } from './watcher.js';

export interface Metrics {
  receivedBytes: Counter;
  receivedEvents: Counter;
  receivedEventBytes: Counter;
  filesAdded: Counter;
  filesResumed: Counter;
  filesUnwatchedAtEnd: Counter;
  filesUnwatchedEarly: Counter;
  filesDeleted: Counter;
  checkpoints: Counter;
  checksumErrors: Counter;
  openFiles: Gauge;
  descriptors: Gauge;
  discarded: Counter;
  errors(code: string, type: string): Counter;
  skipped(reason: string): Counter;
}

export function metricsOf(context: Pick<ComponentContext, 'metrics'>): Metrics {
  const { metrics } = context;
  const errorCounters = new Map<string, Counter>();
  const skippedCounters = new Map<string, Counter>();
  return {
    receivedBytes: metrics.counter('component_received_bytes_total', { protocol: 'file' }),
    receivedEvents: metrics.counter('component_received_events_total'),
    receivedEventBytes: metrics.counter('component_received_event_bytes_total'),
    filesAdded: metrics.counter('files_added_total'),
    filesResumed: metrics.counter('files_resumed_total'),
    filesUnwatchedAtEnd: metrics.counter('files_unwatched_total', { reached_eof: 'true' }),
    filesUnwatchedEarly: metrics.counter('files_unwatched_total', { reached_eof: 'false' }),
    filesDeleted: metrics.counter('files_deleted_total'),
    checkpoints: metrics.counter('checkpoints_total'),
    checksumErrors: metrics.counter('checksum_errors_total'),
    openFiles: metrics.gauge('open_files'),
    descriptors: metrics.gauge('open_file_descriptors'),
    discarded: metrics.counter('component_discarded_events_total', { intentional: 'true' }),
    errors(code, type) {
      let counter = errorCounters.get(code);
      if (counter === undefined) {
        counter = metrics.counter('component_errors_total', {
          error_code: code,
          error_type: type,
          stage: 'receiving',
        });
        errorCounters.set(code, counter);
      }
      return counter;
    },
    skipped(reason) {
      let counter = skippedCounters.get(reason);
      if (counter === undefined) {
        counter = metrics.counter('files_skipped_total', { reason });
        skippedCounters.set(reason, counter);
      }
      return counter;
    },
  };
}

/**
 * What the server tells the operator: its metrics, and log lines rate-limited per kind of problem;
 * problems with a path are reported once per episode (until the path is found fine, or gone).
 */
export class Reporter {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly #log: Record<string, (message: string, fields?: Record<string, unknown>) => void> = {};
  /** Paths skipped or failing, with why: reported once per episode, not every discovery. */
  readonly #reported = new Map<string, string>();

  constructor(context: Pick<ComponentContext, 'logger' | 'metrics'>) {
    this.logger = context.logger;
    this.metrics = metricsOf(context);
  }

  /** A rate-limited log line per kind of problem (`key`), whatever its details. */
  report(key: string, level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    let log = this.#log[key];
    if (log === undefined) {
      log = rateLimitedLog(this.logger, level);
      this.#log[key] = log;
    }
    log(message, fields);
  }

  reportOnce(path: string, why: string, report: () => void): void {
    if (this.#reported.get(path) === why) return;
    this.#reported.set(path, why);
    report();
  }

  /** The episode of `path` is over: a new problem with it is reported again. */
  forget(path: string): void {
    this.#reported.delete(path);
  }

  /** Forgets the paths no longer found. */
  retain(paths: ReadonlySet<string>): void {
    for (const reported of [...this.#reported.keys()])
      if (!paths.has(reported)) this.#reported.delete(reported);
  }
}

/** A read failed: reported (rate-limited), the file tried again after the longest backoff. */
export function readFailed(reporter: Reporter, watcher: Watcher, error: unknown): void {
  reporter.metrics.errors('reading', 'reader_failed').increment();
  reporter.report('read', 'error', 'failed reading file; retrying', {
    file: watcher.path,
    error: (error as Error).message,
  });
  watcher.nextPoll = Date.now() + EOF_BACKOFF_MAX_MS;
}
