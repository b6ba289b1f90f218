/** What one shard takes per second (Kinesis's published quotas by default: 1,000 records, 1 MiB). */
export interface ShardQuota {
  readonly recordsPerSecond: number;
  readonly bytesPerSecond: number;
}

/** Records and bytes a request puts on one shard. */
export interface ShardLoad {
  records: number;
  bytes: number;
}

/**
 * A quiet shard may take this fraction of a second's quota at once. Kinesis lets a shard burst
 * about a second's worth; pacing to a fifth of that leaves the rest for requests that arrive
 * bunched (network, event loop) and so never trips the stream's own bucket.
 */
const BURST_SECONDS = 0.2;
/** A throttle answered for a shard multiplies its pace by this (multiplicative decrease)… */
const THROTTLE_DECREASE = 0.7;
/** …down to this fraction of its quota at least… */
const MIN_FACTOR = 0.1;
/** …and the pace climbs back by this fraction of the quota per second without throttles. */
const RECOVERY_PER_SECOND = 0.05;

/**
 * A token bucket per kind (records, bytes) at a fraction of one shard's quota. Reservations are
 * paid in advance and may run the bucket into debt: a request waits until its own share is paid
 * off, so what leaves never exceeds burst + rate × time, and reservations are served in order.
 */
export class ShardBudget {
  #records: number;
  #bytes: number;
  #updatedAt: number;
  /** Fraction of the quota at `#factorAt`; it recovers linearly from there. */
  #factor = 1;
  #factorAt: number;
  readonly #quota: ShardQuota;

  constructor(quota: ShardQuota, now: number) {
    this.#quota = quota;
    this.#records = quota.recordsPerSecond * BURST_SECONDS;
    this.#bytes = quota.bytesPerSecond * BURST_SECONDS;
    this.#updatedAt = now;
    this.#factorAt = now;
  }

  factor(now: number): number {
    return Math.min(1, this.#factor + (RECOVERY_PER_SECOND * (now - this.#factorAt)) / 1000);
  }

  #refill(now: number): number {
    const factor = this.factor(now);
    const seconds = Math.max(0, now - this.#updatedAt) / 1000;
    this.#updatedAt = Math.max(this.#updatedAt, now);
    const { recordsPerSecond, bytesPerSecond } = this.#quota;
    this.#records = Math.min(
      recordsPerSecond * BURST_SECONDS,
      this.#records + recordsPerSecond * factor * seconds,
    );
    this.#bytes = Math.min(bytesPerSecond * BURST_SECONDS, this.#bytes + bytesPerSecond * factor * seconds);
    return factor;
  }

  /** Takes `records` and `bytes` now; the milliseconds until they are paid off (0: they may go at once). */
  reserve(records: number, bytes: number, now: number): number {
    const factor = this.#refill(now);
    this.#records -= records;
    this.#bytes -= bytes;
    const seconds = Math.max(
      -this.#records / (this.#quota.recordsPerSecond * factor),
      -this.#bytes / (this.#quota.bytesPerSecond * factor),
      0,
    );
    return seconds * 1000;
  }

  /** The shard refused records: it is fuller than this budget thought. Slow down, start from empty. */
  throttled(now: number): void {
    this.#refill(now);
    this.#factor = Math.max(MIN_FACTOR, this.factor(now) * THROTTLE_DECREASE);
    this.#factorAt = now;
    this.#records = Math.min(this.#records, 0);
    this.#bytes = Math.min(this.#bytes, 0);
  }
}

/** Per-shard budgets: requests are shaped to what each shard takes instead of being throttled. */
export class ShardPacer {
  readonly #quota: ShardQuota;
  readonly #budgets = new Map<string, ShardBudget>();
  readonly #now: () => number;

  constructor(quota: ShardQuota, now: () => number = () => performance.now()) {
    this.#quota = quota;
    this.#now = now;
  }

  now(): number {
    return this.#now();
  }

  /** The budgets of these shards, in this order (a shard map's), for requests to reserve on. */
  budgets(shardIds: readonly string[]): ShardBudget[] {
    const now = this.#now();
    return shardIds.map((shardId) => this.#budget(shardId, now));
  }

  #budget(shardId: string, now: number): ShardBudget {
    let budget = this.#budgets.get(shardId);
    if (budget === undefined) {
      budget = new ShardBudget(this.#quota, now);
      this.#budgets.set(shardId, budget);
    }
    return budget;
  }

  /** Reserves each shard's load; the milliseconds until the last of them is paid off. */
  reserve(loads: ReadonlyMap<string, ShardLoad>): number {
    const now = this.#now();
    let wait = 0;
    for (const [shardId, load] of loads)
      wait = Math.max(wait, this.#budget(shardId, now).reserve(load.records, load.bytes, now));
    return wait;
  }

  throttled(shardId: string): void {
    const now = this.#now();
    this.#budget(shardId, now).throttled(now);
  }

  /** The fraction of its quota a shard is paced at now (1 unless it was throttled lately). */
  factor(shardId: string): number {
    return this.#budgets.get(shardId)?.factor(this.#now()) ?? 1;
  }

  /** Forgets the budgets of shards that are gone (closed by a reshard). */
  retain(shardIds: ReadonlySet<string>): void {
    for (const shardId of this.#budgets.keys()) if (!shardIds.has(shardId)) this.#budgets.delete(shardId);
  }
}
