import type { Histogram } from '@sluice/component-api';
import type { BatchSettings, BuiltRequest, Failure, SendResult } from '@sluice/sink-kit';
import { type PackedRecord, packRecords } from './aggregation.js';
import type { Entry } from './entries.js';
import { requestsOf } from './records.js';
import type { PutRecords } from './requests.js';
import type { ShardAwareness } from './shard-awareness.js';
import { hashKeyOf, type ShardMap } from './shards.js';
import type { StreamWatch } from './stream.js';
import type { MisplacedRecord } from './wire/format.js';

/** One PutRecords call's records, built once per attempt: paced, then sent. */
export interface PutRequest {
  readonly records: readonly PackedRecord[];
  /** Aggregated: `recordOf[i]` is the record that carries the request's entry `i`. Absent: one record per entry. */
  readonly recordOf?: readonly number[];
  /** Aggregated: the request's entries, for the check of where each of them landed. */
  readonly entries?: readonly Entry[];
}

/** How the sink batches, builds, paces and sends its requests: the kit's `batch`, `buildRequests`, `pace`, `send`. */
export interface Packing {
  /** What the sink's batches change of the `batch` options' settings. */
  readonly batch: Partial<BatchSettings>;
  buildRequests(entries: readonly Entry[]): Promise<readonly BuiltRequest<PutRequest, Entry>[]>;
  pace?(request: PutRequest, signal: AbortSignal): Promise<void>;
  send(request: PutRequest, signal: AbortSignal): Promise<SendResult>;
}

export interface PackingSettings {
  readonly batch: Partial<BatchSettings>;
  /** Records and bytes per PutRecords. */
  readonly maxRecords: number;
  readonly maxBytes: number;
  /** The largest aggregate now; undefined when not aggregating (off, or a stream that places records itself). */
  aggregateBytes(): number | undefined;
  /** Aggregates hold one key each (per-key ordering): a key's events of a request succeed or fail together. */
  readonly oneKeyPerAggregate: boolean;
  /** A partition key as the wire format writes it. */
  wireKey(key: string): Buffer;
  /** Aggregating, each Kinesis record built is observed with the events it carries (`kinesis_user_records_per_aggregate`). */
  readonly recordsPerAggregate?: Histogram;
}

/** The wait for the first DescribeStreamSummary before aggregating (it may say AUTO). */
const SUMMARY_WAIT_MS = 10_000;

/**
 * Plain records (one per event; a batch is as many PutRecords as 500 records and 5 MB need) or KPL
 * aggregation (aggregates per predicted shard, or per key), and shard pacing.
 */
export function createPacking(
  settings: PackingSettings,
  watch: StreamWatch,
  shards: ShardAwareness | undefined,
  put: PutRecords,
): Packing {
  const pace =
    shards === undefined
      ? undefined
      : (request: PutRequest, signal: AbortSignal) => shards.pace(request.records, signal);
  let summaryRead: Promise<unknown> | undefined;
  const aggregating = async () => {
    if (settings.aggregateBytes() === undefined) return undefined;
    // Once, bounded: a stream that places records itself (AUTO) must not get aggregates.
    summaryRead ??= Promise.race([
      watch.start(),
      new Promise((resolve) => setTimeout(resolve, SUMMARY_WAIT_MS).unref()),
    ]);
    await summaryRead;
    return settings.aggregateBytes();
  };
  return {
    batch: settings.batch,
    buildRequests: async (entries) => {
      const maxRecordBytes = await aggregating();
      if (maxRecordBytes === undefined) return plainRequests(entries, settings);
      const map = shards?.map;
      const { records, recordOf } = packRecords(entries, {
        maxRecordBytes,
        wireKey: settings.wireKey,
        // One aggregate per predicted shard, so every user record lands where its own key maps;
        // per key while no shard map is known, or when each key's events must succeed together.
        groupOf: (entry) => {
          if (settings.oneKeyPerAggregate || map === undefined) return entry.key;
          const keyed = entry as Entry;
          keyed.hashKey ??= hashKeyOf(entry.key);
          return map.shardOf(keyed.hashKey) ?? entry.key;
        },
      });
      const histogram = settings.recordsPerAggregate;
      if (histogram !== undefined) for (const record of records) histogram.observe(record.userRecords ?? 1);
      return aggregatedRequests(entries, records, recordOf, settings);
    },
    ...(pace === undefined ? {} : { pace }),
    send: async ({ records, recordOf, entries }, signal) => {
      const { result, answer } = await put(records, signal);
      if (recordOf === undefined || entries === undefined) return result;
      // A record's outcome is each of its events' outcome; an aggregate of several keys that
      // landed on a shard some of them do not belong to resends those.
      const byRecord = result.failures;
      const failures: (Failure | undefined)[] = recordOf.map((record) => byRecord?.[record]);
      const misplaced = await misplacedEvents(
        records,
        recordOf,
        entries,
        answer?.elsewhere ?? [],
        shards,
        watch,
      );
      if (byRecord === undefined && misplaced === undefined) return result;
      if (misplaced !== undefined) for (const index of misplaced) failures[index] ??= WRONG_SHARD;
      return { ...result, failures };
    },
  };
}

