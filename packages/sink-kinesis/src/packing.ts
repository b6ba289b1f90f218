import type { BatchSettings, BuiltRequest, SendResult } from '@sluice/sink-kit';
import { type PackedRecord, packRecords } from './aggregation.js';
import type { Entry } from './entries.js';
import type { KinesisSinkOptions } from './options.js';
import { requestsOf } from './records.js';
import type { PutRecords } from './requests.js';
import type { ShardAwareness } from './shard-awareness.js';

/** One PutRecords call's records, built once per attempt: paced, then sent. */
export interface PutRequest {
  readonly records: readonly PackedRecord[];
  /** Aggregated: `recordOf[i]` is the record that carries the request's entry `i`. Absent: one record per entry. */
  readonly recordOf?: readonly number[];
}

/** How the sink batches, builds, paces and sends its requests: the kit's `batch`, `buildRequests`, `pace`, `send`. */
export interface Packing {
  readonly batch: BatchSettings;
  buildRequests(
    entries: readonly Entry[],
  ): readonly BuiltRequest<PutRequest, Entry>[] | Promise<readonly BuiltRequest<PutRequest, Entry>[]>;
  pace?(request: PutRequest, signal: AbortSignal): Promise<void>;
  send(request: PutRequest, signal: AbortSignal): Promise<SendResult>;
}

/**
 * Plain records (one per event, a batch is one PutRecords) or KPL aggregation (aggregates per
 * predicted shard; a batch of bytes becomes as many PutRecords as its aggregates need), and shard
 * pacing.
 */
export function createPacking(
  options: KinesisSinkOptions,
  batch: BatchSettings,
  shards: ShardAwareness | undefined,
  wireKey: (key: string) => Buffer,
  put: PutRecords,
): Packing {
  const pace =
    shards === undefined
      ? undefined
      : (request: PutRequest, signal: AbortSignal) => shards.pace(request.records, signal);
  const paced = pace === undefined ? {} : { pace };
  if (!options.aggregation?.enabled)
    return {
      batch,
      buildRequests: (entries) => [{ request: { records: entries }, items: entries }],
      ...paced,
      send: ({ records }, signal) => put(records, signal),
    };
  const aggregation = {
    maxRecordBytes: aggregateBytesOf(options) ?? options.max_record_bytes,
    wireKey,
    // One aggregate per predicted shard, so every user record lands where its own key maps;
    // by key while no shard map is known.
    groupOf: (key: string) => shards?.shardOf(key) ?? key,
  };
  return {
    // Events are counted in records once aggregated, so bytes and age alone close a batch; and
    // paced, a batch carries at most one second of one shard's bytes: a larger one, sent after its
    // wait, would arrive on a shard as a burst beyond what it takes at once.
    batch: {
      maxBytes: Math.min(
        options.batch.max_bytes,
        shards === undefined
          ? Number.POSITIVE_INFINITY
          : (options.shard_awareness?.shard_bytes_per_second ?? Number.POSITIVE_INFINITY),
      ),
      timeoutMs: batch.timeoutMs,
    },
    buildRequests: async (entries) => {
      await shards?.refresh(); // the shard map groups the aggregates
      const { records, recordOf } = packRecords(entries, aggregation);
      return aggregatedRequests(entries, records, recordOf, options.batch);
    },
    ...paced,
    send: async ({ records, recordOf }, signal) => {
      const result = await put(records, signal);
      // A record's outcome is each of its events' outcome.
      const byRecord = result.failures;
      return byRecord === undefined || recordOf === undefined
        ? result
        : { ...result, failures: recordOf.map((record) => byRecord[record]) };
    },
  };
}

/**
 * Packed records split into PutRecords requests (`batch.max_events` records, `batch.max_bytes`),
 * each with the entries its records carry, in order.
 */
function aggregatedRequests(
  entries: readonly Entry[],
  records: readonly PackedRecord[],
  recordOf: readonly number[],
  limits: KinesisSinkOptions['batch'],
): BuiltRequest<PutRequest, Entry>[] {
  const chunks = requestsOf(records, limits.max_events, limits.max_bytes);
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
    request: { records: chunkRecords, recordOf: local },
    items,
  }));
}

/** The largest aggregated record when aggregating, data and key; undefined when not. */
export function aggregateBytesOf(options: KinesisSinkOptions): number | undefined {
  return options.aggregation?.enabled
    ? Math.min(options.aggregation.max_record_bytes, options.max_record_bytes)
    : undefined;
}
