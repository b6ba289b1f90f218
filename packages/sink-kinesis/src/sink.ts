import { warnEndpointWithoutScheme } from '@sluice/aws';
import type { ComponentContext, OptionProblem, Sink } from '@sluice/component-api';
import { type EncodingConfig, encodingProblems } from '@sluice/encoding';
import { defineNetworkSink, maxConcurrencyOf, type NetworkSinkParts } from '@sluice/sink-kit';
import { HttpClient } from '@sluice/sink-kit/http';
import { AGGREGATE_OVERHEAD } from './aggregation.js';
import { createKinesisClient, regionOf, streamOf } from './client.js';
import { type Entry, entryPreparer, type RecordLimits } from './entries.js';
import { healthcheckOf } from './healthcheck.js';
import {
  DEFAULT_MAX_RECORD_BYTES,
  MAX_PARTITION_KEY_LENGTH,
  MAX_RECORDS_PER_REQUEST,
  MAX_REQUEST_BYTES,
} from './limits.js';
import {
  batchDefaults,
  deprecatedOptions,
  type KinesisSinkOptions,
  ownOptions,
  requestOptions,
} from './options.js';
import { createPacking, type PutRequest } from './packing.js';
import { putRecordsWith } from './put-records.js';
import { classifyError, putRecordsOf } from './requests.js';
import { createShardAwareness } from './shard-awareness.js';
import { StreamWatch } from './stream.js';
import { cborWire } from './wire/cbor.js';
import { jsonWire } from './wire/json.js';

/** Problems `create` would meet, found without I/O. */
function problemsOf(options: KinesisSinkOptions): OptionProblem[] {
  const problems: OptionProblem[] = [...encodingProblems(options.encoding as EncodingConfig | undefined)];
  if ((options.stream_name === undefined) === (options.stream_arn === undefined))
    problems.push({ path: 'stream_name', message: 'set exactly one of stream_name and stream_arn' });
  if (options.ordering === 'partition_key' && options.partition_key_field === undefined)
    problems.push({
      path: 'ordering',
      message: '"partition_key" needs partition_key_field (random keys have no order to keep)',
    });
  return problems;
}

/** Bytes of one key's events in one request under per-key ordering: what one aggregate holds, or one event. */
function keyBytesPerBatch(limits: RecordLimits): number {
  const aggregate = limits.aggregateBytes();
  // The aggregate's own partition key counted at its longest (256 UTF-16 units, 3 UTF-8 bytes each).
  return aggregate === undefined ? 0 : aggregate - AGGREGATE_OVERHEAD - 3 * MAX_PARTITION_KEY_LENGTH;
}

/**
 * The Kinesis sink: events prepared as entries (`entries.ts`), packed and paced per shard
 * (`packing.ts`), sent as PutRecords in the wire format of `request.protocol`; the kit does the rest.
 */
