import type { KinesisClient, PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import { type ComponentContext, rateLimitedLog, sleep } from '@sluice/component-api';
import { type ShardBudget, ShardPacer, type ShardQuota } from './pacing.js';
import { randomPartitionKey } from './records.js';
import { fillPool, hashKeyOf, listOpenShards, type RandomKeyPool, ShardMap } from './shards.js';

/** The `shard_awareness` table (a Sluice extension; Vector has no such options). */
export interface ShardAwarenessOptions {
  enabled: boolean;
  refresh_interval_secs: number;
  shard_records_per_second: number;
  shard_bytes_per_second: number;
}

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
}

/** Shortest time between two ListShards calls asked for by a sign of resharding. */
const MIN_REFRESH_INTERVAL_MS = 1_000;

export interface ShardAwareness {
  /** Reads the shard map now (after the healthcheck); never throws. */
  refresh(): Promise<void>;
  /**
   * Places each record on its shard (drawing random keys now, so their shard is known) and waits
   * until every shard's budget takes its share; at once without a shard map. Honours `signal`.
   */
  pace(records: readonly Placement[], signal: AbortSignal): Promise<void>;
  /** The shard a partition key maps to by the current map; undefined without one. */
  shardOf(key: string): string | undefined;
  /** Reads a PutRecords answer's per-record results: throttles slow their shard, unknown shards refresh the map. */
  observe(records: readonly Placement[], results: readonly PutRecordsResultEntry[] | undefined): void;
  /** A sign that the stream is being resharded: the map is read again soon (at most once a second). */
  stale(): void;
  /** Aborts a ListShards in flight. */
  close(): void;
}

/**
 * Shard awareness: the stream's open shards (ListShards at start and every refresh interval) and a
 * token bucket per shard, so that requests are shaped to what each shard takes. Without ListShards
 * (denied, unsupported) it logs and sends as before, without shard awareness, trying again at the
 * next interval.
 */
