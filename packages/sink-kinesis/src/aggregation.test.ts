import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGGREGATION_MAGIC,
  type AggregatableRecord,
  Aggregate,
  deaggregate,
  goesAlone,
  packRecords,
  varintBytes,
} from './aggregation.js';
import { RANDOM_KEY_BYTES } from './limits.js';
import type { PreparedRecord } from './records.js';
import { awsKinesisAgg, deaggregatedByAws as byAws } from './test-helpers/aws-kinesis-agg.js';
import { quotedKey } from './wire/json.js';

/** User records of a prepared record, as aws-kinesis-agg reads them. */
function deaggregatedByAws(record: PreparedRecord, partitionKey: string) {
  const data = typeof record.data === 'string' ? Buffer.from(record.data) : record.data;
  return byAws(data, partitionKey).map((user) => ({
    partitionKey: user.partitionKey,
    data: user.data.toString(),
  }));
}

const entry = (data: string, key: string | undefined, maxRecordBytes = 51_200): AggregatableRecord => {
  const dataBytes = Buffer.byteLength(data);
  const keyBytes = key === undefined ? RANDOM_KEY_BYTES : Buffer.byteLength(key);
  return {
    data,
    dataBytes,
    key,
    partitionKey: key === undefined ? undefined : quotedKey(key),
    recordBytes: dataBytes + keyBytes,
    alone: goesAlone(dataBytes, keyBytes, maxRecordBytes),
  };
};

const keyOf = (record: PreparedRecord): string =>
  record.partitionKey === undefined ? '(random)' : (JSON.parse(record.partitionKey.toString()) as string);

