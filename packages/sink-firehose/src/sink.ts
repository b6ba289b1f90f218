import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import {
  type AwsAuthOptions,
  AwsJsonService,
  awsCredentials,
  endpointUrl,
  warnEndpointWithoutScheme,
} from '@sluice/aws';
import type { HealthcheckResult, LogEvent } from '@sluice/component-api';
import { createEncoder, type EncodingConfig, encodingProblems } from '@sluice/encoding';
import {
  type CompressionOption,
  compressorOf,
  defineNetworkSink,
  type Failure,
  maxConcurrencyOf,
  type NetworkSinkOptions,
  rejectEvent,
  type SinkItem,
} from '@sluice/sink-kit';
import { HttpClient, transportFailure } from '@sluice/sink-kit/http';
import { MAX_RECORD_BYTES, MAX_RECORDS_PER_REQUEST, MAX_REQUEST_BYTES, ownOptions } from './options.js';

/** The sink's options, derived from its schema (`options.ts`) and the kit's tables. */
export type FirehoseSinkOptions = NetworkSinkOptions<typeof ownOptions>;

interface FirehoseRecord extends SinkItem {
  /** The record's data, base64, as the JSON body carries it. */
  readonly data: string;
}

/** A record's share of the body besides its data: `{"Data":""},`. */
const RECORD_OVERHEAD = '{"Data":""},'.length;
/** The per-record error codes of PutRecordBatch; both pass, and the first asks for less. */
const RETRYABLE_RECORD_ERRORS = new Set(['ServiceUnavailableException', 'InternalFailure']);

interface RecordResult {
  readonly ErrorCode?: string | null;
  readonly ErrorMessage?: string | null;
}

/** A record's result in a PutRecordBatch answer as its item's failure (`undefined`: delivered). */
function recordFailure(result: RecordResult | undefined, retryPartial: boolean): Failure | undefined {
  const code = result?.ErrorCode;
  if (code === undefined || code === null) return undefined;
  return {
    retryable: retryPartial && RETRYABLE_RECORD_ERRORS.has(code),
    ...(code === 'ServiceUnavailableException' ? { throttled: true } : {}),
    code,
    message: `${code}: ${result?.ErrorMessage ?? 'record failed'}`,
  };
}

