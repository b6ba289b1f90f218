import { hash } from 'node:crypto';
import { type KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';

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

  constructor(shards: readonly OpenShard[]) {
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

/**
 * The open shards of `streamName`, every page of ListShards (NextToken). Closed shards (a parent
 * after a split or merge: it has an ending sequence number) are left out here rather than by a
 * `ShardFilter`, which not every Kinesis implementation takes.
 */
export async function listOpenShards(
  client: KinesisClient,
  streamName: string,
  signal: AbortSignal,
): Promise<OpenShard[]> {
  const shards: OpenShard[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListShardsCommand(nextToken === undefined ? { StreamName: streamName } : { NextToken: nextToken }),
      { abortSignal: signal },
    );
    for (const shard of page.Shards ?? []) {
      const ending = shard.SequenceNumberRange?.EndingSequenceNumber;
      if (ending !== undefined && ending !== null) continue;
      const range = shard.HashKeyRange;
      if (
        shard.ShardId === undefined ||
        range?.StartingHashKey === undefined ||
        range.EndingHashKey === undefined
      )
        continue;
      shards.push({
        shardId: shard.ShardId,
        startingHashKey: BigInt(range.StartingHashKey),
        endingHashKey: BigInt(range.EndingHashKey),
      });
    }
    nextToken = page.NextToken ?? undefined;
  } while (nextToken !== undefined);
  return shards;
}
