import {
  type Batch,
  type BufferStage,
  byteSizeOf,
  type ComponentMetrics,
  type Counter,
  finalizeEvents,
  type Gauge,
  type Logger,
  rateLimitedLog,
  type WhenFull,
} from '@sluice/component-api';

/**
 * What a finished wait for data is aborted with. `abort()` without a reason makes a DOMException,
 * with its stack, and a reader that keeps up with its writer waits once per batch.
 */
const WAIT_OVER = Symbol('wait over');

/** Metrics of one stage, taken once so the hot path only calls handles. */
interface StageMetrics {
  receivedEvents: Counter;
  receivedBytes: Counter;
  sentEvents: Counter;
  sentBytes: Counter;
  discarded: Counter;
  lost: Counter;
  writeFailed: Counter;
  sizeEvents: Gauge;
  sizeBytes: Gauge;
}

export interface ChainStage {
  stage: BufferStage;
  whenFull: WhenFull;
  metrics?: ComponentMetrics;
}

export interface BufferChainOptions {
  /** Events read at most per batch handed to the consumer. */
  readBatchSize?: number;
  /** Counts what `drop_newest` drops (the sink's component_discarded_events_total). */
  onDropped?: (count: number) => void;
  logger?: Logger;
  /** Aborted when the runtime gives up: blocked writers stop waiting and their events are rejected. */
  signal: AbortSignal;
}

/**
 * The buffer in front of a sink (and, with one small blocking memory stage, the channel in front of
 * a transform): stages first to last, `when_full` applied the same way for every stage type.
 *
 * Order: while a later stage holds unread events, new writes go to the last such stage, so every
 * event in stage i is older than every event in stage i+1; the reader drains stage 0 first, then
 * stage 1, … Events therefore leave in the order they were written, and under normal load (stage
 * 0 never full) nothing reaches a later stage.
 */
export class BufferChain {
  readonly #stages: readonly ChainStage[];
  readonly #metrics: Array<StageMetrics | undefined>;
  readonly #readBatchSize: number;
  #options: BufferChainOptions;
  #producers = 0;
  /** Bumped to end the current reader (a reload hands the chain to the next sink's reader). */
  #readerGeneration = 0;
  /** A stage read in progress: a detached reader has finished once it settles. */
  #reading: Promise<unknown> = Promise.resolve();
  #closed = false;
  #closedWaiters: Array<() => void> = [];
  #writeQueue: Promise<void> = Promise.resolve();
  #dropping = false;
  readonly #logLoss: (message: string, fields?: Record<string, unknown>) => void;
  #droppedInEpisode = 0;

