/** When a batch is sent: whichever of its limits is reached first. */
export interface BatchSettings {
  /**
   * Items per batch. Unset: bytes and age alone close a batch, for a sink whose requests count
   * something else than items (KPL aggregates) and whose request builder splits a batch to fit.
   */
  readonly maxEvents?: number;
  /** Measured by the sink's own sizing (`BatchItem.size`); an item larger than this goes alone. */
  readonly maxBytes: number;
  /** A batch is sent this long after its first item, full or not. */
  readonly timeoutMs: number;
  /**
   * Open partitions kept at once; opening one more sends the oldest. Unbounded by default: a sink
   * that partitions sets it, or the `maxHeldEvents` the kit declares for it (one open batch) is wrong.
   */
  readonly maxPartitions?: number;
}

export interface BatchItem {
  /** What the item adds to a batch's bytes, as the destination counts them. */
  readonly size: number;
  /** Items of different partitions never share a batch (a destination shard, a URL, …). */
  readonly partition?: string;
}

interface OpenBatch<Item> {
  items: Item[];
  bytes: number;
  dueAt: number;
}

/**
 * Groups items into batches per partition, by count, bytes and age. Synchronous and clock-free:
 * the caller passes the time, and a closed batch goes to `onBatch` at once. Most items join an
 * open batch and cost a map lookup and a push.
 */
export class Batcher<Item extends BatchItem> {
  readonly #settings: BatchSettings;
  readonly #maxEvents: number;
  readonly #maxPartitions: number;
  readonly #onBatch: (items: Item[]) => void;
  /** In opening order: the first is always the oldest (a closed partition is reopened at the end). */
  readonly #open = new Map<string, OpenBatch<Item>>();
  #items = 0;

  constructor(settings: BatchSettings, onBatch: (items: Item[]) => void) {
    this.#settings = settings;
    this.#maxEvents = settings.maxEvents ?? Number.POSITIVE_INFINITY;
    this.#maxPartitions = settings.maxPartitions ?? Number.POSITIVE_INFINITY;
    this.#onBatch = onBatch;
  }

  /** Items in open batches. */
  get size(): number {
    return this.#items;
  }

  /** Adds an item at time `now` (ms); the batches it closes go to `onBatch` first. */
  add(item: Item, now: number): void {
    const key = item.partition ?? '';
    let open = this.#open.get(key);
    if (open !== undefined && open.bytes + item.size > this.#settings.maxBytes) {
      // This item starts the next batch: what came before it goes.
      this.#close(key, open);
      open = undefined;
    }
    if (open === undefined) {
      if (this.#open.size >= this.#maxPartitions) this.#closeOldest();
      open = { items: [], bytes: 0, dueAt: now + this.#settings.timeoutMs };
      this.#open.set(key, open);
    }
    open.items.push(item);
    open.bytes += item.size;
    this.#items += 1;
    if (open.items.length >= this.#maxEvents) this.#close(key, open);
  }

  /** When the oldest open batch is due (ms); undefined when none is open. */
  nextDueAt(): number | undefined {
    for (const open of this.#open.values()) return open.dueAt;
    return undefined;
  }

  /** Closes every batch due at `now`. */
  closeDue(now: number): void {
    for (const [key, open] of this.#open) {
      if (open.dueAt > now) return;
      this.#close(key, open);
    }
  }

  closeAll(): void {
    for (const [key, open] of this.#open) this.#close(key, open);
  }

  /** Takes every open batch's items without sending them (the shutdown deadline). */
  takeAll(): Item[] {
    const items: Item[] = [];
    for (const open of this.#open.values()) items.push(...open.items);
    this.#open.clear();
    this.#items = 0;
    return items;
  }

  #closeOldest(): void {
    for (const [key, open] of this.#open) {
      this.#close(key, open);
      return;
    }
  }

  #close(key: string, open: OpenBatch<Item>): void {
    this.#open.delete(key);
    this.#items -= open.items.length;
    this.#onBatch(open.items);
  }
}
