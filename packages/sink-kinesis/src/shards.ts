import { hash, randomFillSync } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { type KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { randomPartitionKey } from './records.js';

/** An open shard and the range of 128-bit hash keys it takes, both ends included. */
export interface OpenShard {
  readonly shardId: string;
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
}

/**
 * The hash key Kinesis gives a record: the MD5 of its partition key (UTF-8), a 128-bit big-endian
 * number, here as 32 lowercase hex digits: of equal length, they compare as strings as the numbers
 * do, with no native call and no bigint per record.
 */
export function hashKeyOf(partitionKey: string): string {
  return hash('md5', partitionKey, 'hex');
}

/** A 128-bit number as the 32 hex digits `hashKeyOf` gives. */
export function hashKeyHex(value: bigint): string {
  return value.toString(16).padStart(32, '0');
}

/** An explicit hash key (a decimal string, as PutRecords takes it) as `hashKeyOf` gives hash keys. */
export function explicitHashKeyHex(decimal: string): string {
  return hashKeyHex(BigInt(decimal));
}

/**
 * The open shards of a stream, sorted by hash-key range: which shard a hash key lands on is a
 * binary search over the ranges' starts.
 */
export class ShardMap {
  readonly shards: readonly OpenShard[];
  readonly #starts: readonly string[];
  readonly #ends: readonly string[];
  readonly #ids: ReadonlySet<string>;
  /** Every shard known, open or closed (a parent an answer may still name), by id. */
  readonly #known: ReadonlyMap<string, { readonly start: string; readonly end: string }>;
  readonly #indexes: ReadonlyMap<string, number>;

  constructor(shards: readonly OpenShard[], closed: readonly OpenShard[] = []) {
    this.shards = [...shards].sort((left, right) =>
      left.startingHashKey < right.startingHashKey
        ? -1
        : left.startingHashKey > right.startingHashKey
          ? 1
          : 0,
    );
    this.#starts = this.shards.map((shard) => hashKeyHex(shard.startingHashKey));
    this.#ends = this.shards.map((shard) => hashKeyHex(shard.endingHashKey));
    this.#ids = new Set(this.shards.map((shard) => shard.shardId));
    this.#indexes = new Map(this.shards.map((shard, index) => [shard.shardId, index]));
    this.#known = new Map(
      [...closed, ...this.shards].map((shard) => [
        shard.shardId,
        { start: hashKeyHex(shard.startingHashKey), end: hashKeyHex(shard.endingHashKey) },
      ]),
    );
  }

  /** The index in `shards` of an open shard; -1 when it is not one. */
  indexOfShard(shardId: string): number {
    return this.#indexes.get(shardId) ?? -1;
  }

  /**
   * The hash-key range of a shard, open or closed, as `hashKeyOf` gives hash keys (both ends
   * included); undefined when this map has never heard of it.
   */
  rangeOf(shardId: string): { readonly start: string; readonly end: string } | undefined {
    return this.#known.get(shardId);
  }

  /** The index in `shards` of the shard a hash key (`hashKeyOf`) lands on; -1 in a gap (a map read mid-reshard). */
  indexOf(hashKey: string): number {
    let low = 0;
    let high = this.#starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.#starts[middle] as string) <= hashKey) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found === -1 || (this.#ends[found] as string) < hashKey ? -1 : found;
  }

  /** The shard a hash key (`hashKeyOf`) lands on; undefined in a gap. */
  shardOf(hashKey: string): string | undefined {
    return this.shards[this.indexOf(hashKey)]?.shardId;
  }

  has(shardId: string): boolean {
    return this.#ids.has(shardId);
  }

  /** Same shards, same ranges. */
  equals(other: ShardMap): boolean {
    return (
      other.shards.length === this.shards.length &&
      this.shards.every((shard, index) => {
        const theirs = other.shards[index] as OpenShard;
        return (
          theirs.shardId === shard.shardId &&
          theirs.startingHashKey === shard.startingHashKey &&
          theirs.endingHashKey === shard.endingHashKey
        );
      })
    );
  }
}

/** Keys per shard in a `RandomKeyPool`, and the most keys one holds (a large stream gets fewer per shard). */
const KEYS_PER_SHARD = 8;
const MAX_POOL_KEYS = 32_768;
/** Draws per key wanted before a pool stops filling shards with tiny ranges (they keep fewer keys). */
const MAX_DRAWS_PER_KEY = 32;

/** Draws per slice of `fillPool`: a few milliseconds of MD5s between two turns of the event loop. */
const DRAWS_PER_SLICE = 2_048;

/**
 * Random partition keys hashed once per shard map, so that placing a record with a random key costs
 * an index instead of an MD5 and a search (1-2 µs per record, most of shard awareness's cost). The
 * pool holds keys in proportion to each shard's share of the hash-key space (at least one each), so
 * that keys drawn uniformly from it spread records over shards as fresh random keys do on average.
 * It is filled by `fill` (or `fillPool`, in slices): a map with thousands of shards, or shards with
 * tiny ranges that random keys rarely hit, takes up to a million draws, over a second of MD5s.
 */
export class RandomKeyPool {
  readonly keys: string[] = [];
  /** `hashKeyOf` of each key. */
  readonly hashKeys: string[] = [];
  /** The index in the map's `shards` of each key's shard. */
  readonly shardIndexes: number[] = [];
  readonly #map: ShardMap;
  /** Keys still wanted per shard, how many in all, and the draws left before giving up on the rest. */
  readonly #wanted: number[];
  #missing: number;
  #drawsLeft: number;
  readonly #random = new Uint32Array(1024);
  #next = this.#random.length;

