/** What one shard takes per second (Kinesis's published quotas by default: 1,000 records, 1 MiB). */
export interface ShardQuota {
  readonly recordsPerSecond: number;
  readonly bytesPerSecond: number;
}

/**
 * A quiet shard may take this much of its quota at once (ms of it). Kinesis lets a shard burst
 * about a second's worth; pacing to a fifth of that leaves the rest for requests that arrive
 * bunched (network, event loop) and so never trips the stream's own bucket.
 */
const BURST_MS = 200;
/** A throttle answered for a shard multiplies its pace by this (multiplicative decrease)… */
const THROTTLE_DECREASE = 0.7;
/** …down to this fraction of its quota at least… */
const MIN_FACTOR = 0.1;
/** …and the pace climbs back by this fraction of the quota per second without throttles. */
const RECOVERY_PER_SECOND = 0.05;
/** Paces of recovering shards are brought up to date at most this often. */
const RECOVERY_STEP_MS = 100;

interface Recovery {
  factor: number;
  at: number;
}

/**
 * A token bucket per shard and kind (records, bytes), as arrays indexed like a shard map's shards:
 * each is the time its debt is paid off (the generic cell rate algorithm), so a record costs two
 * additions and comparisons, whatever the number of shards, and a request never walks the shards
 * it touches. Reservations are paid in advance and may run a bucket into debt: a record waits
 * until its own share is paid off, so what leaves never exceeds burst + rate × time, in order.
 * A share larger than the burst (a record of several MiB) waits only for a full bucket, not for
 * its whole size to refill: it goes, and the records after it wait out its debt.
 */
export class ShardBudgets {
  readonly ids: readonly string[];
  readonly #quota: ShardQuota;
  /** When each shard's record and byte debts are paid off (ms, performance.now()). */
  readonly #recordsDue: Float64Array;
  readonly #bytesDue: Float64Array;
  /** Ms one record, one byte costs at each shard's current pace. */
  readonly #msPerRecord: Float64Array;
  readonly #msPerByte: Float64Array;
  /** Shards slowed by throttles, climbing back to their quota. */
  readonly #recovering = new Map<number, Recovery>();
  #steppedAt = Number.NEGATIVE_INFINITY;

  /** Budgets for these shards; those of `previous` with the same ids are carried over. */
  constructor(ids: readonly string[], quota: ShardQuota, previous?: ShardBudgets) {
    this.ids = ids;
    this.#quota = quota;
    const count = ids.length;
    this.#recordsDue = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
    this.#bytesDue = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
    this.#msPerRecord = new Float64Array(count).fill(1000 / quota.recordsPerSecond);
    this.#msPerByte = new Float64Array(count).fill(1000 / quota.bytesPerSecond);
    if (previous === undefined) return;
    const before = new Map(previous.ids.map((id, index) => [id, index]));
    for (let index = 0; index < count; index += 1) {
      const old = before.get(ids[index] as string);
      if (old === undefined) continue;
      this.#recordsDue[index] = previous.#recordsDue[old] as number;
      this.#bytesDue[index] = previous.#bytesDue[old] as number;
      this.#msPerRecord[index] = previous.#msPerRecord[old] as number;
      this.#msPerByte[index] = previous.#msPerByte[old] as number;
      const recovery = previous.#recovering.get(old);
      if (recovery !== undefined) this.#recovering.set(index, recovery);
    }
  }

  /** Brings the paces of recovering shards up to date (once per step, not per record). */
  step(now: number): void {
    if (this.#recovering.size === 0 || now - this.#steppedAt < RECOVERY_STEP_MS) return;
    this.#steppedAt = now;
    for (const [index, recovery] of this.#recovering) {
      const factor = this.#factorOf(recovery, now);
      this.#setPace(index, factor);
      if (factor >= 1) this.#recovering.delete(index);
    }
  }

  /**
   * Takes `records` and `bytes` from shard `index` at `now`; the milliseconds until they may go
   * (0: at once).
   */
  reserve(index: number, records: number, bytes: number, now: number): number {
    const earliest = now - BURST_MS;
    let recordsDue = this.#recordsDue[index] as number;
    if (recordsDue < earliest) recordsDue = earliest;
    const recordsCost = records * (this.#msPerRecord[index] as number);
    this.#recordsDue[index] = recordsDue + recordsCost;
    let bytesDue = this.#bytesDue[index] as number;
    if (bytesDue < earliest) bytesDue = earliest;
    const bytesCost = bytes * (this.#msPerByte[index] as number);
    this.#bytesDue[index] = bytesDue + bytesCost;
    const recordsWait = recordsDue + Math.min(recordsCost, BURST_MS) - now;
    const bytesWait = bytesDue + Math.min(bytesCost, BURST_MS) - now;
    const wait = Math.max(recordsWait, bytesWait);
    return Math.max(wait, 0);
  }

  /** The shard refused records: it is fuller than its budget thought. Slow down, start from empty. */
  throttled(index: number, now: number): void {
    const factor = Math.max(MIN_FACTOR, this.factor(index, now) * THROTTLE_DECREASE);
    this.#recovering.set(index, { factor, at: now });
    this.#setPace(index, factor);
    if ((this.#recordsDue[index] as number) < now) this.#recordsDue[index] = now;
    if ((this.#bytesDue[index] as number) < now) this.#bytesDue[index] = now;
  }

  /** The fraction of its quota shard `index` is paced at (1 unless it was throttled lately). */
  factor(index: number, now: number): number {
    const recovery = this.#recovering.get(index);
    return recovery === undefined ? 1 : this.#factorOf(recovery, now);
  }

  #factorOf(recovery: Recovery, now: number): number {
    return Math.min(1, recovery.factor + (RECOVERY_PER_SECOND * (now - recovery.at)) / 1000);
  }

  #setPace(index: number, factor: number): void {
    this.#msPerRecord[index] = 1000 / (this.#quota.recordsPerSecond * factor);
    this.#msPerByte[index] = 1000 / (this.#quota.bytesPerSecond * factor);
  }
}
