/**
 * Per-key ordering for a sink that asks for it (`orderingKey`): items of one key are sent in the
 * order the sink took them, even across retries, by holding back later items of that key only.
 * An item may join a batch when no earlier item of its key has left the batcher unfinished (in a
 * request, or waiting for its retry) and none is held: so at most one request carries a key at a
 * time, and a failed item is resent before anything after it. Other keys are never held.
 *
 * `maxBytesPerKey` bounds what one key puts in one batch (the first item always goes): a
 * destination that may accept part of a request (Kinesis fails records one by one) keeps a key's
 * items of one request in one unit that succeeds or fails whole (one aggregated record), or sends
 * one item of a key at a time (0). A sink that orders keeps each key in one partition.
 */
export class KeyOrder<Item extends { readonly size: number }> {
  readonly #keyOf: (item: Item) => string | undefined;
  readonly #maxBytesPerKey: number;
  /** Items of the key that left the batcher and are not finalized. */
  readonly #outstanding = new Map<string, number>();
  /** Bytes of the key in the batcher, not dispatched yet. */
  readonly #batched = new Map<string, number>();
  /** Items held behind them, in order. */
  readonly #held = new Map<string, Item[]>();
  /** Items counted in `#outstanding` (so a resend is not counted twice). */
  readonly #counted = new WeakSet<object>();
  #heldCount = 0;

  constructor(keyOf: (item: Item) => string | undefined, maxBytesPerKey = Number.POSITIVE_INFINITY) {
    this.#keyOf = keyOf;
    this.#maxBytesPerKey = maxBytesPerKey;
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
    if (held === undefined && this.#fits(key, item)) return true;
    if (held === undefined) this.#held.set(key, [item]);
    else held.push(item);
    this.#heldCount += 1;
    return false;
  }

  /** Whether `item` may join its key's batch now (counted there if so). */
  #fits(key: string, item: Item): boolean {
    if ((this.#outstanding.get(key) ?? 0) > 0) return false;
    const batched = this.#batched.get(key);
    if (batched !== undefined && batched + item.size > this.#maxBytesPerKey) return false;
    this.#batched.set(key, (batched ?? 0) + item.size);
    return true;
  }

  /** Items leave the batcher for a request. */
  dispatched(items: readonly Item[]): void {
    for (const item of items) {
      const key = this.#keyOf(item);
      if (key === undefined || this.#counted.has(item as object)) continue;
      this.#counted.add(item as object);
      this.#batched.delete(key);
      this.#outstanding.set(key, (this.#outstanding.get(key) ?? 0) + 1);
    }
  }

  /**
   * An item is finalized (delivered, rejected, abandoned). Returns the held items of its key that
   * may join a batch now, in this order, when it was the last outstanding one (as many as
   * `maxBytesPerKey` lets go; the rest stay held).
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
    let count = 0;
    while (count < held.length && this.#fits(key, held[count] as Item)) count += 1;
    const all = count === held.length;
    const released = all ? held : held.splice(0, count);
    if (all) this.#held.delete(key);
    this.#heldCount -= released.length;
    return released;
  }

  /** Every held item (the shutdown deadline). */
  takeHeld(): Item[] {
    const items = [...this.#held.values()].flat();
    this.#held.clear();
    this.#batched.clear();
    this.#heldCount = 0;
    return items;
  }
}