  constructor(map: ShardMap) {
    this.#map = map;
    const shards = map.shards;
    const perShard = Math.max(1, Math.min(KEYS_PER_SHARD, Math.floor(MAX_POOL_KEYS / shards.length)));
    this.#wanted = shards.map((shard) => Math.max(1, Math.round(perShard * shards.length * shareOf(shard))));
    this.#missing = this.#wanted.reduce((sum, count) => sum + count, 0);
    this.#drawsLeft = MAX_DRAWS_PER_KEY * this.#missing;
  }

  /** Whether filling is over: every shard has its keys, or the draws ran out. */
  get filled(): boolean {
    return this.#missing === 0 || this.#drawsLeft === 0;
  }

  /** Draws at most `draws` random keys into the pool; whether it is filled. */
  fill(draws = Number.POSITIVE_INFINITY): boolean {
    const wanted = this.#wanted;
    for (let drawn = 0; drawn < draws && !this.filled; drawn += 1) {
      this.#drawsLeft -= 1;
      const key = randomPartitionKey();
      const hashKey = hashKeyOf(key);
      const index = this.#map.indexOf(hashKey);
      if (index === -1 || (wanted[index] as number) === 0) continue;
      wanted[index] = (wanted[index] as number) - 1;
      this.#missing -= 1;
      this.keys.push(key);
      this.hashKeys.push(hashKey);
      this.shardIndexes.push(index);
    }
    return this.filled;
  }

  /** The index of a key drawn uniformly at random; -1 for an empty pool (every shard in a gap). */
  draw(): number {
    if (this.keys.length === 0) return -1;
    if (this.#next === this.#random.length) {
      randomFillSync(this.#random);
      this.#next = 0;
    }
    return (this.#random[this.#next++] as number) % this.keys.length;
  }
}

/**
 * A pool for `map`, filled a slice at a time with a turn of the event loop between slices, so that
 * sources and timers keep running while it fills. Stops early when `signal` aborts.
 */
export async function fillPool(map: ShardMap, signal?: AbortSignal): Promise<RandomKeyPool> {
  const pool = new RandomKeyPool(map);
  while (signal?.aborted !== true && !pool.fill(DRAWS_PER_SLICE)) await setImmediate();
  return pool;
}

/** The share of the 128-bit hash-key space a shard takes. */
function shareOf(shard: OpenShard): number {
  return Number((shard.endingHashKey - shard.startingHashKey + 1n) >> 64n) / 2 ** 64;
}

/** The stream a request names: by name, or by ARN (the SDK's StreamARN). */
export type StreamReference = { readonly StreamName: string } | { readonly StreamARN: string };

/** Shards per ListShards page asked for (the API's most), so a large stream takes few pages. */
const LIST_SHARDS_PAGE = 10_000;
/** No stream has more shards than this many pages (a million shards, closed ones included). */
const MAX_LIST_SHARDS_PAGES = 100;

/** ListShards paged without end (a token seen before, or more pages than any stream has): its map is not used. */
export class ListShardsPagingError extends Error {
  override readonly name = 'ListShardsPagingError';
}

/**
 * The shards of a stream, every page of ListShards (NextToken), open ones apart: a closed shard (a
 * parent after a split or merge: it has an ending sequence number) is kept for its range, which an
 * answer may still name, but takes no record. Left out here rather than by a `ShardFilter`, which not
 * every Kinesis implementation takes. Paging ends at a repeated token or after more pages than any
 * stream has: a `ListShardsPagingError`, never a loop.
 */
export async function listShards(
  client: KinesisClient,
  stream: StreamReference,
  signal: AbortSignal,
): Promise<{ open: OpenShard[]; closed: OpenShard[] }> {
  const open: OpenShard[] = [];
  const closed: OpenShard[] = [];
  const tokens = new Set<string>();
  let nextToken: string | undefined;
  do {
    if (tokens.size >= MAX_LIST_SHARDS_PAGES)
      throw new ListShardsPagingError(`ListShards gave a next page after ${tokens.size + 1} pages`);
    const page = await client.send(
      new ListShardsCommand(
        nextToken === undefined
          ? { ...stream, MaxResults: LIST_SHARDS_PAGE }
          : { NextToken: nextToken, MaxResults: LIST_SHARDS_PAGE },
      ),
      { abortSignal: signal },
    );
    for (const shard of page.Shards ?? []) {
      const range = shard.HashKeyRange;
      if (
        shard.ShardId === undefined ||
        range?.StartingHashKey === undefined ||
        range.EndingHashKey === undefined
      )
        continue;
      const ending = shard.SequenceNumberRange?.EndingSequenceNumber;
      (ending === undefined || ending === null ? open : closed).push({
        shardId: shard.ShardId,
        startingHashKey: BigInt(range.StartingHashKey),
        endingHashKey: BigInt(range.EndingHashKey),
      });
    }
    nextToken = page.NextToken ?? undefined;
    if (nextToken !== undefined) {
      if (tokens.has(nextToken))
        throw new ListShardsPagingError('ListShards gave a NextToken it had given before');
      tokens.add(nextToken);
    }
  } while (nextToken !== undefined);
  return { open, closed };
}
