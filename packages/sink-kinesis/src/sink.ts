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
import { createEncoder, EncodingError } from '@sluice/encoding';
import {
  batchSettingsOf,
  createNetworkSink,
  type Discard,
  type Failure,
  type RequestResult,
  requestSettingsOf,
} from '@sluice/sink-kit';
import { createKinesisClient } from './client.js';
import { RANDOM_KEY_BYTES } from './limits.js';
import { deprecatedOptions, type KinesisSinkOptions, optionsSchema } from './options.js';
import { putRecordsWith } from './put-records.js';
import { type PreparedRecord, partitionKeyOf } from './records.js';
import { classifyError, isRetryableRecordError } from './requests.js';
import { cborWire } from './wire/cbor.js';
import { jsonWire } from './wire/json.js';

interface Entry extends PreparedRecord {
  readonly event: LogEvent;
}

const MISSING_KEY: Omit<Discard, 'fields'> = {
  discard: 'dropped',
  errorType: 'missing_partition_key',
  message: 'its partition key field is missing, null or blank',
};

/** The Kinesis sink: PutRecords requests built and read by the wire format; the kit does the rest. */
export function createKinesisSink(options: KinesisSinkOptions, context: ComponentContext): Sink {
  const client = createKinesisClient(options);
  const { batch, request } = options;
  const format = request.protocol === 'cbor' ? cborWire : jsonWire;
  const putRecords = putRecordsWith(client, format);
  const encoder = createEncoder(options.encoding);
  const keyField = options.partition_key_field;

  const prepare = (event: LogEvent): Entry | Discard => {
    let partitionKey: Buffer | undefined; // undefined: a random key, drawn as the body is built
    let keyBytes = RANDOM_KEY_BYTES;
    if (keyField !== undefined) {
      const key = partitionKeyOf(getField(event.fields, keyField));
      if (key === undefined) return { ...MISSING_KEY, fields: { partition_key_field: keyField } };
      partitionKey = format.partitionKey(key);
      keyBytes = Buffer.byteLength(key);
    }
    let data: string;
    try {
      data = encoder.encodeToString(event);
    } catch (error) {
      // gelf cannot write every event (no `host`, a table value): rejected and counted.
      if (!(error instanceof EncodingError)) throw error;
      return { discard: 'rejected', errorType: 'encoder_failed', message: error.message, fields: {} };
    }
    const dataBytes = Buffer.byteLength(data);
    const size = dataBytes + keyBytes;
    if (size > options.max_record_bytes) {
      return {
        discard: 'rejected',
        errorType: 'record_too_large',
        message: 'the record is larger than max_record_bytes',
        fields: { record_bytes: size, max_record_bytes: options.max_record_bytes },
      };
    }
    return { event, data, dataBytes, partitionKey, size };
  };

  const send = async (entries: readonly Entry[], signal: AbortSignal): Promise<RequestResult> => {
    const body = format.body(options.stream_name, entries);
    const response = await putRecords(body, entries.length, signal);
    if (response.FailedRecordCount === 0) return { sentBytes: body.length };
    const failures = entries.map((_, index): Failure | undefined => {
      const result = response.Records?.[index];
      const code = result?.ErrorCode;
      if (code === undefined || code === null) return undefined;
      return {
        retryable: isRetryableRecordError(code),
        throttled: code === 'ProvisionedThroughputExceededException',
        code,
        message: result?.ErrorMessage ?? code,
      };
    });
    return { sentBytes: body.length, failures };
  };

  const healthcheck = async (signal: AbortSignal): Promise<HealthcheckResult> => {
    try {
      const command = new DescribeStreamSummaryCommand({ StreamName: options.stream_name });
      const summary = await client.send(command, { abortSignal: signal });
      const status = summary.StreamDescriptionSummary?.StreamStatus;
      if (status !== undefined && status !== 'ACTIVE' && status !== 'UPDATING') {
        return { status: 'unhealthy', message: `stream "${options.stream_name}" is ${status}` };
      }
      return { status: 'healthy' };
    } catch (error) {
      return { status: 'unhealthy', message: describeHealthcheckError(error, options) };
    }
  };

  return createNetworkSink<Entry>(
    {
      metricPrefix: 'kinesis',
      batch: batchSettingsOf(batch),
      request: requestSettingsOf(request, 'exponential'),
      prepare,
      send,
      classifyError,
      healthcheck,
      // The client's keep-alive sockets would otherwise hold the process open.
      close: async () => client.destroy(),
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
  create: (options, context) => createKinesisSink(options, context),
});
