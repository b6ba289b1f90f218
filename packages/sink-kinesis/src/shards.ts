import { hash } from 'node:crypto';
import { type KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';

/** An open shard and the range of 128-bit hash keys it takes, both ends included. */
export interface OpenShard {
  readonly shardId: string;
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
}

/** The hash key Kinesis gives a record: the MD5 of its partition key (UTF-8), a 128-bit big-endian number. */
export function hashKeyOf(partitionKey: string): Buffer {
  return hash('md5', partitionKey, 'buffer');
}

/** A 128-bit number as the 16 big-endian bytes `hashKeyOf` gives, so both compare as buffers. */
export function hashKeyBytes(value: bigint): Buffer {
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeBigUInt64BE(value >> 64n, 0);
  bytes.writeBigUInt64BE(value & 0xffff_ffff_ffff_ffffn, 8);
  return bytes;
}

/** An explicit hash key (a decimal string, as PutRecords takes it) as 16 big-endian bytes. */
export function explicitHashKeyBytes(decimal: string): Buffer {
  return hashKeyBytes(BigInt(decimal));
}

/**
 * The open shards of a stream, sorted by hash-key range: which shard a hash key lands on is a
 * binary search over the ranges' starts, compared as 16-byte buffers (no bigint per record).
 */
export class ShardMap {
  readonly shards: readonly OpenShard[];
  readonly #starts: readonly Buffer[];
  readonly #ends: readonly Buffer[];
  readonly #ids: ReadonlySet<string>;

  constructor(shards: readonly OpenShard[]) {
    this.shards = [...shards].sort((left, right) =>
      left.startingHashKey < right.startingHashKey
        ? -1
        : left.startingHashKey > right.startingHashKey
          ? 1
          : 0,
    );
    this.#starts = this.shards.map((shard) => hashKeyBytes(shard.startingHashKey));
    this.#ends = this.shards.map((shard) => hashKeyBytes(shard.endingHashKey));
    this.#ids = new Set(this.shards.map((shard) => shard.shardId));
  }

  /** The shard a 16-byte hash key lands on; undefined in a gap (a map read mid-reshard). */
  shardOf(hashKey: Buffer): string | undefined {
    let low = 0;
    let high = this.#starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.#starts[middle] as Buffer).compare(hashKey) <= 0) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found === -1 || (this.#ends[found] as Buffer).compare(hashKey) < 0) return undefined;
    return (this.shards[found] as OpenShard).shardId;
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
