import type { LogEvent } from './event.js';

/**
 * The outcome of one event. Ordered from best to worst; when several events share a finalizer,
 * the worst outcome wins.
 * - `delivered`: the destination accepted it (or a durable buffer took ownership of it);
 * - `dropped`: discarded on purpose (a filter, `drop_newest`, an oversized record);
 * - `rejected`: the destination refused it or every retry failed.
 */
export type DeliveryStatus = 'delivered' | 'dropped' | 'rejected';

const SEVERITY: Readonly<Record<DeliveryStatus, number>> = { delivered: 0, dropped: 1, rejected: 2 };

export function worstStatus(first: DeliveryStatus, second: DeliveryStatus): DeliveryStatus {
  return SEVERITY[second] > SEVERITY[first] ? second : first;
}

/**
 * One finalizer is shared by the events of one incoming batch. When every event is finalized,
 * `onFinalized` runs exactly once with the worst status.
 */
export class EventFinalizer {
  #pending: number;
  #status: DeliveryStatus = 'delivered';
  readonly #onFinalized: (status: DeliveryStatus) => void;

  constructor(eventCount: number, onFinalized: (status: DeliveryStatus) => void) {
    this.#pending = eventCount;
    this.#onFinalized = onFinalized;
    if (eventCount === 0) queueMicrotask(() => onFinalized('delivered'));
  }

  /** Outcomes still expected. */
  get pending(): number {
    return this.#pending;
  }

  /** Expect `count` more outcomes (an event was copied for fan-out). */
  retain(count: number): void {
    if (this.#pending > 0) this.#pending += count;
  }

  /** Records the outcome of `count` events. Extra calls once settled are ignored. */
  finalize(status: DeliveryStatus, count = 1): void {
    if (this.#pending <= 0) return;
    this.#status = worstStatus(this.#status, status);
    this.#pending -= count;
    if (this.#pending <= 0) {
      this.#pending = 0;
      this.#onFinalized(this.#status);
    }
  }
}

/**
 * Gives every event of the batch one shared finalizer. Use it in a source (or a buffer that owns
 * the events it hands out) that wants to learn the batch's outcome.
 */
export function attachFinalizer(
  events: readonly LogEvent[],
  onFinalized: (status: DeliveryStatus) => void,
): EventFinalizer {
  const finalizer = new EventFinalizer(events.length, onFinalized);
  for (const event of events) event.metadata.finalizer = finalizer;
  return finalizer;
}

/**
 * Records the outcome of each event, once: the event's finalizer is detached afterwards, so a
 * second call for the same event is a no-op. Consecutive events sharing a finalizer are counted
 * together.
 */
export function finalizeEvents(events: readonly LogEvent[], status: DeliveryStatus): void {
  let current: EventFinalizer | undefined;
  let run = 0;
  for (const event of events) {
    const finalizer = event.metadata.finalizer;
    if (finalizer === undefined) continue;
    event.metadata.finalizer = undefined;
    if (finalizer === current) {
      run += 1;
      continue;
    }
    if (current !== undefined) current.finalize(status, run);
    current = finalizer;
    run = 1;
  }
  if (current !== undefined) current.finalize(status, run);
}
