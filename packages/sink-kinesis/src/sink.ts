import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import {
  type ComponentContext,
  defineSink,
  getField,
  type HealthcheckResult,
  type LogEvent,
  type Sink,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { createEncoder, EncodingError, encodingProblems } from '@sluice/encoding';
import {
  batchSettingsOf,
  createNetworkSink,
  type Discard,
  type Failure,
  type RequestResult,
  requestSettingsOf,
} from '@sluice/sink-kit';
import {
  type AggregatableRecord,
  goesAlone,
  type PackedRecord,
  type PackSettings,
  packRecords,
  userRecordBytes,
} from './aggregation.js';
import { createKinesisClient, warnEndpointWithoutScheme } from './client.js';
import { compressorOf } from './compression.js';
import { RANDOM_KEY_BYTES } from './limits.js';
import { deprecatedOptions, type KinesisSinkOptions, optionsSchema } from './options.js';
import { putRecordsWith } from './put-records.js';
import { partitionKeyOf, requestsOf } from './records.js';
import { classifyError, isRetryableRecordError } from './requests.js';
import { createShardAwareness } from './shard-awareness.js';
import { cborWire } from './wire/cbor.js';
import { jsonWire } from './wire/json.js';

interface Entry extends AggregatableRecord {
  /** Set by shard awareness when it places the record. */
  hashKey?: string | undefined;
  shardId?: string | undefined;
  readonly event: LogEvent;
  /** What the event adds to a request: its record, or its share of an aggregate. */
  readonly size: number;
}

type Packed = ReturnType<typeof packRecords<Entry>>;

const MISSING_KEY: Omit<Discard, 'fields'> = {
  discard: 'dropped',
  errorType: 'missing_partition_key',
  message: 'its partition key field is missing, null or blank',
};

/** Failures of a partial PutRecords answer, as the sink's `request_retry_partial` treats them. */
function recordFailure(code: string, message: string, retryPartial: boolean): Failure {
  const retryable = retryPartial && isRetryableRecordError(code);
  return { retryable, throttled: code === 'ProvisionedThroughputExceededException', code, message };
}

/** The Kinesis sink: PutRecords requests built and read by the wire format; the kit does the rest. */
export function createKinesisSink(options: KinesisSinkOptions, context: ComponentContext): Sink {
  warnEndpointWithoutScheme(options, context);
  const client = createKinesisClient(options);
  const { batch, request } = options;
  const format = request.protocol === 'cbor' ? cborWire : jsonWire;
  const putRecords = putRecordsWith(client, format);
  const encoder = createEncoder(options.encoding);
  const compress = compressorOf(options.compression ?? 'none');
  const keyField = options.partition_key_field;
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
  const retryPartial = options.request_retry_partial ?? true;
  const aggregation = options.aggregation?.enabled
    ? {
        maxRecordBytes: Math.min(options.aggregation.max_record_bytes, options.max_record_bytes),
        wireKey: format.partitionKey,
        // One aggregate per predicted shard, so every user record lands where its own key maps;
        // by key while no shard map is known.
        groupOf: (key: string) => shards?.shardOf(key) ?? key,
      }
    : undefined;

  const prepare = (event: LogEvent): Entry | Discard => {
    // undefined: a random key, drawn as the body is built (or once per aggregate)
    let key: string | undefined;
    let partitionKey: Buffer | undefined;
    let keyBytes = RANDOM_KEY_BYTES;
    if (keyField !== undefined) {
      key = partitionKeyOf(getField(event.fields, keyField));
      if (key === undefined) return { ...MISSING_KEY, fields: { partition_key_field: keyField } };
      partitionKey = format.partitionKey(key);
      keyBytes = Buffer.byteLength(key);
    }
    let encoded: string;
    try {
      encoded = encoder.encodeToString(event);
    } catch (error) {
      // gelf cannot write every event (no `host`, a table value): rejected and counted.
      if (!(error instanceof EncodingError)) throw error;
      return { discard: 'rejected', errorType: 'encoder_failed', message: error.message, fields: {} };
    }
    const data = compress === undefined ? encoded : compress(Buffer.from(encoded));
    const dataBytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    const recordBytes = dataBytes + keyBytes;
    if (recordBytes > options.max_record_bytes) {
      return {
        discard: 'rejected',
        errorType: 'record_too_large',
        message: 'the record is larger than max_record_bytes',
        fields: { record_bytes: recordBytes, max_record_bytes: options.max_record_bytes },
      };
    }
    const alone = aggregation === undefined || goesAlone(dataBytes, keyBytes, aggregation.maxRecordBytes);
    const size = alone ? recordBytes : userRecordBytes(dataBytes, key === undefined ? undefined : keyBytes);
    // hashKey and shardId now, so that placing the record does not change its shape.
    return {
      event,
      data,
      dataBytes,
      key,
      partitionKey,
      recordBytes,
      alone,
      size,
      hashKey: undefined,
      shardId: undefined,
    };
  };

  /** One PutRecords call; a record's failure is each of its events' failure. */
  const put = async (records: readonly PackedRecord[], signal: AbortSignal) => {
    const body = format.body(options.stream_name, records);
    let response: Awaited<ReturnType<typeof putRecords>>;
    try {
      response = await putRecords(body, records.length, signal);
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceInUseException') shards?.stale();
      throw error;
    }
    shards?.observe(records, response.Records);
    const failures =
      response.FailedRecordCount === 0
        ? undefined
        : records.map((_, index): Failure | undefined => {
            const result = response.Records?.[index];
            const code = result?.ErrorCode;
            if (code === undefined || code === null) return undefined;
            return recordFailure(code, result?.ErrorMessage ?? code, retryPartial);
          });
    return { sentBytes: body.length, failures, status: 200 };
  };

  /** A request's aggregates, packed once: by `pace`, which paces them (not their events), then sent. */
  const packed = new WeakMap<readonly Entry[], Packed>();
  const packOf = (entries: readonly Entry[], settings: PackSettings): Packed => {
    let result = packed.get(entries);
    if (result === undefined) {
      result = packRecords(entries, settings);
      packed.set(entries, result);
    }
    return result;
  };
  const pace =
    shards === undefined
      ? undefined
      : async (entries: readonly Entry[], signal: AbortSignal): Promise<void> => {
          if (aggregation === undefined) return shards.pace(entries, signal);
          await shards.refresh(); // the shard map groups the aggregates
          return shards.pace(packOf(entries, aggregation).records, signal);
        };

  const send = async (entries: readonly Entry[], signal: AbortSignal): Promise<RequestResult> => {
    if (aggregation === undefined) return put(entries, signal);
    const { records, recordOf } = packOf(entries, aggregation);
    const recordFailures: (Failure | undefined)[] = [];
    let sentBytes = 0;
    // Aggregates of many groups may pass the request's limits: then more than one PutRecords.
    for (const chunk of requestsOf(records, batch.max_events, batch.max_bytes)) {
      let result: Awaited<ReturnType<typeof put>>;
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
  };

  const healthcheck = async (signal: AbortSignal): Promise<HealthcheckResult> => {
    try {
      const command = new DescribeStreamSummaryCommand({ StreamName: options.stream_name });
      const summary = await client.send(command, { abortSignal: signal });
      const status = summary.StreamDescriptionSummary?.StreamStatus;
      if (status !== undefined && status !== 'ACTIVE' && status !== 'UPDATING') {
        return { status: 'unhealthy', message: `stream "${options.stream_name}" is ${status}` };
      }
      await shards?.refresh();
      return { status: 'healthy' };
    } catch (error) {
      return { status: 'unhealthy', message: describeHealthcheckError(error, options) };
    }
  };

  return createNetworkSink<Entry>(
    {
      metricPrefix: 'kinesis',
      // Aggregated, events are counted in records when a request is built, not when batched; and
      // paced, a request carries at most one second of one shard's bytes: a larger one, sent after
      // its wait, would arrive on a shard as a burst beyond what the shard takes at once.
      batch: {
        ...batchSettingsOf(batch),
        ...(aggregation === undefined
          ? {}
          : {
              maxEvents: Number.MAX_SAFE_INTEGER,
              maxBytes: Math.min(
                batch.max_bytes,
                shards === undefined
                  ? Number.POSITIVE_INFINITY
                  : (options.shard_awareness?.shard_bytes_per_second ?? Number.POSITIVE_INFINITY),
              ),
            }),
      },
      request: {
        ...requestSettingsOf(request, 'exponential'),
        ...(request.record_ttl_secs === undefined ? {} : { recordTtlMs: request.record_ttl_secs * 1000 }),
      },
      prepare,
      ...(pace === undefined ? {} : { pace }),
      send,
      classifyError,
      healthcheck,
      // The client's keep-alive sockets would otherwise hold the process open.
      close: async () => {
        shards?.close();
        client.destroy();
      },
    },
    context,
  );
}

/** One clear line per failure class: missing stream, access denied, no credentials, unreachable. */
export function describeHealthcheckError(error: unknown, options: KinesisSinkOptions): string {
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const where = options.endpoint ?? `region ${options.region ?? '(from the environment)'}`;
  if (name === 'ResourceNotFoundException')
    return `stream "${options.stream_name}" does not exist (${where})`;
  if (/AccessDenied|UnrecognizedClient|InvalidSignature|Forbidden|ExpiredToken/i.test(name)) {
    return `access denied to stream "${options.stream_name}": ${name}: ${message}`;
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return `no AWS credentials found: ${message}`;
  }
  const code = (error as { code?: string }).code;
  if (code !== undefined && /ECONN|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT/.test(code)) {
    return `endpoint unreachable (${where}): ${code}`;
  }
  if (/Region is missing/i.test(message)) return 'no AWS region configured: set `region` or AWS_REGION';
  return `healthcheck of stream "${options.stream_name}" failed: ${name || 'Error'}: ${message}`;
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
