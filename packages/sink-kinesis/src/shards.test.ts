import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { HttpClient } from '@sluice/sink-kit/http';
import { createTestContext } from '@sluice/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from './client.js';
import { ShardBudgets, type ShardQuota } from './pacing.js';
import { createShardAwareness, type Placement } from './shard-awareness.js';
import {
  explicitHashKeyHex,
  fillPool,
  hashKeyHex,
  hashKeyOf,
  ListShardsPagingError,
  listShards,
  type OpenShard,
  RandomKeyPool,
  ShardMap,
} from './shards.js';
import { StreamWatch } from './stream.js';
import { testOptions } from './test-helpers/options.js';
import { FakeKinesis, fakeHashKeyOf } from './testing/index.js';

const MAX = (1n << 128n) - 1n;

/** `count` shards splitting the hash-key space evenly, as a stream created with `count` shards. */
function evenShards(count: number): OpenShard[] {
  const width = (MAX + 1n) / BigInt(count);
  return Array.from({ length: count }, (_, index) => ({
    shardId: `s${index}`,
    startingHashKey: BigInt(index) * width,
    endingHashKey: BigInt(index + 1) * width - 1n,
  }));
}

describe('hash keys', () => {
  it('is the MD5 of the UTF-8 key as a 128-bit big-endian number, as Kinesis computes it', () => {
    // md5("a") = 0cc175b9c0f1b6a831c399e269772661 (RFC 1321 test suite).
    expect(hashKeyOf('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(hashKeyOf('héllo')).toBe(hashKeyHex(fakeHashKeyOf('héllo')));
    expect(explicitHashKeyHex(String(MAX))).toBe('f'.repeat(32));
    expect(explicitHashKeyHex('1')).toBe(`${'0'.repeat(31)}1`);
    expect(explicitHashKeyHex('0')).toBe('0'.repeat(32));
  });
});

describe('ShardMap', () => {
  const uneven: OpenShard[] = [
    { shardId: 'c', startingHashKey: (MAX / 3n) * 2n + 1n, endingHashKey: MAX },
    { shardId: 'a', startingHashKey: 0n, endingHashKey: 1000n },
    { shardId: 'b', startingHashKey: 1001n, endingHashKey: (MAX / 3n) * 2n },
  ];

  it('finds the shard whose range holds a hash key, ends included, as a scan of bigints does', () => {
    const map = new ShardMap(uneven);
    const scan = (key: bigint) =>
      uneven.find((shard) => shard.startingHashKey <= key && key <= shard.endingHashKey)?.shardId;
    for (const key of [0n, 1000n, 1001n, (MAX / 3n) * 2n, (MAX / 3n) * 2n + 1n, MAX])
      expect(map.shardOf(hashKeyHex(key))).toBe(scan(key));
    fc.assert(
      fc.property(fc.string(), (key) => map.shardOf(hashKeyOf(key)) === scan(fakeHashKeyOf(key))),
      { numRuns: 2000 },
    );
  });

  it('finds no shard in a gap (a map read mid-reshard)', () => {
    const map = new ShardMap([
      { shardId: 'a', startingHashKey: 0n, endingHashKey: 10n },
      { shardId: 'b', startingHashKey: 20n, endingHashKey: MAX },
    ]);
    expect(map.shardOf(hashKeyHex(15n))).toBeUndefined();
    expect(map.shardOf(hashKeyHex(20n))).toBe('b');
    expect(map.has('a')).toBe(true);
    expect(map.has('z')).toBe(false);
  });
});

describe('RandomKeyPool', () => {
  /** Shards taking 1/2, 1/4, 1/8 and 1/8 of the hash-key space. */
  const quarters: OpenShard[] = [
    { shardId: 'half', startingHashKey: 0n, endingHashKey: (1n << 127n) - 1n },
    { shardId: 'quarter', startingHashKey: 1n << 127n, endingHashKey: (3n << 126n) - 1n },
    { shardId: 'eighth-1', startingHashKey: 3n << 126n, endingHashKey: (7n << 125n) - 1n },
    { shardId: 'eighth-2', startingHashKey: 7n << 125n, endingHashKey: MAX },
  ];

  it('holds random 32-hex-digit keys, each with its MD5 and the shard the map gives it', () => {
    const map = new ShardMap(quarters);
    const pool = new RandomKeyPool(map);
    expect(pool.fill()).toBe(true);
    expect(pool.keys.length).toBeGreaterThan(0);
    expect(new Set(pool.keys).size).toBe(pool.keys.length);
    pool.keys.forEach((key, index) => {
      expect(key).toMatch(/^[0-9a-f]{32}$/);
      expect(pool.hashKeys[index]).toBe(hashKeyOf(key));
      expect(pool.shardIndexes[index]).toBe(map.indexOf(hashKeyOf(key)));
    });
  });

  it("holds keys in proportion to each shard's share of the hash-key space, so draws spread records as fresh random keys do", () => {
    const map = new ShardMap(quarters);
    const pool = new RandomKeyPool(map);
    pool.fill();
    const keysOf = (shard: number) => pool.shardIndexes.filter((index) => index === shard).length;
    expect([0, 1, 2, 3].map(keysOf)).toEqual([16, 8, 4, 4]);
    const drawn = [0, 0, 0, 0];
    for (let draw = 0; draw < 32_000; draw += 1) {
      const index = pool.shardIndexes[pool.draw()] as number;
      drawn[index] = (drawn[index] as number) + 1;
    }
    // 16,000 / 8,000 / 4,000 / 4,000 expected; 6 % is over 5 standard deviations.
    [16_000, 8_000, 4_000, 4_000].forEach((expected, shard) => {
      expect(Math.abs((drawn[shard] as number) - expected)).toBeLessThan(expected * 0.06);
    });
  });

  it('gives a large stream fewer keys per shard, at least one each, and skips gaps', () => {
    const shards = evenShards(8192);
    const pool = new RandomKeyPool(new ShardMap(shards));
    pool.fill();
    expect(pool.keys.length).toBe(8192 * 4);
    expect(new Set(pool.shardIndexes).size).toBe(8192);
    const gapped = new RandomKeyPool(
      new ShardMap([{ shardId: 'a', startingHashKey: 0n, endingHashKey: MAX >> 1n }]),
    );
    gapped.fill();
    expect(gapped.keys.length).toBe(4);
    expect(gapped.shardIndexes.every((index) => index === 0)).toBe(true);
  });
  /** A shard with a billionth of the space: random keys seldom hit it, so filling runs out of draws. */
  const tiny: OpenShard[] = [
    { shardId: 'tiny', startingHashKey: 0n, endingHashKey: MAX / 1_000_000_000n },
    { shardId: 'rest', startingHashKey: MAX / 1_000_000_000n + 1n, endingHashKey: MAX },
  ];

  it('fills slice by slice, and gives up on a shard random keys seldom hit after 32 draws per key wanted', () => {
    const pool = new RandomKeyPool(new ShardMap(tiny));
    expect(pool.filled).toBe(false);
    expect(pool.fill(100)).toBe(false);
    expect(pool.keys.length).toBeLessThanOrEqual(100);
    // 17 keys wanted (one for the tiny shard, 16 for the rest), 32 draws each at most: 544 draws.
    let slices = 1;
    while (!pool.fill(100)) slices += 1;
    expect(slices).toBeGreaterThan(4);
    expect(pool.filled).toBe(true);
    expect(pool.shardIndexes.filter((index) => index === 1)).toHaveLength(16);
  });

  it('fills with turns of the event loop between slices, so sources and timers keep running', async () => {
    const shards = evenShards(4096);
    let turns = 0;
    const counting = setInterval(() => {
      turns += 1;
    }, 0);
    try {
      const pool = await fillPool(new ShardMap(shards));
      expect(pool.filled).toBe(true);
      expect(pool.keys.length).toBe(4096 * 8);
      // 32,768 keys take at least 16 slices of 2,048 draws, a turn of the loop after each.
      expect(turns).toBeGreaterThan(0);
    } finally {
      clearInterval(counting);
    }
  });

  it('stops filling when its signal aborts', async () => {
    const aborted = AbortSignal.abort();
    const pool = await fillPool(new ShardMap(tiny), aborted);
    expect(pool.filled).toBe(false);
  });
});

describe('ListShards', () => {
  const fake = new FakeKinesis({ streams: ['logs'], shards: 4, listShardsPageSize: 2 });
  let endpoint = '';
  const http = new HttpClient();
  beforeAll(async () => {
    endpoint = await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    await http.close();
  });
  const client = () =>
    createKinesisClient(
      testOptions(endpoint, { auth: { access_key_id: 'AKIDTEST', secret_access_key: 'secret' } }),
      http,
    );

  /** A watch of the stream (ListShards on, no timed refresh) and shard awareness over it. */
  const watched = (
    kinesis: KinesisClient,
    context: ReturnType<typeof createTestContext>,
    quota: ShardQuota,
    wireKey: (key: string) => Buffer = Buffer.from,
    now?: () => number,
  ) => {
    const watch = new StreamWatch({
      client: kinesis,
      stream: { StreamName: 'logs' },
      name: 'logs',
      refreshIntervalMs: 3_600_000,
      listShards: true,
      context,
    });
    return { watch, awareness: createShardAwareness(watch, quota, wireKey, context, now) };
  };

  it('lists every page (NextToken); open shards apart from closed ones, whose ranges an answer may still name', async () => {
    fake.splitShard('shardId-000000000001');
    const kinesis = client();
    try {
      const { open, closed } = await listShards(kinesis, { StreamName: 'logs' }, AbortSignal.timeout(10_000));
      expect(open.map((shard) => shard.shardId).sort()).toEqual([
        'shardId-000000000000',
        'shardId-000000000002',
        'shardId-000000000003',
        'shardId-000000000004',
        'shardId-000000000005',
      ]);
      expect(closed.map((shard) => shard.shardId)).toEqual(['shardId-000000000001']);
      expect(fake.listShardsCalls).toBe(3); // 6 shards, 2 a page
      // The open shards cover the hash-key space without a gap.
      const map = new ShardMap(open, closed);
      for (const shard of fake.shards.filter((each) => !each.closed)) {
        expect(map.shardOf(hashKeyHex(shard.startingHashKey))).toBe(shard.shardId);
        expect(map.shardOf(hashKeyHex(shard.endingHashKey))).toBe(shard.shardId);
      }
      const parent = fake.shards[1] as OpenShard;
      expect(map.rangeOf('shardId-000000000001')).toEqual({
        start: hashKeyHex(parent.startingHashKey),
        end: hashKeyHex(parent.endingHashKey),
      });
      expect(map.rangeOf('shardId-000000000099')).toBeUndefined();
    } finally {
      kinesis.destroy();
    }
  });

  it('a ListShards that always gives another page ends: a repeated token or too many pages is an error, never a loop (seen sending nothing forever, issue 24)', async () => {
    const kinesis = client();
    try {
      fake.endlessListShards = 'repeat';
      await expect(listShards(kinesis, { StreamName: 'logs' }, AbortSignal.timeout(10_000))).rejects.toThrow(
        ListShardsPagingError,
      );
      fake.endlessListShards = 'new';
      const calls = fake.listShardsCalls;
      await expect(listShards(kinesis, { StreamName: 'logs' }, AbortSignal.timeout(60_000))).rejects.toThrow(
        ListShardsPagingError,
      );
      expect(fake.listShardsCalls - calls).toBe(100);
    } finally {
      fake.endlessListShards = undefined;
      kinesis.destroy();
    }
  });

  it('places random keys when first paced and reads the map again within a second when told it is stale', async () => {
    const kinesis = client();
    const context = createTestContext();
    const { watch, awareness } = watched(
      kinesis,
      context,
      { recordsPerSecond: 1000, bytesPerSecond: 1 << 20 },
      (key) => Buffer.from(JSON.stringify(key)),
    );
    try {
      const records: Placement[] = Array.from({ length: 50 }, () => ({
        partitionKey: undefined,
        recordBytes: 100,
      }));
      const callsBefore = fake.listShardsCalls;
      await watch.start();
      await awareness.pace(records, context.signal);
      for (const record of records) {
        expect(record.key).toMatch(/^[0-9a-f]{32}$/);
        expect(record.partitionKey?.toString()).toBe(JSON.stringify(record.key));
        expect(record.shardId).toBe(fake.shardOf(fakeHashKeyOf(record.key as string)).shardId);
      }
      const callsAfterFirst = fake.listShardsCalls;
      expect(callsAfterFirst).toBeGreaterThan(callsBefore);
      watch.stale();
      await fake.when(() => fake.listShardsCalls > callsAfterFirst);
      expect(
        context.metrics.total('kinesis_shard_map_refreshes_total', { outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      awareness.close();
      await watch.close();
      kinesis.destroy();
    }
  });

  it('per shard: user records, bytes, and the wait a request had for its slowest shard, handed to the metrics at close', async () => {
    const kinesis = client();
    const context = createTestContext();
    // The clock stands still: the 300 records of one shard are 100 over its burst (200 at
    // 1,000/s): that request waits exactly 100 ms, for that shard.
    const { watch, awareness } = watched(
      kinesis,
      context,
      { recordsPerSecond: 1000, bytesPerSecond: 1 << 20 },
      Buffer.from,
      () => 0,
    );
    try {
      await watch.start();
      const shardOf = (key: string) => fake.shardOf(fakeHashKeyOf(key)).shardId;
      const hot = 'hot';
      const cold = Array.from({ length: 50 }, (_, index) => `cold-${index}`).find(
        (key) => shardOf(key) !== shardOf(hot),
      ) as string;
      const records: Placement[] = [
        ...Array.from({ length: 300 }, () => ({
          key: hot,
          partitionKey: Buffer.from(hot),
          recordBytes: 100,
        })),
        // An aggregate of 10 events.
        { key: cold, partitionKey: Buffer.from(cold), recordBytes: 5_000, userRecords: 10 },
      ];
      await awareness.pace(records, context.signal);
      awareness.close();
      const of = (name: string, key: string) => context.metrics.total(name, { shard_id: shardOf(key) });
      expect(of('kinesis_shard_user_records_total', hot)).toBe(300);
      expect(of('kinesis_shard_bytes_total', hot)).toBe(30_000);
      expect(of('kinesis_shard_pacing_wait_seconds_total', hot)).toBeCloseTo(0.1, 6);
      expect(of('kinesis_shard_user_records_total', cold)).toBe(10);
      expect(of('kinesis_shard_bytes_total', cold)).toBe(5_000);
      expect(of('kinesis_shard_pacing_wait_seconds_total', cold)).toBe(0);
      expect(context.metrics.total('kinesis_shard_user_records_total')).toBe(310);
    } finally {
      awareness.close();
      await watch.close();
      kinesis.destroy();
    }
  });

  it('sending never waits on the shard map: pacing before any map is read sends at once', async () => {
    const kinesis = client();
    const context = createTestContext();
    fake.endlessListShards = 'new';
    const { watch, awareness } = watched(kinesis, context, { recordsPerSecond: 1, bytesPerSecond: 1 });
    try {
      const records: Placement[] = [{ key: 'k', partitionKey: Buffer.from('k'), recordBytes: 1_000_000 }];
      // The first read starts here and pages on; the records go unpaced meanwhile.
      await awareness.pace(records, context.signal);
      expect(records[0]?.shardId).toBeUndefined();
      await watch.start();
      expect(context.logger.find('ListShards failed', 'warn')).toHaveLength(1);
      expect(String(context.logger.find('ListShards failed', 'warn')[0]?.fields.error)).toContain(
        'ListShardsPagingError',
      );
    } finally {
      fake.endlessListShards = undefined;
      awareness.close();
      await watch.close();
      kinesis.destroy();
    }
  });
});

describe('ShardBudgets', () => {
  const quota = { recordsPerSecond: 1000, bytesPerSecond: 100_000 };

  it('lets a quiet shard burst a fifth of a second, then paces it to its quota', () => {
    const budgets = new ShardBudgets(['s'], quota);
    let wait = 0;
    for (let record = 0; record < 200; record += 1) wait = budgets.reserve(0, 1, 5, 0);
    expect(wait).toBe(0);
    for (let record = 0; record < 100; record += 1) wait = budgets.reserve(0, 1, 10, 0);
    expect(wait).toBeCloseTo(100); // 100 records at 1,000/s
    // 100 ms on: the records' debt is paid, the bytes' burst (20 kB) full again: 30 kB, more than
    // the burst, goes at once; what comes next waits out its debt (10 kB: 100 ms).
    expect(budgets.reserve(0, 0, 30_000, 100)).toBe(0);
    expect(budgets.reserve(0, 0, 1, 100)).toBeCloseTo(100, 0);
  });

  it('a record larger than the burst goes when its bucket is full, not after refilling its whole size (an 8 MiB record waited 8.1 s)', () => {
    const budgets = new ShardBudgets(['s'], { recordsPerSecond: 1000, bytesPerSecond: 1 << 20 });
    expect(budgets.reserve(0, 1, 8 << 20, 0)).toBe(0);
    // The records after it wait out its debt.
    expect(budgets.reserve(0, 1, 100, 0)).toBeGreaterThan(7_000);
    // Behind other traffic, it waits for a full bucket (a fifth of a second), not 8 s.
    const busy = new ShardBudgets(['s'], { recordsPerSecond: 1000, bytesPerSecond: 1 << 20 });
    busy.reserve(0, 1, 200_000, 0);
    expect(busy.reserve(0, 1, 8 << 20, 0)).toBeLessThan(400);
  });

  it('each shard has its own budget; budgets of shards a new map keeps are carried over', () => {
    const budgets = new ShardBudgets(['a', 'b'], quota);
    for (let record = 0; record < 400; record += 1) budgets.reserve(1, 1, 1, 0);
    expect(budgets.reserve(0, 1, 1, 0)).toBe(0);
    expect(budgets.reserve(1, 1, 1, 0)).toBeCloseTo(201); // b: 201 over its burst at 1,000/s
    const next = new ShardBudgets(['c', 'b'], quota, budgets);
    expect(next.reserve(0, 1, 1, 0)).toBe(0);
    expect(next.reserve(1, 1, 1, 0)).toBeCloseTo(202);
  });

  it('slows a throttled shard (multiplicative decrease) and lets it recover slowly', () => {
    const budgets = new ShardBudgets(['s', 'other'], quota);
    budgets.throttled(0, 0);
    expect(budgets.factor(0, 0)).toBeCloseTo(0.7);
    budgets.throttled(0, 0);
    expect(budgets.factor(0, 0)).toBeCloseTo(0.49);
    expect(budgets.factor(1, 0)).toBe(1);
    // Emptied by the throttle: 49 records wait 100 ms at 490/s (within the burst of 0.2 s: 0 ms over it).
    let wait = 0;
    for (let record = 0; record < 49; record += 1) wait = budgets.reserve(0, 1, 0, 0);
    expect(wait).toBeCloseTo(100);
    expect(budgets.factor(0, 4000)).toBeCloseTo(0.69);
    expect(budgets.factor(0, 60_000)).toBe(1);
    // Paces are brought up to date by `step`: back to 1,000/s.
    budgets.step(60_000);
    for (let record = 0; record < 300; record += 1) wait = budgets.reserve(0, 1, 0, 60_000);
    expect(wait).toBeCloseTo(100);
  });
});
