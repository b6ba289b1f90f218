import { type Batch, cloneLogEvent, finalizeEvents } from '@sluice/component-api';
import type { BufferChain } from './buffer-chain.js';
import type { Taps } from './taps.js';

/** `<sink id>.rejected`: the output where a sink sends what it rejected. */
export const REJECTED_SUFFIX = '.rejected';

/** Where a component's output goes: every consumer gets each batch (copies for all but the last). */
export class Output {
  #consumers: readonly BufferChain[] = [];
  /** The ids of the consumers, for taps on their inputs. */
  #consumerIds: readonly string[] = [];
  /** Sends under way, and who waits for there to be none (`idle`). */
  #sending = 0;
  #idleWaiters: Array<() => void> = [];
  readonly #settle = () => {
    this.#sending -= 1;
    if (this.#sending === 0) for (const waiter of this.#idleWaiters.splice(0)) waiter();
  };

  constructor(
    readonly id: string,
    readonly taps: Taps | undefined,
  ) {}

  get consumers(): readonly BufferChain[] {
    return this.#consumers;
  }

  /**
   * Where batches go from now on (a reload). A send under way finishes with the consumers it
   * started with: each batch goes to one set of consumers, never to both or neither.
   */
  rewire(consumers: readonly BufferChain[], consumerIds: readonly string[]): void {
    this.#consumers = consumers;
    this.#consumerIds = consumerIds;
  }

  /** Resolves once no send is under way (the consumers a reload replaced have every batch sent to them). */
  idle(): Promise<void> {
    if (this.#sending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  send(batch: Batch): Promise<void> {
    if (this.taps?.active === true) this.taps.publish(this.id, this.#consumerIds, batch);
    const consumers = this.#consumers;
    // Nobody reads this output (warned when the config was planned): its events end here.
    if (consumers.length === 0) {
      finalizeEvents(batch, 'dropped');
      return Promise.resolve();
    }
    let written: Promise<void>;
    if (consumers.length === 1) {
      written = (consumers[0] as BufferChain).write(batch);
    } else {
      const writes: Array<Promise<void>> = [];
      for (let index = 0; index < consumers.length; index += 1) {
        const copy = index === consumers.length - 1 ? batch : batch.map(cloneLogEvent);
        writes.push((consumers[index] as BufferChain).write(copy));
      }
      written = Promise.all(writes).then(() => undefined);
    }
    this.#sending += 1;
    return written.finally(this.#settle);
  }

  done(): void {
    for (const consumer of this.#consumers) consumer.producerDone();
  }
}
