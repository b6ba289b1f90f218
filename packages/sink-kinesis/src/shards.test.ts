import { createTestContext } from '@sluice/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from './client.js';
import type { KinesisSinkOptions } from './options.js';
import { ShardPacer } from './pacing.js';
import { createShardAwareness, type Placement } from './shard-awareness.js';
import {
  explicitHashKeyHex,
  fillPool,
  hashKeyHex,
  hashKeyOf,
  listOpenShards,
  type OpenShard,
  RandomKeyPool,
  ShardMap,
} from './shards.js';
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
  beforeAll(async () => {
    endpoint = await fake.start();
  });
  afterAll(() => fake.stop());
  const options = (): KinesisSinkOptions => ({
    stream_name: 'logs',
    region: 'us-east-1',
    endpoint,
    max_record_bytes: 1024 * 1024,
    batch: { max_events: 500, max_bytes: 5_000_000, timeout_secs: 1 },
    request: {
      protocol: 'cbor',
      concurrency: 1,
      rate_limit_duration_secs: 1,
      timeout_secs: 5,
      retry_initial_backoff_secs: 1,
      retry_max_duration_secs: 1,
    },
    auth: { access_key_id: 'AKIDTEST', secret_access_key: 'secret', load_timeout_secs: 5 },
  });

  it('lists every page (NextToken) and keeps only open shards: a split parent is left out', async () => {
    fake.splitShard('shardId-000000000001');
    const client = createKinesisClient(options());
    try {
      const shards = await listOpenShards(client, 'logs', AbortSignal.timeout(10_000));
      expect(shards.map((shard) => shard.shardId).sort()).toEqual([
        'shardId-000000000000',
        'shardId-000000000002',
        'shardId-000000000003',
        'shardId-000000000004',
        'shardId-000000000005',
      ]);
      expect(fake.listShardsCalls).toBe(3); // 6 shards, 2 a page
      // The open shards cover the hash-key space without a gap.
      const map = new ShardMap(shards);
      for (const shard of fake.shards.filter((each) => !each.closed)) {
        expect(map.shardOf(hashKeyHex(shard.startingHashKey))).toBe(shard.shardId);
        expect(map.shardOf(hashKeyHex(shard.endingHashKey))).toBe(shard.shardId);
      }
    } finally {
      client.destroy();
    }
  });

  it('places random keys when first paced and refreshes at most once a second when told the map is stale', async () => {
    const client = createKinesisClient(options());
    const context = createTestContext();
    const time = 0;
    const awareness = createShardAwareness(
      client,
      'logs',
      {
        enabled: true,
        refresh_interval_secs: 3600,
        shard_records_per_second: 1000,
        shard_bytes_per_second: 1 << 20,
      },
      (key) => Buffer.from(JSON.stringify(key)),
      context,
      () => time,
    );
    try {
      const records: Placement[] = Array.from({ length: 50 }, () => ({
        partitionKey: undefined,
        recordBytes: 100,
      }));
      const callsBefore = fake.listShardsCalls;
      await awareness.pace(records, context.signal);
      for (const record of records) {
        expect(record.key).toMatch(/^[0-9a-f]{32}$/);
        expect(record.partitionKey?.toString()).toBe(JSON.stringify(record.key));
        expect(record.shardId).toBe(fake.shardOf(fakeHashKeyOf(record.key as string)).shardId);
      }
      const callsAfterFirst = fake.listShardsCalls;
      expect(callsAfterFirst).toBeGreaterThan(callsBefore);
      // An answer naming a shard the map does not know: the map is read again.
      awareness.observe(records.slice(0, 1), [{ SequenceNumber: '1', ShardId: 'shardId-000000000099' }]);
      await fake.when(() => fake.listShardsCalls > callsAfterFirst);
      expect(
        context.metrics.total('kinesis_shard_map_refreshes_total', { outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      awareness.close();
      client.destroy();
    }
  });
});

describe('ShardPacer', () => {
  const quota = { recordsPerSecond: 1000, bytesPerSecond: 100_000 };

  it('lets a quiet shard burst a fifth of a second, then paces it to its quota', () => {
    let time = 0;
    const pacer = new ShardPacer(quota, () => time);
    const load = (records: number, bytes: number) => new Map([['s', { records, bytes }]]);
    expect(pacer.reserve(load(200, 1000))).toBe(0);
    expect(pacer.reserve(load(100, 1000))).toBeCloseTo(100); // 100 records at 1,000/s
    time = 100;
    // Refilled: the records' debt is paid, the bytes' burst (20 kB) full again; 30 kB is 10 kB over it.
    expect(pacer.reserve(load(0, 30_000))).toBeCloseTo(100);
  });

  it('waits for the slowest shard of a request; each shard has its own budget', () => {
    const pacer = new ShardPacer(quota, () => 0);
    const wait = pacer.reserve(
      new Map([
        ['a', { records: 100, bytes: 10 }],
        ['b', { records: 400, bytes: 10 }],
      ]),
    );
    expect(wait).toBeCloseTo(200); // b: 200 over its burst at 1,000/s
  });

  it('slows a throttled shard (multiplicative decrease) and lets it recover slowly', () => {
    let time = 0;
    const pacer = new ShardPacer(quota, () => time);
    pacer.throttled('s');
    expect(pacer.factor('s')).toBeCloseTo(0.7);
    pacer.throttled('s');
    expect(pacer.factor('s')).toBeCloseTo(0.49);
    expect(pacer.factor('other')).toBe(1);
    // Emptied by the throttle: 49 records wait 100 ms at 490/s.
    expect(pacer.reserve(new Map([['s', { records: 49, bytes: 0 }]]))).toBeCloseTo(100);
    time = 4000;
    expect(pacer.factor('s')).toBeCloseTo(0.69);
    time = 60_000;
    expect(pacer.factor('s')).toBe(1);
  });
});
