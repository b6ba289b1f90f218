import { warnEndpointWithoutScheme } from '@sluice/aws';
import { type ComponentContext, defineSink, type Sink, SPECIFICATION_VERSION } from '@sluice/component-api';
import { encodingProblems } from '@sluice/encoding';
import { batchSettingsOf, createNetworkSink, maxConcurrencyOf, requestSettingsOf } from '@sluice/sink-kit';
import { HttpClient } from '@sluice/sink-kit/http';
import { createKinesisClient } from './client.js';
import { type Entry, entryPreparer } from './entries.js';
import { healthcheckOf } from './healthcheck.js';
import { deprecatedOptions, type KinesisSinkOptions, optionsSchema } from './options.js';
import { aggregateBytesOf, createPacking, type PutRequest } from './packing.js';
import { putRecordsWith } from './put-records.js';
import { classifyError, putRecordsOf } from './requests.js';
import { createShardAwareness } from './shard-awareness.js';
import { cborWire } from './wire/cbor.js';
import { jsonWire } from './wire/json.js';

/**
 * The Kinesis sink: events prepared as entries (`entries.ts`), packed and paced per shard
 * (`packing.ts`), sent as PutRecords in the wire format of `request.protocol`; the kit does the rest.
 */
export function createKinesisSink(options: KinesisSinkOptions, context: ComponentContext): Sink {
  warnEndpointWithoutScheme(options.endpoint, context.logger);
  const client = createKinesisClient(options);
  const http = new HttpClient({ connections: maxConcurrencyOf(options.request) + 2 });
  const { batch, request } = options;
  const format = request.protocol === 'cbor' ? cborWire : jsonWire;
  const shards =
    options.shard_awareness?.enabled === true
      ? createShardAwareness(
          client,
          options.stream_name,
          options.shard_awareness,
          format.partitionKey,
          context,
        )
      : undefined;
  const put = putRecordsOf(
    options.stream_name,
    format,
    putRecordsWith(client, http, format, options.stream_name),
    shards,
    options.request_retry_partial ?? true,
  );
  const packing = createPacking(options, batchSettingsOf(batch), shards, format.partitionKey, put);
  return createNetworkSink<Entry, PutRequest>(
    {
      metricPrefix: 'kinesis',
      batch: packing.batch,
      request: {
        ...requestSettingsOf(request, 'exponential'),
        ...(request.record_ttl_secs === undefined ? {} : { recordTtlMs: request.record_ttl_secs * 1000 }),
      },
      prepare: entryPreparer(options, format, aggregateBytesOf(options)),
      buildRequests: packing.buildRequests,
      ...(packing.pace === undefined ? {} : { pace: packing.pace }),
      send: packing.send,
      classifyError,
      healthcheck: healthcheckOf(client, options, shards),
      // The client's keep-alive sockets would otherwise hold the process open.
      close: async () => {
        shards?.close();
        client.destroy();
        await http.close();
      },
    },
    context,
  );
}

export const kinesisStreamsSink = defineSink<KinesisSinkOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'aws_kinesis_streams',
  description: 'Batches log events to an AWS Kinesis data stream with PutRecords.',
  optionsSchema,
  deprecatedOptions,
  validate: (options) => encodingProblems(options.encoding),
  create: (options, context) => createKinesisSink(options, context),
});
