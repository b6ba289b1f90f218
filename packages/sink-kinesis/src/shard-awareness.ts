import { type ComponentContext, type Counter, sleep } from '@sluice/component-api';
import { ShardBudgets, type ShardQuota } from './pacing.js';
import { randomPartitionKey } from './records.js';
import { fillPool, hashKeyOf, type RandomKeyPool, type ShardMap } from './shards.js';
import type { StreamSummary, StreamWatch } from './stream.js';
import type { RecordError } from './wire/format.js';

/** What shard awareness keeps on each record it places. */
export interface Placement {
  /** The partition key as text; undefined for a random key not drawn yet. */
  key?: string | undefined;
  /** The wire format's partition key (see `PreparedRecord.partitionKey`): set when a random key is drawn. */
  partitionKey: Buffer | undefined;
  /** Data + partition key bytes, as Kinesis counts them against a shard's quota. */
  recordBytes: number;
  /** MD5 of the key (`hashKeyOf`), computed once: a resend after a reshard only looks it up again. */
  hashKey?: string | undefined;
  /** The shard it was paced for; undefined without a shard map. */
  shardId?: string | undefined;
  /** Events it carries: 1, or an aggregate's. */
  readonly userRecords?: number;
}

/** Per-shard figures are handed to the metrics this often, not per request. */
const METRICS_INTERVAL_MS = 5_000;
/** The one budget of a stream that places records itself (AUTO): its shards share the load. */
const WHOLE_STREAM = ['stream'];

export interface ShardAwareness {
  /**
   * Places each record on its shard (drawing random keys now, so their shard is known) and waits
   * until every shard's budget takes its share; at once without a shard map (never waits for one).
   * Honours `signal`.
   */
  pace(records: readonly Placement[], signal: AbortSignal): Promise<void>;
  /** The shard a hash key maps to by the current map; undefined without one. */
  shardOf(hashKey: string): string | undefined;
  /** The current shard map, if read. */
  readonly map: ShardMap | undefined;
  /** Records a PutRecords answer failed: throttled shards slow down. */
  throttled(records: readonly Placement[], errors: readonly RecordError[]): void;
  close(): void;
}

/**
 * Shard awareness: with the stream's shard map (`StreamWatch`), a token bucket per shard, so that
 * requests are shaped to what each shard takes; on a stream that places records itself (AUTO), one
 * bucket for the whole stream (its open shards' quotas together). Counts, per shard, the events
 * and bytes placed there and the time requests waited for it (`kinesis_shard_*`): a hot key shows.
 */