function kinesisParts(
  options: KinesisSinkOptions,
  context: ComponentContext,
): NetworkSinkParts<Entry, PutRequest> {
  warnEndpointWithoutScheme(options.endpoint, context.logger);
  const http = new HttpClient({
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    ...(options.proxy === undefined ? {} : { proxy: options.proxy }),
    connections: maxConcurrencyOf(options.request) + 2,
  });
  const client = createKinesisClient(options, http);
  const stream = streamOf(options);
  const name = options.stream_name ?? (options.stream_arn as string);
  const { batch, request, aggregation } = options;
  const format = request.protocol === 'cbor' ? cborWire : jsonWire;
  const awareness = options.shard_awareness;
  const watch = new StreamWatch({
    client,
    stream,
    name,
    refreshIntervalMs: (awareness?.refresh_interval_secs ?? 60) * 1000,
    listShards: awareness?.enabled === true,
    context,
  });
  const shards =
    awareness?.enabled === true
      ? createShardAwareness(
          watch,
          {
            recordsPerSecond: awareness.shard_records_per_second,
            bytesPerSecond: awareness.shard_bytes_per_second,
          },
          format.partitionKey,
          context,
        )
      : undefined;
  const limits: RecordLimits = {
    maxRecordBytes() {
      const own = options.max_record_bytes;
      const streams = watch.summary?.maxRecordBytes;
      if (own === undefined) return streams ?? DEFAULT_MAX_RECORD_BYTES;
      return streams === undefined ? own : Math.min(own, streams);
    },
    aggregateBytes() {
      if (aggregation?.enabled !== true || watch.summary?.autoDistribution === true) return undefined;
      return Math.min(aggregation.max_record_bytes, this.maxRecordBytes());
    },
  };
  watch.onSummary((summary) => {
    if (!summary.autoDistribution) return;
    if (aggregation?.enabled === true)
      context.logger.warn(
        `stream "${name}" places records itself (RecordDistributionStrategy AUTO): aggregation switched off, events sent as plain records (an aggregate's events would land on shards their keys do not map to, and KCL consumers would drop them)`,
      );
    if (options.ordering === 'partition_key')
      context.logger.warn(
        `stream "${name}" places records itself (RecordDistributionStrategy AUTO): records of one key may land on different shards, so no consumer sees them in order`,
      );
  });
  const put = putRecordsOf(
    stream,
    format,
    putRecordsWith(client, http, format, stream),
    watch,
    shards,
    options.request_retry_partial ?? true,
  );
  const ordered = options.ordering === 'partition_key';
  const packing = createPacking(
    {
      // Aggregated, events are counted in records, so bytes and age alone close a batch; and paced,
      // a batch carries at most one second of one shard's bytes: a larger one, sent after its wait,
      // would arrive on a shard as a burst beyond what it takes at once.
      batch:
        aggregation?.enabled === true
          ? {
              maxEvents: undefined,
              maxBytes: Math.min(
                batch.max_bytes,
                shards === undefined ? Number.POSITIVE_INFINITY : awareness.shard_bytes_per_second,
              ),
            }
          : {},
      maxRecords: Math.min(batch.max_events, MAX_RECORDS_PER_REQUEST),
      maxBytes: Math.min(batch.max_bytes, MAX_REQUEST_BYTES),
      aggregateBytes: () => limits.aggregateBytes(),
      oneKeyPerAggregate: ordered,
      wireKey: format.partitionKey,
      recordsPerAggregate: context.metrics.histogram('kinesis_user_records_per_aggregate'),
    },
    watch,
    shards,
    put,
  );
  return {
    batch: packing.batch,
    request: request.record_ttl_secs === undefined ? {} : { recordTtlMs: request.record_ttl_secs * 1000 },
    prepare: entryPreparer(options, format, limits),
    buildRequests: packing.buildRequests,
    ...(packing.pace === undefined ? {} : { pace: packing.pace }),
    send: (putRequest, signal) => {
      void watch.start(); // the stream's record limit, also when nothing else reads it
      return packing.send(putRequest, signal);
    },
    classifyError,
    ...(ordered
      ? { orderingKey: (entry: Entry) => entry.key, maxKeyBytesPerBatch: keyBytesPerBatch(limits) }
      : {}),
    healthcheck: healthcheckOf(
      client,
      stream,
      { name, endpoint: options.endpoint, region: regionOf(options) },
      watch,
    ),
    // The client's keep-alive sockets would otherwise hold the process open.
    close: async () => {
      shards?.close();
      await watch.close();
      client.destroy();
      await http.close();
    },
  };
}

export const kinesisStreamsSink = defineNetworkSink({
  type: 'aws_kinesis_streams',
  description: 'Batches log events to an AWS Kinesis data stream with PutRecords.',
  metricPrefix: 'kinesis',
  options: ownOptions,
  batch: batchDefaults,
  request: {
    timeout_secs: 30,
    retry_initial_backoff_secs: 1,
    retry_max_duration_secs: 30,
    backoff: 'exponential',
    more: requestOptions,
  },
  tls: true,
  proxy: true,
  deprecatedOptions,
  validate: (options) => problemsOf(options),
  create: (options, context) => kinesisParts(options, context),
});

/** The sink from options already validated (defaults applied), as the runtime builds it. */
export function createKinesisSink(options: KinesisSinkOptions, context: ComponentContext): Promise<Sink> {
  return Promise.resolve(kinesisStreamsSink.create(options, context));
}