/** Events resent because their aggregate landed on a shard that does not hold their key (a reshard). */
const WRONG_SHARD: Failure = {
  retryable: true,
  code: 'wrong_shard',
  message:
    'the aggregate carrying it landed on a shard that does not hold its key (the stream was resharded)',
  retryAfterMs: 0,
};

/** How long an answer naming an unknown shard waits for the stream to be read again. */
const UNKNOWN_SHARD_WAIT_MS = 5_000;

/**
 * The entries (request indexes) of aggregates of several keys that landed on a shard whose range
 * does not hold their key: a KCL consumer drops them there, so they are sent again, placed by the
 * new map (as the KPL does). Each accepted aggregate of several keys is checked against the shard
 * it landed on (the one predicted, or the one the answer named): a map changed between packing and
 * sending, or a split, is caught either way. A shard no map knows has the stream read at once;
 * still unknown, every event of that aggregate is resent (at least once, as the KPL does).
 */
async function misplacedEvents(
  records: readonly PackedRecord[],
  recordOf: readonly number[],
  entries: readonly Entry[],
  elsewhere: readonly MisplacedRecord[],
  shards: ShardAwareness | undefined,
  watch: StreamWatch,
): Promise<number[] | undefined> {
  if (shards === undefined || !records.some((record) => (record.keys ?? 1) > 1)) return undefined;
  let landedOn: Map<number, string> | undefined;
  for (const { index, shardId } of elsewhere) {
    if ((records[index]?.keys ?? 1) <= 1) continue;
    landedOn ??= new Map();
    landedOn.set(index, shardId);
  }
  let map: ShardMap | undefined = shards.map;
  if (landedOn !== undefined && [...landedOn.values()].some((id) => map?.rangeOf(id) === undefined)) {
    watch.stale();
    await Promise.race([
      watch.refresh(),
      new Promise((resolve) => setTimeout(resolve, UNKNOWN_SHARD_WAIT_MS).unref()),
    ]);
    map = shards.map;
  }
  let misplaced: number[] | undefined;
  for (let index = 0; index < entries.length; index += 1) {
    const recordIndex = recordOf[index] as number;
    const record = records[recordIndex] as PackedRecord;
    if ((record.keys ?? 1) <= 1) continue;
    const shardId = landedOn?.get(recordIndex) ?? record.shardId;
    if (shardId === undefined) continue; // no map: aggregated per key, always where it belongs
    const range = map?.rangeOf(shardId);
    const entry = entries[index] as Entry;
    if (range !== undefined && entry.key !== undefined) {
      entry.hashKey ??= hashKeyOf(entry.key);
      if (range.start <= entry.hashKey && entry.hashKey <= range.end) continue;
    }
    misplaced ??= [];
    misplaced.push(index);
  }
  return misplaced;
}

/** Entries as plain records: one PutRecords per 500 records and `maxBytes`, each with its entries. */
function plainRequests(
  entries: readonly Entry[],
  settings: PackingSettings,
): BuiltRequest<PutRequest, Entry>[] {
  if (entries.length <= settings.maxRecords) {
    let bytes = 0;
    for (const entry of entries) bytes += entry.recordBytes;
    if (bytes <= settings.maxBytes) return [{ request: { records: entries }, items: entries }];
  }
  return requestsOf(entries, settings.maxRecords, settings.maxBytes).map((chunk) => ({
    request: { records: chunk },
    items: chunk,
  }));
}

/**
 * Packed records split into PutRecords requests (`maxRecords` records, `maxBytes`), each with the
 * entries its records carry, in order.
 */
function aggregatedRequests(
  entries: readonly Entry[],
  records: readonly PackedRecord[],
  recordOf: readonly number[],
  settings: PackingSettings,
): BuiltRequest<PutRequest, Entry>[] {
  const chunks = requestsOf(records, settings.maxRecords, settings.maxBytes);
  const chunkOf: number[] = [];
  const firstRecordOf: number[] = [];
  let first = 0;
  for (const [index, chunk] of chunks.entries()) {
    firstRecordOf.push(first);
    for (let record = 0; record < chunk.length; record += 1) chunkOf.push(index);
    first += chunk.length;
  }
  const requests = chunks.map((chunk) => ({
    records: chunk,
    items: [] as Entry[],
    recordOf: [] as number[],
  }));
  for (let index = 0; index < entries.length; index += 1) {
    const record = recordOf[index] as number;
    const chunk = chunkOf[record] as number;
    const request = requests[chunk] as (typeof requests)[number];
    request.items.push(entries[index] as Entry);
    request.recordOf.push(record - (firstRecordOf[chunk] as number));
  }
  return requests.map(({ records: chunkRecords, items, recordOf: local }) => ({
    request: { records: chunkRecords, recordOf: local, entries: items },
    items,
  }));
}
