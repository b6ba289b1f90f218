import { type Batch, cloneLogEvent, type LogEvent } from '@sluice/component-api';

/** Component id patterns as Vector's `tap`: `*` matches any run of characters. */
export function idPatternMatcher(patterns: readonly string[]): (id: string) => boolean {
  if (patterns.length === 0) return () => false;
  const escaped = patterns.map((pattern) =>
    pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  );
  const regex = new RegExp(`^(?:${escaped.join('|')})$`);
  return (id) => regex.test(id);
}

export interface TapOptions {
  /** Events leaving the components matching these patterns. */
  outputsOf: readonly string[];
  /** Events entering the components matching these patterns (the outputs feeding them). */
  inputsOf: readonly string[];
  /** At most this many events per `intervalMs` window; the rest are not sampled. */
  limit: number;
  intervalMs: number;
  /**
   * Gets each sampled copy with the id of the component whose output it left. Returns false when
   * it cannot take more now (a slow client): the event is dropped and counted.
   */
  deliver: (componentId: string, event: LogEvent) => boolean;
  /**
   * Whether the client can take anything now; when it cannot, what would have been sampled is
   * dropped at once, without being copied: a stalled client costs the pipeline nothing.
   */
  accepting?: () => boolean;
  /** Told of each drop, as it happens (a metric). */
  onDropped?: (count: number) => void;
  now?: () => number;
}

/** Taps open at once at most: each costs the pipeline a copy of what it samples. */
export const MAX_TAP_CLIENTS = 16;

export interface Tap {
  /** Events not delivered because the client could not take them. */
  readonly dropped: number;
  close(): void;
}

interface Listener {
  outputOf: (id: string) => boolean;
  inputOf: (id: string) => boolean;
  options: TapOptions;
  windowStart: number;
  inWindow: number;
  dropped: number;
}

/**
 * The taps connected to a running instance, shared by every topology across reloads. A component's
 * output calls `publish` per batch only when some tap is connected (`active`): nothing costs more
 * than a size check otherwise. A tap gets copies, sampled, and never waits: the pipeline goes on.
 */
export class Taps {
  readonly #listeners = new Set<Listener>();

  get active(): boolean {
    return this.#listeners.size > 0;
  }

  /** Whether `MAX_TAP_CLIENTS` taps are open: `open` would refuse another. */
  get full(): boolean {
    return this.#listeners.size >= MAX_TAP_CLIENTS;
  }

  /** A new tap, or undefined when `MAX_TAP_CLIENTS` are open already. */
  open(options: TapOptions): Tap | undefined {
    if (this.#listeners.size >= MAX_TAP_CLIENTS) return undefined;
    const listener: Listener = {
      outputOf: idPatternMatcher(options.outputsOf),
      inputOf: idPatternMatcher(options.inputsOf),
      options,
      windowStart: Number.NEGATIVE_INFINITY,
      inWindow: 0,
      dropped: 0,
    };
    this.#listeners.add(listener);
    return {
      get dropped() {
        return listener.dropped;
      },
      close: () => this.#listeners.delete(listener),
    };
  }

  /** A batch leaving `componentId`'s output towards `consumerIds`. */
  publish(componentId: string, consumerIds: readonly string[], batch: Batch): void {
    for (const listener of this.#listeners) {
      if (!listener.outputOf(componentId) && !consumerIds.some(listener.inputOf)) continue;
      const { limit, intervalMs, deliver, now = Date.now } = listener.options;
      const time = now();
      if (time - listener.windowStart >= intervalMs) {
        listener.windowStart = time;
        listener.inWindow = 0;
      }
      const { accepting, onDropped } = listener.options;
      if (accepting !== undefined && !accepting()) {
        const skipped = Math.min(batch.length, limit - listener.inWindow);
        listener.inWindow += skipped;
        listener.dropped += skipped;
        if (skipped > 0) onDropped?.(skipped);
        continue;
      }
      for (const event of batch) {
        if (listener.inWindow >= limit) break;
        listener.inWindow += 1;
        // A copy without the finalizer: the tap never holds up an acknowledgement.
        const copy = cloneLogEvent({
          fields: event.fields,
          metadata: { ...event.metadata, finalizer: undefined },
        });
        if (!deliver(componentId, copy)) {
          listener.dropped += 1;
          onDropped?.(1);
        }
      }
    }
  }
}
