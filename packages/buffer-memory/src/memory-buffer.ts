import {
  type Batch,
  type BufferStage,
  type BufferUsage,
  byteSizeOf,
  defineBuffer,
  type LogEvent,
  Signal,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';

export interface MemoryBufferOptions {
  /** Capacity in events (default 500). Exclusive with `max_size`. */
  max_events?: number;
  /** Capacity in bytes of estimated event size. Exclusive with `max_events`. */
  max_size?: number;
}

export const DEFAULT_MAX_EVENTS = 500;

/**
 * A bounded FIFO of events in memory. Space is freed on read: the sink's own batching and
 * concurrency bound what is in flight after that. Not durable: lost if the process crashes.
 */
export class MemoryBuffer implements BufferStage {
  readonly #maxEvents: number | undefined;
  readonly #maxBytes: number | undefined;
  /** Batches in arrival order; `#head` indexes the first unread event of the first batch. */
  #batches: Batch[] = [];
  #first = 0;
  #head = 0;
  #events = 0;
  #bytes = 0;
  readonly #spaceFreed = new Signal();
  readonly #dataArrived = new Signal();

  constructor(options: MemoryBufferOptions = {}) {
    this.#maxBytes = options.max_size;
    this.#maxEvents = options.max_size === undefined ? (options.max_events ?? DEFAULT_MAX_EVENTS) : undefined;
  }

  get unreadEvents(): number {
    return this.#events;
  }

  write(batch: Batch): number {
    if (batch.length === 0) return 0;
    let taken = batch.length;
    let takenBytes = 0;
    if (this.#events === 0) {
      // An empty buffer takes any batch whole, so a batch larger than the capacity never deadlocks.
      for (const event of batch) takenBytes += event.metadata.byteSize;
    } else if (this.#maxEvents !== undefined) {
      taken = Math.min(batch.length, Math.max(0, this.#maxEvents - this.#events));
      for (let index = 0; index < taken; index += 1)
        takenBytes += (batch[index] as LogEvent).metadata.byteSize;
    } else {
      const room = (this.#maxBytes as number) - this.#bytes;
      taken = 0;
      for (const event of batch) {
        // While below the limit, the first event is always taken (it may overshoot by less than
        // one event): otherwise a large event could wait forever for room that never comes.
        if (taken > 0 && takenBytes + event.metadata.byteSize > room) break;
        if (room <= 0) break;
        takenBytes += event.metadata.byteSize;
        taken += 1;
      }
    }
    if (taken === 0) return 0;
    this.#batches.push(taken === batch.length ? batch : batch.slice(0, taken));
    this.#events += taken;
    this.#bytes += takenBytes;
    this.#dataArrived.notify();
    return taken;
  }

  read(maxEvents: number): Batch {
    const output: Batch = [];
    while (output.length < maxEvents && this.#first < this.#batches.length) {
      const batch = this.#batches[this.#first] as Batch;
      const wanted = maxEvents - output.length;
      const available = batch.length - this.#head;
      const count = Math.min(wanted, available);
      if (this.#head === 0 && count === batch.length && output.length === 0 && count === maxEvents) {
        output.push(...batch);
      } else {
        for (let index = this.#head; index < this.#head + count; index += 1)
          output.push(batch[index] as LogEvent);
      }
      this.#head += count;
      if (this.#head === batch.length) {
        this.#batches[this.#first] = [];
        this.#first += 1;
        this.#head = 0;
      }
    }
    if (this.#first > 1024 && this.#first * 2 > this.#batches.length) {
      this.#batches = this.#batches.slice(this.#first);
      this.#first = 0;
    }
    if (output.length === 0) return output;
    const bytes = byteSizeOf(output);
    this.#events -= output.length;
    this.#bytes -= bytes;
    this.#spaceFreed.notify();
    return output;
  }

  waitForSpace(signal: AbortSignal): Promise<void> {
    if (this.#hasSpace()) return Promise.resolve();
    return this.#spaceFreed.wait(signal);
  }

  waitForData(signal: AbortSignal): Promise<void> {
    if (this.#events > 0) return Promise.resolve();
    return this.#dataArrived.wait(signal);
  }

  usage(): BufferUsage {
    return { events: this.#events, bytes: this.#bytes, maxEvents: this.#maxEvents, maxBytes: this.#maxBytes };
  }

  async close(): Promise<void> {
    this.#spaceFreed.notify();
    this.#dataArrived.notify();
  }

  #hasSpace(): boolean {
    if (this.#events === 0) return true;
    if (this.#maxEvents !== undefined) return this.#events < this.#maxEvents;
    return this.#bytes < (this.#maxBytes as number);
  }
}

export const memoryBufferDefinition = defineBuffer<MemoryBufferOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'buffer',
  type: 'memory',
  description: 'Buffers events in memory: fastest, bounded by events or bytes, lost if the process crashes.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      max_events: {
        type: 'integer',
        minimum: 1,
        default: DEFAULT_MAX_EVENTS,
        description: 'Capacity in events. Cannot be combined with max_size.',
      },
      max_size: {
        type: 'integer',
        minimum: 1,
        description:
          'Capacity in bytes (estimated event size) instead of events. Cannot be combined with max_events.',
      },
    },
  },
  create: (options) => new MemoryBuffer(options),
});
