/**
 * Per-key ordering for a sink that asks for it (`orderingKey`): items of one key are sent in the
 * order the sink took them, even across retries, by holding back later items of that key only.
 * An item may join a batch when no earlier item of its key has left the batcher unfinished (in a
 * request, or waiting for its retry) and none is held: so at most one request carries a key at a
 * time, and a failed item is resent before anything after it. Other keys are never held.
 * A sink that orders keeps each key in one partition.
 */
export class KeyOrder<Item> {
  readonly #keyOf: (item: Item) => string | undefined;
  /** Items of the key that left the batcher and are not finalized. */
  readonly #outstanding = new Map<string, number>();
  /** Items held behind them, in order. */
  readonly #held = new Map<string, Item[]>();
  /** Items counted in `#outstanding` (so a resend is not counted twice). */
  readonly #counted = new WeakSet<object>();
  #heldCount = 0;

  constructor(keyOf: (item: Item) => string | undefined) {
    this.#keyOf = keyOf;
  }

  /** Items held back now. */
  get held(): number {
    return this.#heldCount;
  }

  /** Whether `item` may join a batch now; if not, it is held until `finished` releases it. */
  admit(item: Item): boolean {
    const key = this.#keyOf(item);
    if (key === undefined) return true;
    const held = this.#held.get(key);
    if (held !== undefined) {
      held.push(item);
      this.#heldCount += 1;
      return false;
    }
    if ((this.#outstanding.get(key) ?? 0) === 0) return true;
    this.#held.set(key, [item]);
    this.#heldCount += 1;
    return false;
  }

  /** Items leave the batcher for a request. */
  dispatched(items: readonly Item[]): void {
    for (const item of items) {
      const key = this.#keyOf(item);
      if (key === undefined || this.#counted.has(item as object)) continue;
      this.#counted.add(item as object);
      this.#outstanding.set(key, (this.#outstanding.get(key) ?? 0) + 1);
    }
  }

  /**
   * An item is finalized (delivered, rejected, abandoned). Returns the held items of its key when
   * it was the last outstanding one: they may join a batch now, in this order.
   */
  finished(item: Item): Item[] | undefined {
    const key = this.#keyOf(item);
    if (key === undefined || !this.#counted.delete(item as object)) return undefined;
    const left = (this.#outstanding.get(key) ?? 1) - 1;
    if (left > 0) {
      this.#outstanding.set(key, left);
      return undefined;
    }
    this.#outstanding.delete(key);
    const held = this.#held.get(key);
    if (held === undefined) return undefined;
    this.#held.delete(key);
    this.#heldCount -= held.length;
    return held;
  }

  /** Every held item (the shutdown deadline). */
  takeHeld(): Item[] {
    const items = [...this.#held.values()].flat();
    this.#held.clear();
    this.#heldCount = 0;
    return items;
  }
}
