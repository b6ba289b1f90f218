import type { BatchSettings, Failure, RequestResult } from '@sluice/sink-kit';
import { type PackedRecord, packRecords } from './aggregation.js';
import type { Entry } from './entries.js';
import type { KinesisSinkOptions } from './options.js';
import { requestsOf } from './records.js';
import { classifyError, type PutRecords } from './requests.js';
import type { ShardAwareness } from './shard-awareness.js';

/** One attempt's PutRecords records, built once: paced, then sent. */
export interface PutRequest {
  readonly records: readonly PackedRecord[];
  /** Aggregated: `recordOf[i]` is the record that carries entry `i`. Absent: one record per entry. */
  readonly recordOf?: readonly number[];
}

/** How the sink packs, paces and sends its requests: the kit's `batch`, `buildRequest`, `pace`, `send`. */
export interface Packing {
  readonly batch: BatchSettings;
  buildRequest(entries: readonly Entry[]): PutRequest | Promise<PutRequest>;
  pace?(request: PutRequest, signal: AbortSignal): Promise<void>;
  send(request: PutRequest, signal: AbortSignal): Promise<RequestResult>;
}

/**
 * Aggregation (KPL records, one aggregate per predicted shard) and shard pacing: how entries
 * become PutRecords records, when they may leave, and how an aggregated request is split.
 */
export function createPacking(
  options: KinesisSinkOptions,
  batch: BatchSettings,
  shards: ShardAwareness | undefined,
  wireKey: (key: string) => Buffer,
  put: PutRecords,
): Packing {
  const aggregation = options.aggregation?.enabled
    ? {
        maxRecordBytes: aggregateBytesOf(options) ?? options.max_record_bytes,
        wireKey,
        // One aggregate per predicted shard, so every user record lands where its own key maps;
        // by key while no shard map is known.
        groupOf: (key: string) => shards?.shardOf(key) ?? key,
      }
    : undefined;
  const pace =
    shards === undefined
      ? undefined
      : (request: PutRequest, signal: AbortSignal) => shards.pace(request.records, signal);
  if (aggregation === undefined)
    return {
      batch,
      buildRequest: (entries) => ({ records: entries }),
      ...(pace === undefined ? {} : { pace }),
      send: ({ records }, signal) => put(records, signal),
    };
  return {
    // Aggregated, events are counted in records when a request is built, not when batched; and
    // paced, a request carries at most one second of one shard's bytes: a larger one, sent after
    // its wait, would arrive on a shard as a burst beyond what the shard takes at once.
    batch: {
      ...batch,
      maxEvents: Number.MAX_SAFE_INTEGER,
      maxBytes: Math.min(
        options.batch.max_bytes,
        shards === undefined
          ? Number.POSITIVE_INFINITY
          : (options.shard_awareness?.shard_bytes_per_second ?? Number.POSITIVE_INFINITY),
      ),
    },
    buildRequest: async (entries) => {
      await shards?.refresh(); // the shard map groups the aggregates
      return packRecords(entries, aggregation);
    },
    ...(pace === undefined ? {} : { pace }),
    send: async ({ records, recordOf = [] }, signal) => {
      const recordFailures: (Failure | undefined)[] = [];
      let sentBytes = 0;
      // Aggregates of many groups may pass the request's limits: then more than one PutRecords.
      for (const chunk of requestsOf(records, options.batch.max_events, options.batch.max_bytes)) {
        let result: Awaited<ReturnType<PutRecords>>;
        try {
          result = await put(chunk, signal);
        } catch (error) {
          // Nothing accepted yet: the kit classifies it; otherwise only what was not sent fails.
          if (recordFailures.length === 0) throw error;
          const failure = classifyError(error);
          for (let index = recordFailures.length; index < records.length; index += 1)
            recordFailures.push(failure);
          break;
        }
        sentBytes += result.sentBytes;
        for (let index = 0; index < chunk.length; index += 1) recordFailures.push(result.failures?.[index]);
      }
      if (recordFailures.every((failure) => failure === undefined)) return { sentBytes, status: 200 };
      return { sentBytes, failures: recordOf.map((record) => recordFailures[record]), status: 200 };
    },
  };
}

/** The largest aggregated record when aggregating, data and key; undefined when not. */
export function aggregateBytesOf(options: KinesisSinkOptions): number | undefined {
  return options.aggregation?.enabled
    ? Math.min(options.aggregation.max_record_bytes, options.max_record_bytes)
    : undefined;
}