  constructor(stages: readonly ChainStage[], options: BufferChainOptions) {
    this.#stages = stages;
    this.#options = options;
    const logger = options.logger;
    this.#logLoss = logger === undefined ? () => {} : rateLimitedLog(logger, 'error');
    this.#readBatchSize = options.readBatchSize ?? 1000;
    this.#metrics = stages.map(({ stage, metrics }) => {
      if (metrics === undefined) return undefined;
      const usage = stage.usage();
      if (usage.maxEvents !== undefined) metrics.gauge('buffer_max_size_events').set(usage.maxEvents);
      if (usage.maxBytes !== undefined) metrics.gauge('buffer_max_size_bytes').set(usage.maxBytes);
      return {
        receivedEvents: metrics.counter('buffer_received_events_total'),
        receivedBytes: metrics.counter('buffer_received_bytes_total'),
        sentEvents: metrics.counter('buffer_sent_events_total'),
        sentBytes: metrics.counter('buffer_sent_bytes_total'),
        discarded: metrics.counter('buffer_discarded_events_total', { intentional: 'true' }),
        lost: metrics.counter('buffer_discarded_events_total', { intentional: 'false' }),
        writeFailed: metrics.counter('buffer_errors_total', { error_code: 'write_failed' }),
        sizeEvents: metrics.gauge('buffer_size_events'),
        sizeBytes: metrics.gauge('buffer_size_bytes'),
      };
    });
  }

  /** The stages, first to last. */
  get stages(): readonly BufferStage[] {
    return this.#stages.map(({ stage }) => stage);
  }

  /** Events written and not yet read, over every stage. */
  get unreadEvents(): number {
    let total = 0;
    for (const { stage } of this.#stages) total += stage.unreadEvents;
    return total;
  }

  /** One more component feeds this chain; each calls `producerDone` once when it has finished. */
  addProducer(): void {
    this.#producers += 1;
  }

  producerDone(): void {
    this.#producers -= 1;
    if (this.#producers <= 0) this.closeWrites();
  }

  /** No more writes: the reader ends once everything is read. */
  closeWrites(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of this.#closedWaiters.splice(0)) waiter();
  }

  /**
   * Ends the current reader without draining (at its next pull, or at once when it waits for data);
   * resolves once it can take nothing more, so the chain can be handed over with what it holds.
   */
  async detachReader(): Promise<void> {
    this.#readerGeneration += 1;
    for (const waiter of this.#closedWaiters.splice(0)) waiter();
    await this.#reading;
  }

  /** True once no more writes come (every producer done, or `closeWrites`). */
  get writesClosed(): boolean {
    return this.#closed;
  }

  /**
   * A reload hands this chain, with what it holds, to a new reader after `detachReader`: open to
   * writes again if every producer had finished (the new ones are added next).
   */
  reopen(): void {
    this.#closed = false;
  }

  /** Writes are serialised so the ordering rule holds with several producers. */
  write(batch: Batch): Promise<void> {
    if (batch.length === 0) return Promise.resolve();
    const result = this.#writeQueue.then(() => this.#write(batch));
    this.#writeQueue = result.catch(() => {});
    return result;
  }

  async #write(batch: Batch): Promise<void> {
    let index = 0;
    for (let later = this.#stages.length - 1; later > 0; later -= 1) {
      if ((this.#stages[later] as ChainStage).stage.unreadEvents > 0) {
        index = later;
        break;
      }
    }
    let remaining = batch;
    while (remaining.length > 0) {
      const { stage, whenFull } = this.#stages[index] as ChainStage;
      if (this.#options.signal.aborted) {
        // The runtime gave up (shutdown deadline): these events never reached the buffer.
        finalizeEvents(remaining, 'rejected');
        this.#metrics[index]?.lost.increment(remaining.length);
        this.#options.logger?.error(
          `shutdown deadline passed: ${remaining.length} events were lost before reaching the buffer`,
        );
        return;
      }
      let taken: number;
      try {
        taken = await stage.write(remaining);
      } catch (error) {
        // A stage that fails (a disk buffer closed under it) must not fail the writer: what it
        // could not take is lost, and counted as such.
        this.#lose(index, remaining, error);
        return;
      }
      if (taken > 0) {
        const written = taken === remaining.length ? remaining : remaining.slice(0, taken);
        this.#countWrite(index, written);
        remaining = taken === remaining.length ? [] : remaining.slice(taken);
        continue;
      }
      if (whenFull === 'overflow') {
        index += 1;
      } else if (whenFull === 'drop_newest') {
        this.#drop(index, remaining);
        return;
      } else {
        await stage.waitForSpace(this.#options.signal);
      }
    }
    if (this.#dropping) {
      this.#options.logger?.info('buffer has room again; stopped dropping events', {
        dropped_events: this.#droppedInEpisode,
      });
      this.#dropping = false;
      this.#droppedInEpisode = 0;
    }
  }

  #lose(index: number, events: Batch, error: unknown): void {
    finalizeEvents(events, 'rejected');
    const metrics = this.#metrics[index];
    metrics?.lost.increment(events.length);
    metrics?.writeFailed.increment();
    this.#logLoss(
      `buffer stage ${index} failed to take events; they are lost: ${String((error as Error)?.message ?? error)}`,
      {
        events: events.length,
        stage: index,
      },
    );
  }

  #countWrite(index: number, written: Batch): void {
    const metrics = this.#metrics[index];
    if (metrics === undefined) return;
    metrics.receivedEvents.increment(written.length);
    metrics.receivedBytes.increment(byteSizeOf(written));
    this.#updateSize(index);
  }

  #updateSize(index: number): void {
    const metrics = this.#metrics[index];
    if (metrics === undefined) return;
    const usage = (this.#stages[index] as ChainStage).stage.usage();
    metrics.sizeEvents.set(usage.events);
    metrics.sizeBytes.set(usage.bytes);
  }

  #drop(index: number, events: Batch): void {
    finalizeEvents(events, 'dropped');
    this.#metrics[index]?.discarded.increment(events.length);
    this.#options.onDropped?.(events.length);
    if (!this.#dropping) {
      this.#dropping = true;
      this.#options.logger?.warn('buffer is full; dropping newest events (when_full = "drop_newest")', {
        stage: index,
      });
    }
    this.#droppedInEpisode += events.length;
  }

  /** Reads batches in write order until writes are closed and every stage is drained. */
  async *read(): AsyncGenerator<Batch, void, undefined> {
    const generation = this.#readerGeneration;
    for (;;) {
      // Aborted at the shutdown deadline, just before the stages close: a read now would race it.
      if (this.#options.signal.aborted || generation !== this.#readerGeneration) return;
      let delivered = false;
      for (let index = 0; index < this.#stages.length; index += 1) {
        const { stage } = this.#stages[index] as ChainStage;
        if (stage.unreadEvents === 0) continue;
        const reading = Promise.resolve(stage.read(this.#readBatchSize));
        this.#reading = reading.catch(() => {});
        const batch = await reading;
        if (batch.length === 0) continue;
        const metrics = this.#metrics[index];
        if (metrics !== undefined) {
          metrics.sentEvents.increment(batch.length);
          metrics.sentBytes.increment(byteSizeOf(batch));
          this.#updateSize(index);
        }
        delivered = true;
        yield batch;
        break;
      }
      if (delivered) continue;
      if (this.#closed && this.unreadEvents === 0) return;
      await this.#waitForDataOrClose(generation);
    }
  }

  async #waitForDataOrClose(generation: number): Promise<void> {
    if (this.#closed || generation !== this.#readerGeneration) return;
    const controller = new AbortController();
    const abort = () => controller.abort(WAIT_OVER);
    this.#options.signal.addEventListener('abort', abort, { once: true });
    // Every wait below ends when the controller aborts, so nothing outlives this call.
    this.#closedWaiters.push(abort);
    try {
      await Promise.race([
        ...this.#stagesThatCanGetData().map((stage) => stage.waitForData(controller.signal)),
        new Promise<void>((resolve) =>
          controller.signal.addEventListener('abort', () => resolve(), { once: true }),
        ),
      ]);
    } finally {
      this.#options.signal.removeEventListener('abort', abort);
      const index = this.#closedWaiters.indexOf(abort);
      if (index !== -1) this.#closedWaiters.splice(index, 1);
      controller.abort(WAIT_OVER);
    }
  }

  /**
   * Writes start at the first stage or at the last one holding unread events, and spill only past a
   * full one; so only those, and the stage after each, can get data. Waiting on the others would only
   * pile up waiters on idle stages.
   */
  #stagesThatCanGetData(): BufferStage[] {
    const stages: BufferStage[] = [];
    for (let index = 0; index < this.#stages.length; index += 1) {
      const { stage } = this.#stages[index] as ChainStage;
      const previous = this.#stages[index - 1]?.stage;
      if (index === 0 || stage.unreadEvents > 0 || (previous?.unreadEvents ?? 0) > 0) stages.push(stage);
    }
    return stages;
  }

  /** Closes every stage (disk stages fsync and release their lock). */
  async closeStages(): Promise<void> {
    for (const { stage } of this.#stages) await stage.close();
  }
}
