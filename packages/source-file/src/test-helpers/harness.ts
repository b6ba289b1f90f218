import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Batch, DeliveryStatus, LogEvent, Source } from '@sluice/component-api';
import { type Counter, finalizeEvents, type Gauge, type MetricLabels } from '@sluice/component-api';
import { createTestContext, RecordingLogger, RecordingMetrics } from '@sluice/testkit';
import { createFileSource, type FileSourceHooks, type FileSourceOptions } from '../file-source.js';

/** Wakes the waiters of `until` whenever something observable changed (an emit, a metric, a log line). */
class Changes {
  readonly #waiters = new Set<() => void>();
  failure: unknown;
  notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
  fail(error: unknown): void {
    this.failure = error;
    this.notify();
  }
  /** Resolves once `condition` holds, checking it at every change (no polling, no sleep). */
  until(condition: () => boolean, what: string | (() => string), timeoutMs = 15_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure !== undefined) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          reject(this.failure);
          return;
        }
        if (!condition()) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }
}

/** Recording metrics that report every update. */
class NotifyingMetrics extends RecordingMetrics {
  constructor(
    readonly changes: Changes,
    values: Map<string, number> = new Map(),
  ) {
    super({}, values);
  }
  override counter(name: string, labels?: MetricLabels): Counter {
    const counter = super.counter(name, labels);
    return {
      increment: (value) => {
        counter.increment(value);
        this.changes.notify();
      },
    };
  }
  override gauge(name: string, labels?: MetricLabels): Gauge {
    const gauge = super.gauge(name, labels);
    return {
      set: (value) => {
        gauge.set(value);
        this.changes.notify();
      },
      increment: (value) => {
        gauge.increment(value);
        this.changes.notify();
      },
      decrement: (value) => {
        gauge.decrement(value);
        this.changes.notify();
      },
    };
  }
}

class NotifyingLogger extends RecordingLogger {
  constructor(readonly changes: Changes) {
    super();
    const records = this.records;
    const push = records.push.bind(records);
    records.push = (...items) => {
      const length = push(...items);
      changes.notify();
      return length;
    };
  }
}

export interface RunningSource {
  /** Resolves once created (its checkpoint directory locked). */
  source: Promise<Source>;
  events: LogEvent[];
  metrics: RecordingMetrics;
  logger: RecordingLogger;
  /** Resolves once `condition` holds (checked at every emit, metric update and log line). */
  until(condition: () => boolean, what?: string, timeoutMs?: number): Promise<void>;
  /** Resolves once `count` events were received. */
  received(count: number): Promise<void>;
  messages(): string[];
  /** Settles every event received and not yet settled (manual mode). */
  settle(status?: DeliveryStatus): void;
  /** Stops the source (abort, then close: the final checkpoints are written). */
  stop(): Promise<void>;
}

/** A scratch directory with `logs/` (the files) and `data/` (data_dir), removed by `cleanup`. */
export class Scratch {
  readonly root = mkdtempSync(join(tmpdir(), 'sluice-file-source-'));
  readonly logs = join(this.root, 'logs');
  readonly data = join(this.root, 'data');
  readonly #running: RunningSource[] = [];

  constructor() {
    mkdirSync(this.logs);
    mkdirSync(this.data);
  }

  path(name: string): string {
    return join(this.logs, name);
  }

  /** The checkpoint file's text (what a restart would read). */
  checkpoints(id = 'files'): string {
    return readFileSync(join(this.data, id, 'checkpoints.sluice'), 'utf8');
  }

  /**
   * Starts a file source over `logs/`. `settle: 'auto'` finalizes every batch as delivered when it
   * is emitted (a sink that delivers at once); `'manual'` leaves it to the test (`settle()`).
   */
  start(
    options: Partial<FileSourceOptions> = {},
    settings: { settle?: 'auto' | 'manual'; id?: string; hooks?: FileSourceHooks } = {},
  ): RunningSource {
    const changes = new Changes();
    const metrics = new NotifyingMetrics(changes);
    const logger = new NotifyingLogger(changes);
    const context = createTestContext({ id: settings.id ?? 'files', dataDir: this.data, logger, metrics });
    const created = createFileSource(
      sourceOptions({ include: [join(this.logs, '*.log')], ...options }),
      context,
      settings.hooks,
    );
    const events: LogEvent[] = [];
    const unsettled: Batch[] = [];
    const controller = new AbortController();
    const run = created.then((source) =>
      source.run(async (batch) => {
        events.push(...batch);
        if (settings.settle === 'manual') unsettled.push(batch);
        else finalizeEvents(batch, 'delivered');
        changes.notify();
      }, controller.signal),
    );
    run.catch((error: unknown) => changes.fail(error));
    let stopped: Promise<void> | undefined;
    const running: RunningSource = {
      source: created,
      events,
      metrics,
      logger,
      until: (condition, what = 'a condition', timeoutMs) => changes.until(condition, what, timeoutMs),
      received: (count) =>
        changes.until(() => events.length >= count, `${count} events (got ${events.length})`),
      messages: () => events.map((event) => String(event.fields.message)),
      settle: (status = 'delivered') => {
        for (const batch of unsettled.splice(0)) finalizeEvents(batch, status);
      },
      stop: () => {
        stopped ??= (async () => {
          controller.abort();
          await run;
          await (await created).close?.();
        })();
        return stopped;
      },
    };
    this.#running.push(running);
    return running;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.#running.splice(0).map((running) => running.stop()));
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The options core would pass (schema defaults applied), with a short glob cooldown for tests. */
export function sourceOptions(
  options: Partial<FileSourceOptions> & Pick<FileSourceOptions, 'include'>,
): FileSourceOptions {
  return {
    exclude: [],
    file_key: 'file',
    read_from: 'beginning',
    max_line_bytes: 102_400,
    max_read_bytes: 2048,
    line_delimiter: '\n',
    glob_minimum_cooldown_ms: 20,
    ignore_not_found: false,
    multi_line_timeout: 1000,
    oldest_first: false,
    ...options,
  };
}

/** `count` numbered lines `prefix n`, each ended by a newline. */
export function numbered(prefix: string, from: number, count: number): string {
  let text = '';
  for (let index = from; index < from + count; index += 1) text += `${prefix} ${index}\n`;
  return text;
}