describe('KPL aggregation', () => {
  it('varints are sized as protobuf writes them', () => {
    expect([0, 127, 128, 16_383, 16_384, 2 ** 21, 2 ** 35].map(varintBytes)).toEqual([1, 1, 2, 2, 3, 4, 6]);
  });

  it('aggregates deaggregate with aws-kinesis-agg into exactly the events, with their keys', () => {
    const events = Array.from({ length: 300 }, (_, index) =>
      entry(`{"n":${index},"text":"héllo ${'x'.repeat(index % 50)}"}`, `user-${index % 3}`),
    );
    const { records, recordOf } = packRecords(events, { maxRecordBytes: 4_000, wireKey: quotedKey });
    const readBack = records.flatMap((record) => deaggregatedByAws(record, keyOf(record)));
    const sortKey = (value: { partitionKey: string; data: string }) => `${value.partitionKey}|${value.data}`;
    expect(readBack.map(sortKey).sort()).toEqual(
      events
        .map((event) => sortKey({ partitionKey: event.key as string, data: event.data as string }))
        .sort(),
    );
    // One key per aggregate (grouped by key without a shard map), sent with that key; each bounded.
    for (const record of records) {
      expect(record.recordBytes).toBeLessThanOrEqual(4_000);
      expect(record.recordBytes).toBe(record.dataBytes + Buffer.byteLength(keyOf(record)));
      expect(new Set(deaggregatedByAws(record, keyOf(record)).map((user) => user.partitionKey))).toEqual(
        new Set([keyOf(record)]),
      );
    }
    // Each event maps to the record that carries it.
    events.forEach((event, index) => {
      const record = records[recordOf[index] as number] as PreparedRecord;
      expect(deaggregatedByAws(record, keyOf(record)).map((user) => user.data)).toContain(event.data);
    });
    expect(records.length).toBeLessThan(30);
  });

  it('random keys: one key per aggregate, drawn for it, not one per event', () => {
    const events = Array.from({ length: 200 }, (_, index) => entry(`event ${index}`, undefined));
    const { records } = packRecords(events, { maxRecordBytes: 51_200, wireKey: quotedKey });
    expect(records).toHaveLength(1);
    const record = records[0] as PreparedRecord;
    const users = deaggregatedByAws(record, keyOf(record));
    expect(users.map((user) => user.data)).toEqual(events.map((event) => event.data));
    expect(new Set(users.map((user) => user.partitionKey))).toEqual(new Set([keyOf(record)]));
    expect(keyOf(record)).toMatch(/^[0-9a-f]{32}$/);
    // Exactly: magic and MD5 (20), the key once (34), and per event its data and 6 bytes of framing.
    expect(record.dataBytes).toBe(20 + 34 + events.reduce((sum, event) => sum + event.dataBytes + 6, 0));
  });

  it('with a shard map, events of different keys on one shard share an aggregate sent with the first key', () => {
    const events = ['a', 'b', 'c', 'd'].map((key) => entry(`data-${key}`, key));
    const shardOf = ({ key }: { key: string }) => (key === 'a' || key === 'c' ? 'shard-0' : 'shard-1');
    const { records } = packRecords(events, { maxRecordBytes: 51_200, wireKey: quotedKey, groupOf: shardOf });
    expect(records.map(keyOf)).toEqual(['a', 'b']);
    expect(deaggregatedByAws(records[0] as PreparedRecord, 'a')).toEqual([
      { partitionKey: 'a', data: 'data-a' },
      { partitionKey: 'c', data: 'data-c' },
    ]);
  });

  it('an event too large for an aggregate goes alone, after what its key had before (order per key kept)', () => {
    const events = [entry('small 1', 'k', 200), entry('x'.repeat(300), 'k', 200), entry('small 2', 'k', 200)];
    expect(events.map((event) => event.alone)).toEqual([false, true, false]);
    const { records, recordOf } = packRecords(events, { maxRecordBytes: 200, wireKey: quotedKey });
    // An aggregate of one is sent as the plain record it holds.
    expect(records.map((record) => record.data)).toEqual(['small 1', 'x'.repeat(300), 'small 2']);
    expect(recordOf).toEqual([0, 1, 2]);
  });

  it('an aggregate is closed before it passes its bound, whatever the sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 400 }), fc.constantFrom('k1', 'ключ', undefined)), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.integer({ min: 100, max: 3_000 }),
        (pairs, bound) => {
          const events = pairs.map(([data, key]) => entry(data, key, bound));
          const { records, recordOf } = packRecords(events, { maxRecordBytes: bound, wireKey: quotedKey });
          const readBack: string[] = [];
          for (const record of records) {
            const users = deaggregate(
              typeof record.data === 'string' ? Buffer.from(record.data) : record.data,
              keyOf(record),
            );
            if (users.length > 1) expect(record.recordBytes).toBeLessThanOrEqual(bound);
            readBack.push(...users.map((user) => user.data.toString()));
          }
          expect(readBack.sort()).toEqual(events.map((event) => event.data as string).sort());
          expect(recordOf.every((index) => index >= 0 && index < records.length)).toBe(true);
        },
      ),
    );
  });

  it("Sluice's reader reads aws-kinesis-agg's aggregates, and its own, checking the MD5", () => {
    const aggregator = new awsKinesisAgg.RecordAggregator();
    for (const [key, data] of [
      ['k1', 'one'],
      ['k2', 'twö'],
      ['k1', ''],
    ] as const)
      aggregator.addUserRecord({ partitionKey: key, data: Buffer.from(data) });
    const built = aggregator.build();
    expect(built.data.subarray(0, 4)).toEqual(AGGREGATION_MAGIC);
    expect(
      deaggregate(built.data, built.partitionKey).map((user) => [user.partitionKey, user.data.toString()]),
    ).toEqual([
      ['k1', 'one'],
      ['k2', 'twö'],
      ['k1', ''],
    ]);

    const own = new Aggregate();
    own.add({ data: Buffer.from([0, 1, 2]), dataBytes: 3 }, 'k');
    const encoded = own.encode();
    expect(encoded.length).toBe(own.dataBytes);
    expect(deaggregate(encoded, 'k')).toEqual([{ partitionKey: 'k', data: Buffer.from([0, 1, 2]) }]);
    const corrupt = Buffer.from(encoded);
    corrupt[6] = (corrupt[6] as number) ^ 1;
    expect(() => deaggregate(corrupt, 'k')).toThrow(/MD5/);
    expect(deaggregate(Buffer.from('plain'), 'p')).toEqual([
      { partitionKey: 'p', data: Buffer.from('plain') },
    ]);
  });
});
