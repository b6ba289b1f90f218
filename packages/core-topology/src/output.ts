import { type Batch, cloneLogEvent, finalizeEvents } from '@sluice/component-api';
import type { BufferChain } from './buffer-chain.js';
import type { Taps } from './taps.js';

/** `<sink id>.rejected`: the output where a sink sends what it rejected. */
export const REJECTED_SUFFIX = '.rejected';

/** Where a component's output goes: every consumer gets each batch (copies for all but the last). */
export class Output {
  readonly consumers: BufferChain[] = [];
  /** The ids of the consumers, for taps on their inputs. */
  readonly consumerIds: string[] = [];

  constructor(
    readonly id: string,
    readonly taps: Taps | undefined,
  ) {}

  send(batch: Batch): Promise<void> {
    if (this.taps?.active === true) this.taps.publish(this.id, this.consumerIds, batch);
    const consumers = this.consumers;
    if (consumers.length === 1) return (consumers[0] as BufferChain).write(batch);
    // Nobody reads this output (warned when the config was planned): its events end here.
    if (consumers.length === 0) {
      finalizeEvents(batch, 'dropped');
      return Promise.resolve();
    }
    const writes: Array<Promise<void>> = [];
    for (let index = 0; index < consumers.length; index += 1) {
      const copy = index === consumers.length - 1 ? batch : batch.map(cloneLogEvent);
      writes.push((consumers[index] as BufferChain).write(copy));
    }
    return Promise.all(writes).then(() => undefined);
  }

  done(): void {
    for (const consumer of this.consumers) consumer.producerDone();
  }
}
