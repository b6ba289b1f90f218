/** When a batch is sent: whichever of its limits is reached first. */
export interface BatchSettings {
  readonly maxEvents: number;
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
  readonly size: number;
  /** Items of different partitions never share a batch (a destination shard, a URL, …). */
  readonly partition?: string;
}

interface OpenBatch<Item> {
  items: Item[];
  bytes: number;
  openedAt: number;
}

/**
 * Groups items into batches per partition, by count, bytes and age. `send` is awaited before the
 * next item is taken: waiting for a request slot is the backpressure that reaches the input.
 */
export class Batcher<Item extends BatchItem> {
  readonly #settings: BatchSettings;
  readonly #send: (items: Item[]) => Promise<void>;
  /** In opening order: the first is always the oldest (a sent partition is deleted, reopened at the end). */
  readonly #open = new Map<string, OpenBatch<Item>>();

  constructor(settings: BatchSettings, send: (items: Item[]) => Promise<void>) {
    this.#settings = settings;
    this.#send = send;
  }

  get isEmpty(): boolean {
    return this.#open.size === 0;
  }

  /**
   * Adds an item. Returns the send to await when the item completed a batch or started a new one,
   * else undefined: most items join an open batch with no promise and no microtask each.
   */
  add(item: Item): Promise<void> | undefined {
    const key = item.partition ?? '';
    const open = this.#open.get(key);
    if (open === undefined || open.bytes + item.size > this.#settings.maxBytes)
      return this.#openWith(key, open, item);
    open.items.push(item);
    open.bytes += item.size;
    return open.items.length >= this.#settings.maxEvents ? this.#flush(key, open) : undefined;
  }

  /** Opens a batch for `item`, first sending the one it does not fit in and, at the bound, the oldest. */
  async #openWith(key: string, full: OpenBatch<Item> | undefined, item: Item): Promise<void> {
    // This item starts the next batch: send what came before it.
    if (full !== undefined) await this.#flush(key, full);
    if (this.#open.size >= (this.#settings.maxPartitions ?? Number.POSITIVE_INFINITY))
      await this.#flushOldest();
    const open = { items: [item], bytes: item.size, openedAt: Date.now() };
    this.#open.set(key, open);
    if (open.items.length >= this.#settings.maxEvents) await this.#flush(key, open);
  }

  /** Milliseconds until the oldest batch is due; undefined when none is open. */
  msUntilDue(now = Date.now()): number | undefined {
    for (const open of this.#open.values())
      return Math.max(0, open.openedAt + this.#settings.timeoutMs - now);
    return undefined;
  }

  /** Sends every batch that is due. */
  async flushDue(now = Date.now()): Promise<void> {
    for (const [key, open] of this.#open) {
      if (open.openedAt + this.#settings.timeoutMs > now) return;
      await this.#flush(key, open);
    }
  }

  async flushAll(): Promise<void> {
    for (const [key, open] of this.#open) await this.#flush(key, open);
  }

  async #flushOldest(): Promise<void> {
    for (const [key, open] of this.#open) return this.#flush(key, open);
  }

  #flush(key: string, open: OpenBatch<Item>): Promise<void> {
    this.#open.delete(key);
    return this.#send(open.items);
  }
}