export function createShardAwareness(
  client: KinesisClient,
  streamName: string,
  options: ShardAwarenessOptions,
  wireKey: (key: string) => Buffer,
  context: Pick<ComponentContext, 'logger' | 'metrics' | 'signal'>,
  now: () => number = () => performance.now(),
): ShardAwareness {
  const { logger, metrics } = context;
  const quota: ShardQuota = {
    recordsPerSecond: options.shard_records_per_second,
    bytesPerSecond: options.shard_bytes_per_second,
  };
  const pacer = new ShardPacer(quota, now);
  const intervalMs = options.refresh_interval_secs * 1000;
  const closing = new AbortController();
  const openShards = metrics.gauge('kinesis_open_shards');
  const refreshed = metrics.counter('kinesis_shard_map_refreshes_total', { outcome: 'ok' });
  const refreshFailed = metrics.counter('kinesis_shard_map_refreshes_total', { outcome: 'failed' });
  const throttledBy = new Map<string, { increment(value?: number): void }>();
  const warnUnavailable = rateLimitedLog(logger, 'warn', 10 * 60_000);
  let map: ShardMap | undefined;
  /** Random keys for `map` once filled (a key per record until then), and their wire form, made when first drawn. */
  let randomKeys: RandomKeyPool | undefined;
  let randomWireKeys: Buffer[] = [];
  /** Counts the pools asked for: a pool filled for a map replaced meanwhile is not used. */
  let poolsAsked = 0;
  /** The budgets of `map`'s shards, by index, and per-request tallies of the same length. */
  let budgets: ShardBudget[] = [];
  let tallyRecords = new Float64Array(0);
  let tallyBytes = new Float64Array(0);
  let dueAt = Number.NEGATIVE_INFINITY;
  let lastRefreshAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | undefined;
  let first: Promise<void> | undefined;
  let staleTimer: NodeJS.Timeout | undefined;

  const refresh = (): Promise<void> => {
    running ??= (async () => {
      lastRefreshAt = now();
      dueAt = lastRefreshAt + intervalMs;
      try {
        const signal = AbortSignal.any([closing.signal, context.signal, AbortSignal.timeout(30_000)]);
        const shards = await listOpenShards(client, streamName, signal);
        if (shards.length === 0) throw new Error('ListShards listed no open shard');
        const next = new ShardMap(shards);
        if (map === undefined || !map.equals(next)) {
          logger.info(`shard map of stream "${streamName}": ${shards.length} open shards`);
          pacer.retain(new Set(shards.map((shard) => shard.shardId)));
          randomKeys = undefined;
          randomWireKeys = [];
          const asked = ++poolsAsked;
          void fillPool(next, closing.signal).then((pool) => {
            if (asked === poolsAsked) randomKeys = pool;
          });
        }
        map = next;
        budgets = pacer.budgets(next.shards.map((shard) => shard.shardId));
        tallyRecords = new Float64Array(next.shards.length);
        tallyBytes = new Float64Array(next.shards.length);
        openShards.set(shards.length);
        refreshed.increment();
      } catch (error) {
        if (closing.signal.aborted || context.signal.aborted) return;
        refreshFailed.increment();
        warnUnavailable(
          map === undefined
            ? 'ListShards failed: sending without shard awareness (no per-shard pacing) until it succeeds; the sink needs kinesis:ListShards'
            : 'ListShards failed: pacing by the last shard map read',
          {
            stream: streamName,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          },
        );
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const throttledCounter = (shardId: string) => {
    let counter = throttledBy.get(shardId);
    if (counter === undefined) {
      counter = metrics.counter('kinesis_shard_throttled_records_total', { shard_id: shardId });
      throttledBy.set(shardId, counter);
    }
    return counter;
  };

  return {
    refresh: () => {
      first ??= refresh();
      return first;
    },
    async pace(records, signal) {
      first ??= refresh();
      await first;
      if (now() >= dueAt) void refresh();
      const current = map;
      if (current === undefined) return;
      const touched: number[] = [];
      const pool = randomKeys;
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
        if (tallyRecords[index] === 0) touched.push(index);
        tallyRecords[index] = (tallyRecords[index] as number) + 1;
        tallyBytes[index] = (tallyBytes[index] as number) + record.recordBytes;
      }
      const at = pacer.now();
      let wait = 0;
      for (const index of touched) {
        wait = Math.max(
          wait,
          (budgets[index] as ShardBudget).reserve(
            tallyRecords[index] as number,
            tallyBytes[index] as number,
            at,
          ),
        );
        tallyRecords[index] = 0;
        tallyBytes[index] = 0;
      }
      if (wait > 0) await sleep(wait, signal);
    },
    shardOf(key) {
      return map?.shardOf(hashKeyOf(key));
    },
    observe(records, results) {
      const current = map;
      if (current === undefined || results === undefined) return;
      let unknownShard = false;
      const throttled = new Map<string, number>();
      for (let index = 0; index < results.length; index += 1) {
        const result = results[index] as PutRecordsResultEntry;
        if (result.ErrorCode === 'ProvisionedThroughputExceededException') {
          const shardId = records[index]?.shardId;
          if (shardId !== undefined) throttled.set(shardId, (throttled.get(shardId) ?? 0) + 1);
        } else if (typeof result.ShardId === 'string' && !current.has(result.ShardId)) {
          unknownShard = true;
        }
      }
      for (const [shardId, count] of throttled) {
        pacer.throttled(shardId);
        throttledCounter(shardId).increment(count);
      }
      if (unknownShard) this.stale();
    },
    stale() {
      if (staleTimer !== undefined || running !== undefined || closing.signal.aborted) return;
      staleTimer = setTimeout(
        () => {
          staleTimer = undefined;
          void refresh();
        },
        Math.max(0, lastRefreshAt + MIN_REFRESH_INTERVAL_MS - now()),
      );
      staleTimer.unref();
    },
    close() {
      clearTimeout(staleTimer);
      closing.abort();
    },
  };
}
