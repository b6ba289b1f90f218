import {
  attachFinalizer,
  type Batch,
  createLogEvent,
  type DeliveryStatus,
  type FieldMap,
  type LogEvent,
} from '@sluice/component-api';

/** `count` unstructured events with `message: "event <n>"` (and `fields` merged in). */
export function makeEvents(count: number, fields: FieldMap = {}, start = 0): LogEvent[] {
  return Array.from({ length: count }, (_, index) =>
    createLogEvent({
      message: `event ${start + index}`,
      timestamp: new Date(),
      source_type: 'testkit',
      ...fields,
    }),
  );
}

/** Splits events into batches of `size`. */
export function batchesOf(events: readonly LogEvent[], size: number): Batch[] {
  const batches: Batch[] = [];
  for (let index = 0; index < events.length; index += size) batches.push(events.slice(index, index + size));
  return batches;
}

/** Reads an async iterable of batches to the end. */
export async function collect(input: AsyncIterable<Batch>): Promise<LogEvent[]> {
  const events: LogEvent[] = [];
  for await (const batch of input) events.push(...batch);
  return events;
}

/** Gives each batch its own finalizer and records every batch's final status. */
export function trackStatuses(batches: readonly Batch[]): {
  statuses: Array<DeliveryStatus | undefined>;
  settled: number;
} {
  const tracker = { statuses: batches.map(() => undefined as DeliveryStatus | undefined), settled: 0 };
  batches.forEach((batch, index) => {
    attachFinalizer(batch, (status) => {
      if (tracker.statuses[index] !== undefined) throw new Error(`batch ${index} finalized twice`);
      tracker.statuses[index] = status;
      tracker.settled += 1;
    });
  });
  return tracker;
}

/** An input a test pushes batches into and ends, for sinks. */
export class ControllableInput implements AsyncIterable<Batch> {
  readonly #queue: Batch[] = [];
  #ended = false;
  #wake: (() => void) | undefined;
  /** Batches the consumer has taken. */
  taken = 0;

  push(batch: Batch): void {
    this.#queue.push(batch);
    this.#wake?.();
  }

  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Batch, void, undefined> {
    for (;;) {
      const batch = this.#queue.shift();
      if (batch !== undefined) {
        this.taken += 1;
        yield batch;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}

/** A sink input that yields the given batches, then ends. */
export async function* inputOf(batches: readonly Batch[]): AsyncGenerator<Batch, void, undefined> {
  for (const batch of batches) yield batch;
}
