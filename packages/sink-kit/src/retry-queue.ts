interface Waiting<Item> {
  readonly at: number;
  readonly items: Item[];
}

/**
 * Items waiting for their retry, out of any request: each group (the failed items of one answer
 * that share a wait) re-enters when its time comes. Synchronous and clock-free, like the batcher.
 */
export class RetryQueue<Item> {
  /** Sorted by `at`, earliest first. */
  readonly #waiting: Waiting<Item>[] = [];
  #items = 0;

  get size(): number {
    return this.#items;
  }

  /** `items` re-enter at time `at` (ms). */
  schedule(items: Item[], at: number): void {
    const waiting = this.#waiting;
    let low = 0;
    let high = waiting.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((waiting[middle] as Waiting<Item>).at <= at) low = middle + 1;
      else high = middle;
    }
    waiting.splice(low, 0, { at, items });
    this.#items += items.length;
  }

  /** When the first group is due; undefined when none waits. */
  nextAt(): number | undefined {
    return this.#waiting[0]?.at;
  }

  /** The groups due at `now`, in order of their time. */
  takeDue(now: number): Item[][] {
    let count = 0;
    while (count < this.#waiting.length && (this.#waiting[count] as Waiting<Item>).at <= now) count += 1;
    return this.#take(count);
  }

  /** Every group, due or not (shutdown: sent at once while draining, abandoned at the deadline). */
  takeAll(): Item[][] {
    return this.#take(this.#waiting.length);
  }

  #take(count: number): Item[][] {
    const groups = this.#waiting.splice(0, count).map((waiting) => waiting.items);
    for (const items of groups) this.#items -= items.length;
    return groups;
  }
}