export function createShardAwareness(
  watch: StreamWatch,
  quota: ShardQuota,
  wireKey: (key: string) => Buffer,
  context: Pick<ComponentContext, 'metrics'>,
  now: () => number = () => performance.now(),
): ShardAwareness {
  const { metrics } = context;
  const throttledBy = new Map<string, Counter>();
  let map: ShardMap | undefined;
  let budgets: ShardBudgets | undefined;
  /** The stream-wide budget of an AUTO stream, and its share of the load. */
  let whole: ShardBudgets | undefined;
  /** Random keys for `map` once filled (a key per record until then), and their wire form, made when first drawn. */
  let randomKeys: RandomKeyPool | undefined;
  let randomWireKeys: Buffer[] = [];
  /** Counts the pools asked for: a pool filled for a map replaced meanwhile is not used. */
  let poolsAsked = 0;
  const closing = new AbortController();
  const tally = new ShardTally(metrics);

  watch.onMap((next) => {
    budgets = new ShardBudgets(
      next.shards.map((shard) => shard.shardId),
      quota,
      budgets,
    );
    tally.flush(map);
    tally.resize(next.shards.length);
    map = next;
    randomKeys = undefined;
    randomWireKeys = [];
    const asked = ++poolsAsked;
    void fillPool(next, closing.signal).then((pool) => {
      if (asked === poolsAsked) randomKeys = pool;
    });
  });
  const placedByService = (summary: StreamSummary) => {
    whole = summary.autoDistribution
      ? new ShardBudgets(WHOLE_STREAM, {
          recordsPerSecond: quota.recordsPerSecond * (summary.openShards ?? 1),
          bytesPerSecond: quota.bytesPerSecond * (summary.openShards ?? 1),
        })
      : undefined;
  };
  watch.onSummary(placedByService);
  const flushing = setInterval(() => tally.flush(map), METRICS_INTERVAL_MS);
  flushing.unref();

  const throttledCounter = (shardId: string) => {
    let counter = throttledBy.get(shardId);
    if (counter === undefined) {
      counter = metrics.counter('kinesis_shard_throttled_records_total', { shard_id: shardId });
      throttledBy.set(shardId, counter);
    }
    return counter;
  };

  return {
    get map() {
      return map;
    },
    async pace(records, signal) {
      void watch.start();
      const at = now();
      if (whole !== undefined) {
        let wait = 0;
        for (const record of records) wait = Math.max(wait, whole.reserve(0, 1, record.recordBytes, at));
        if (wait > 0) await sleep(wait, signal);
        return;
      }
      const current = map;
      const shardBudgets = budgets;
      if (current === undefined || shardBudgets === undefined) return;
      shardBudgets.step(at);
      const pool = randomKeys;
      let wait = 0;
      let slowest = -1;
      for (const record of records) {
        let index: number;
        const drawn = record.key === undefined && pool !== undefined ? pool.draw() : -1;
        if (pool !== undefined && drawn !== -1) {
          const key = pool.keys[drawn] as string;
          record.key = key;
          record.partitionKey = randomWireKeys[drawn] ??= wireKey(key);
          record.hashKey = pool.hashKeys[drawn] as string;
          index = pool.shardIndexes[drawn] as number;
        } else {
          // A key of the event's, a random one drawn for an earlier map (a resend after a
          // reshard), or one drawn now: the pool is still filling, or empty (every shard in a gap).
          if (record.key === undefined) {
            record.key = randomPartitionKey();
            record.partitionKey = wireKey(record.key);
          }
          record.hashKey ??= hashKeyOf(record.key);
          index = current.indexOf(record.hashKey);
        }
        // In a gap of a map read mid-reshard: sent unpaced.
        record.shardId = current.shards[index]?.shardId;
        if (index === -1) continue;
        const recordWait = shardBudgets.reserve(index, 1, record.recordBytes, at);
        tally.placed(index, record.userRecords ?? 1, record.recordBytes);
        if (recordWait > wait) {
          wait = recordWait;
          slowest = index;
        }
      }
      if (wait > 0) {
        tally.waited(slowest, wait);
        await sleep(wait, signal);
      }
    },
    shardOf(hashKey) {
      return map?.shardOf(hashKey);
    },
    throttled(records, errors) {
      const shardBudgets = budgets;
      const current = map;
      const at = now();
      const counted = new Map<string, number>();
      for (const error of errors) {
        if (error.code !== 'ProvisionedThroughputExceededException') continue;
        const shardId = records[error.index]?.shardId;
        if (shardId !== undefined) counted.set(shardId, (counted.get(shardId) ?? 0) + 1);
      }
      for (const [shardId, count] of counted) {
        throttledCounter(shardId).increment(count);
        if (whole !== undefined) whole.throttled(0, at);
        else if (shardBudgets !== undefined && current !== undefined) {
          const index = current.indexOfShard(shardId);
          if (index !== -1) shardBudgets.throttled(index, at);
        }
      }
    },
    close() {
      clearInterval(flushing);
      tally.flush(map);
      closing.abort();
    },
  };
}

/**
 * Per-shard figures kept in arrays as requests are paced and handed to counters labelled by shard
 * every few seconds: `kinesis_shard_user_records_total`, `kinesis_shard_bytes_total` and
 * `kinesis_shard_pacing_wait_seconds_total` (the wait a request had for its slowest shard).
 */
class ShardTally {
  readonly #metrics: ComponentContext['metrics'];
  readonly #counters = new Map<string, { records: Counter; bytes: Counter; wait: Counter }>();
  #records = new Float64Array(0);
  #bytes = new Float64Array(0);
  #waitMs = new Float64Array(0);

  constructor(metrics: ComponentContext['metrics']) {
    this.#metrics = metrics;
  }

  resize(shards: number): void {
    this.#records = new Float64Array(shards);
    this.#bytes = new Float64Array(shards);
    this.#waitMs = new Float64Array(shards);
  }

  placed(index: number, userRecords: number, bytes: number): void {
    this.#records[index] = (this.#records[index] as number) + userRecords;
    this.#bytes[index] = (this.#bytes[index] as number) + bytes;
  }

  waited(index: number, ms: number): void {
    this.#waitMs[index] = (this.#waitMs[index] as number) + ms;
  }

  flush(map: ShardMap | undefined): void {
    if (map === undefined) return;
    for (let index = 0; index < this.#records.length; index += 1) {
      const records = this.#records[index] as number;
      const waitMs = this.#waitMs[index] as number;
      if (records === 0 && waitMs === 0) continue;
      const shardId = map.shards[index]?.shardId;
      if (shardId === undefined) continue;
      let counters = this.#counters.get(shardId);
      if (counters === undefined) {
        const labels = { shard_id: shardId };
        counters = {
          records: this.#metrics.counter('kinesis_shard_user_records_total', labels),
          bytes: this.#metrics.counter('kinesis_shard_bytes_total', labels),
          wait: this.#metrics.counter('kinesis_shard_pacing_wait_seconds_total', labels),
        };
        this.#counters.set(shardId, counters);
      }
      if (records > 0) counters.records.increment(records);
      if (records > 0) counters.bytes.increment(this.#bytes[index] as number);
      if (waitMs > 0) counters.wait.increment(waitMs / 1000);
      this.#records[index] = 0;
      this.#bytes[index] = 0;
      this.#waitMs[index] = 0;
    }
  }
}
