import { awsAuthSchema, awsRegionSchemas } from '@sluice/aws';
import { encodingOptionSchema } from '@sluice/encoding';
import { compressionOptionSchema, type NetworkSinkOptions } from '@sluice/sink-kit';
import { DEFAULT_AGGREGATE_BYTES } from './aggregation.js';
import {
  MAX_RECORD_BYTES_LIMIT,
  MAX_RECORDS_PER_REQUEST,
  MAX_REQUEST_BYTES,
  SHARD_BYTES_PER_SECOND,
  SHARD_RECORDS_PER_SECOND,
} from './limits.js';

/** Seed-era (and older Vector) names, moved by core to the new ones with a warning. */
export const deprecatedOptions: Readonly<Record<string, string>> = {
  batch_size: 'batch.max_bytes',
  batch_timeout: 'batch.timeout_secs',
  request_in_flight_limit: 'request.concurrency',
  'request.in_flight_limit': 'request.concurrency',
  request_timeout_secs: 'request.timeout_secs',
  retry_attempts: 'request.retry_attempts',
  retry_backoff_secs: 'request.retry_initial_backoff_secs',
  rate_limit_num: 'request.rate_limit_num',
  rate_limit_duration: 'request.rate_limit_duration_secs',
  request_rate_limit_num: 'request.rate_limit_num',
  request_rate_limit_duration_secs: 'request.rate_limit_duration_secs',
  assume_role: 'auth.assume_role',
};

/** The sink's own options (Vector's `aws_kinesis_streams`, and Sluice's additions); the kit adds the rest. */
export const ownOptions = {
  type: 'object',
  additionalProperties: false,
  properties: {
    stream_name: {
      type: 'string',
      minLength: 1,
      description: 'The Kinesis data stream to write to (this or stream_arn).',
      examples: ['my-stream'],
    },
    stream_arn: {
      type: 'string',
      pattern: '^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]+$',
      description:
        "The stream's ARN instead of its name (the SDK's StreamARN), e.g. a stream of another account that grants access by a resource policy. Its region is the default region.",
    },
    ...awsRegionSchemas,
    encoding: encodingOptionSchema,
    partition_key_field: {
      type: 'string',
      minLength: 1,
      description:
        'Field whose value is the partition key (coerced to a string, cut to 256 UTF-16 code units, as Kinesis counts them); events without it are dropped and counted. Default: a random key per record.',
    },
    max_record_bytes: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_RECORD_BYTES_LIMIT,
      description:
        "Largest record (data + partition key) sent; larger ones are rejected and counted. Default: the stream's own limit (MaxRecordSizeInKiB, 1 MiB unless raised, up to 10 MiB), read at start and at each refresh; set, it is a ceiling under the stream's.",
    },
    compression: compressionOptionSchema,
    aggregation: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description:
        "KPL aggregation: many events in one Kinesis record, in the Kinesis Producer Library's format, which the KCL, the AWS deaggregation libraries (Lambda) and Firehose unpack. Consumers must deaggregate. Switched off, with a warning, on a stream that places records itself (RecordDistributionStrategy AUTO).",
      properties: {
        enabled: { type: 'boolean', default: false, description: 'Pack events into aggregated records.' },
        max_record_bytes: {
          type: 'integer',
          minimum: 64,
          maximum: MAX_RECORD_BYTES_LIMIT,
          default: DEFAULT_AGGREGATE_BYTES,
          description:
            'Largest aggregated record (data + partition key), at most the record limit; the KPL default is 51,200. An event that does not fit in one is sent alone.',
        },
      },
    },
    request_retry_partial: {
      type: 'boolean',
      default: true,
      description:
        "Resend the records of a request that Kinesis failed (throttled, internal failure). false: reject them at once (counted, and sent to the sink's rejected output). Vector's default is false, and it drops them silently; Sluice retries by default.",
    },
    ordering: {
      type: 'string',
      enum: ['none', 'partition_key'],
      default: 'none',
      description:
        '"partition_key": records of one partition key reach the stream in the order the sink took them, retries included (needs partition_key_field): a failed record holds back later records of its key only. With aggregation a key sends up to one aggregate per request; without, one record per request. "none": records of a key may be reordered by retries.',
    },
    shard_awareness: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description:
        "Sluice extension (not in Vector). Reads the stream's open shards (ListShards, needs kinesis:ListShards) and paces each shard to its quota, so records are shaped to what each shard takes instead of being throttled and retried. Without ListShards the sink sends as before.",
      properties: {
        enabled: { type: 'boolean', default: true, description: 'Shard awareness and per-shard pacing.' },
        refresh_interval_secs: {
          type: 'number',
          exclusiveMinimum: 0,
          default: 60,
          description:
            'The shard map is read again this often (and within seconds when an answer names a shard it does not know).',
        },
        shard_records_per_second: {
          type: 'integer',
          minimum: 1,
          default: SHARD_RECORDS_PER_SECOND,
          description:
            'Records per second each shard takes (Kinesis quota: 1,000); raise it for streams with raised limits.',
        },
        shard_bytes_per_second: {
          type: 'integer',
          minimum: 1,
          default: SHARD_BYTES_PER_SECOND,
          description:
            'Bytes (data + partition keys) per second each shard takes (Kinesis quota: 1 MiB); raise it for streams with raised limits.',
        },
      },
    },
    auth: awsAuthSchema,
  },
} as const;

/** The sink's own `request` options, besides the kit's. */
export const requestOptions = {
  protocol: {
    type: 'string',
    enum: ['cbor', 'json'],
    default: 'cbor',
    description:
      'Wire format of PutRecords: "cbor" (binary, as the AWS SDK for Java sends it: a quarter fewer bytes and less CPU) or "json" (as Vector and the AWS CLI send it), for an endpoint that only speaks JSON.',
  },
  record_ttl_secs: {
    type: 'number',
    exclusiveMinimum: 0,
    description:
      "A record not accepted within this time since the sink took it is rejected (counted, and sent to the sink's rejected output) instead of retried again; the KPL's RecordTtl. Default: no limit (retried until accepted or the shutdown deadline).",
  },
} as const;

/** The sink's options, derived from its schema and the kit's tables. */
export type KinesisSinkOptions = NetworkSinkOptions<typeof ownOptions, typeof requestOptions>;

export type Protocol = KinesisSinkOptions['request']['protocol'];

/** The `shard_awareness` table. */
export type ShardAwarenessOptions = KinesisSinkOptions['shard_awareness'];

/** The `batch` table's defaults and limits. */
export const batchDefaults = {
  max_events: MAX_RECORDS_PER_REQUEST,
  max_bytes: 5_000_000,
  timeout_secs: 1,
  max_events_limit: MAX_RECORDS_PER_REQUEST,
  max_bytes_limit: MAX_REQUEST_BYTES,
  descriptions: {
    max_events:
      'Records per request (at most 500, the PutRecords limit); with aggregation, aggregated records, not events.',
    max_bytes: 'Bytes of records (data + partition keys) per request, at most 5 MiB.',
  },
} as const;