export const firehoseSink = defineNetworkSink({
  type: 'aws_kinesis_firehose',
  description: 'Batches log events to an Amazon Data Firehose delivery stream with PutRecordBatch.',
  metricPrefix: 'firehose',
  options: ownOptions,
  batch: {
    max_events: MAX_RECORDS_PER_REQUEST,
    max_bytes: MAX_REQUEST_BYTES,
    timeout_secs: 1,
    max_events_limit: MAX_RECORDS_PER_REQUEST,
    max_bytes_limit: MAX_REQUEST_BYTES,
    descriptions: {
      max_events: 'Records per PutRecordBatch request (at most 500).',
      max_bytes:
        "Bytes per request, records counted as sent (base64 in JSON, as Vector counts them): at most 4 MiB, PutRecordBatch's limit.",
    },
  },
  request: { timeout_secs: 60, backoff: 'fibonacci' },
  tls: true,
  proxy: true,
  validate: (options) => encodingProblems(options.encoding as EncodingConfig | undefined),
  create(options, context) {
    const region = options.region as string | undefined;
    const endpoint = options.endpoint as string | undefined;
    warnEndpointWithoutScheme(endpoint, context.logger);
    const streamName = options.stream_name;
    const auth = (options.auth ?? { load_timeout_secs: 5 }) as AwsAuthOptions;
    // The SDK client gives the region, credentials and endpoint rules; requests go through the kit's client.
    const client = new FirehoseClient({
      ...(region === undefined ? {} : { region }),
      ...(endpoint === undefined ? {} : { endpoint: endpointUrl(endpoint) }),
      credentials: awsCredentials(auth, region),
      maxAttempts: 1,
    });
    const http = new HttpClient({
      ...(options.tls === undefined ? {} : { tls: options.tls }),
      ...(options.proxy === undefined ? {} : { proxy: options.proxy }),
      connections: maxConcurrencyOf(options.request) + 2,
    });
    const service = new AwsJsonService({
      clientConfig: client.config,
      command: DescribeDeliveryStreamCommand,
      endpointInput: { DeliveryStreamName: streamName },
      targetPrefix: 'Firehose_20150804',
      signingName: 'firehose',
      send: (request) => http.request(request),
    });
    const encoder = createEncoder(options.encoding as EncodingConfig | undefined);
    const compress = compressorOf((options.compression ?? 'none') as CompressionOption);
    const retryPartial = options.request_retry_partial;
    const head = `{"DeliveryStreamName":${JSON.stringify(streamName)},"Records":[`;
    const where = endpoint ?? `region ${region ?? '(from the environment)'}`;

    const healthcheck = async (signal: AbortSignal): Promise<HealthcheckResult> => {
      const body = JSON.stringify({ DeliveryStreamName: streamName, Limit: 1 });
      try {
        const answer = await service.call('DescribeDeliveryStream', body, signal);
        if (!answer.ok) {
          const { code, message } = answer.failure;
          return code === 'ResourceNotFoundException'
            ? { status: 'unhealthy', message: `delivery stream "${streamName}" does not exist (${where})` }
            : { status: 'unhealthy', message: `DescribeDeliveryStream failed: ${message}` };
        }
        const description = answer.body.DeliveryStreamDescription as
          | { DeliveryStreamName?: string; DeliveryStreamStatus?: string }
          | undefined;
        if (description?.DeliveryStreamName !== streamName)
          return {
            status: 'unhealthy',
            message: `stream names do not match: got "${description?.DeliveryStreamName}", expected "${streamName}"`,
          };
        const status = description.DeliveryStreamStatus;
        return status === undefined || status === 'ACTIVE'
          ? { status: 'healthy' }
          : { status: 'unhealthy', message: `delivery stream "${streamName}" is ${status}` };
      } catch (error) {
        return { status: 'unhealthy', message: `Firehose unreachable (${where}): ${String(error)}` };
      }
    };

    return {
      prepare: (event: LogEvent) => {
        // A codec that cannot write the event (gelf without `host`) throws: the kit rejects that event alone.
        const encoded = encoder.encode(event);
        const data = compress === undefined ? encoded : compress(encoded);
        if (data.length > MAX_RECORD_BYTES)
          return rejectEvent(
            'record_too_large',
            `the record's data is ${data.length} bytes, over ${MAX_RECORD_BYTES}`,
          );
        const base64 = data.toString('base64');
        return { event, data: base64, size: base64.length + RECORD_OVERHEAD };
      },
      send: async (records: readonly FirehoseRecord[], signal: AbortSignal) => {
        const body = `${head}${records.map((record) => `{"Data":"${record.data}"}`).join(',')}]}`;
        let answer: Awaited<ReturnType<AwsJsonService['call']>>;
        try {
          answer = await service.call('PutRecordBatch', body, signal);
        } catch (error) {
          if (signal.aborted) throw error; // the kit's timeout, or the shutdown deadline
          return { failure: transportFailure(error) };
        }
        const { sentBytes } = answer;
        if (!answer.ok) return { sentBytes, failure: answer.failure };
        const results = answer.body.RequestResponses as RecordResult[] | undefined;
        if (answer.body.FailedPutCount === 0) return { sentBytes, status: 200 };
        if (!Array.isArray(results) || results.length !== records.length)
          return {
            sentBytes,
            failure: {
              retryable: true,
              code: 'invalid_response',
              message: `PutRecordBatch answered ${String(results?.length)} results for ${records.length} records`,
              errorType: 'invalid_response',
            },
          };
        return {
          sentBytes,
          status: 200,
          failures: results.map((result) => recordFailure(result, retryPartial)),
        };
      },
      healthcheck,
      close: async () => {
        client.destroy();
        await http.close();
      },
    };
  },
});
