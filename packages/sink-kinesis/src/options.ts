import type { JsonSchema } from '@sluice/component-api';
import { type EncodingConfig, encodingOptionSchema } from '@sluice/encoding';
import { type VectorRequestOptions, vectorRequestOptionSchemas } from '@sluice/sink-kit';
import { DEFAULT_AGGREGATE_BYTES } from './aggregation.js';
import { type CompressionOption, compressionOptionSchema } from './compression.js';
import {
  DEFAULT_MAX_RECORD_BYTES,
  MAX_RECORDS_PER_REQUEST,
  MAX_REQUEST_BYTES,
  SHARD_BYTES_PER_SECOND,
  SHARD_RECORDS_PER_SECOND,
} from './limits.js';
import type { ShardAwarenessOptions } from './shard-awareness.js';

export type Protocol = 'cbor' | 'json';

export interface KinesisSinkOptions {
  stream_name: string;
  region?: string;
  endpoint?: string;
  encoding?: EncodingConfig;
  partition_key_field?: string;
  max_record_bytes: number;
  /** Defaults (from the schema): none, disabled, true. */
  compression?: CompressionOption;
  aggregation?: { enabled: boolean; max_record_bytes: number };
  request_retry_partial?: boolean;
  batch: { max_events: number; max_bytes: number; timeout_secs: number };
  request: VectorRequestOptions & { protocol: Protocol; record_ttl_secs?: number };
  /** Sluice extension; absent (options built in code): off. The config schema's default turns it on. */
  shard_awareness?: ShardAwarenessOptions;
  auth?: {
    access_key_id?: string;
    secret_access_key?: string;
    session_token?: string;
    credentials_file?: string;
    profile?: string;
    assume_role?: string;
    external_id?: string;
    session_name?: string;
    imds?: { connect_timeout_seconds?: number; max_attempts?: number; read_timeout_seconds?: number };
    load_timeout_secs: number;
  };
}

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

export const optionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['stream_name'],
  properties: {
    stream_name: {
      type: 'string',
      minLength: 1,
      description: 'The Kinesis data stream to write to.',
      examples: ['my-stream'],
    },
    region: {
      type: 'string',
      minLength: 1,
      description: 'AWS region; default from the environment (AWS_REGION), the profile, or IMDS.',
    },
    endpoint: {
      type: 'string',
      minLength: 1,
      description:
        'Custom endpoint URL (http:// allowed, e.g. kinesis-local or LocalStack). Without a scheme (`host:port`, as older Vector accepted) https:// is assumed, with a deprecation warning.',
    },
    encoding: encodingOptionSchema,
    partition_key_field: {
      type: 'string',
      minLength: 1,
      description:
        'Field whose value is the partition key (coerced to a string, cut to 256 characters); events without it are dropped and counted. Default: a random key per record.',
    },
    max_record_bytes: {
      type: 'integer',
      minimum: 1,
      maximum: 10 * 1024 * 1024,
      default: DEFAULT_MAX_RECORD_BYTES,
      description:
        'Largest record (data + partition key) sent; larger ones are dropped and counted. 1 MiB, or up to 10 MiB for streams raised to it.',
    },
    compression: compressionOptionSchema,
    aggregation: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description:
        "KPL aggregation: many events in one Kinesis record, in the Kinesis Producer Library's format, which the KCL, the AWS deaggregation libraries (Lambda) and Firehose unpack. Consumers must deaggregate.",
      properties: {
        enabled: { type: 'boolean', default: false, description: 'Pack events into aggregated records.' },
        max_record_bytes: {
          type: 'integer',
          minimum: 64,
          maximum: DEFAULT_MAX_RECORD_BYTES,
          default: DEFAULT_AGGREGATE_BYTES,
          description:
            "Largest aggregated record (data + partition key), at most the stream's record limit (1 MiB, and at most max_record_bytes); the KPL default is 51,200. An event that does not fit in one is sent alone.",
        },
      },
    },
    request_retry_partial: {
      type: 'boolean',
      default: true,
      description:
        "Resend the records of a request that Kinesis failed (throttled, internal failure). false: reject them at once (counted, and sent to the sink's rejected output). Vector's default is false, and it drops them silently; Sluice retries by default.",
    },
    batch: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'When a PutRecords request is sent.',
      properties: {
        max_events: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_RECORDS_PER_REQUEST,
          default: MAX_RECORDS_PER_REQUEST,
          description:
            'Records per request (at most 500, the PutRecords limit); with aggregation, aggregated records, not events.',
        },
        max_bytes: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_REQUEST_BYTES,
          default: 5_000_000,
          description: 'Bytes of records (data + partition keys) per request, at most 5 MiB.',
        },
        timeout_secs: {
          type: 'number',
          exclusiveMinimum: 0,
          default: 1,
          description: 'Longest time the oldest event waits before a partial batch is sent.',
        },
      },
    },
    request: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Concurrency, rate limit, timeout and retries of requests.',
      properties: {
        protocol: {
          type: 'string',
          enum: ['cbor', 'json'],
          default: 'cbor',
          description:
            'Wire format of PutRecords: "cbor" (binary, as the AWS SDK for Java sends it: a quarter fewer bytes and less CPU) or "json" (as Vector and the AWS CLI send it), for an endpoint that only speaks JSON.',
        },
        ...vectorRequestOptionSchemas,
        rate_limit_num: {
          type: 'integer',
          minimum: 1,
          description: 'Requests per rate_limit_duration_secs at most (default: unlimited).',
        },
        rate_limit_duration_secs: {
          type: 'number',
          exclusiveMinimum: 0,
          default: 1,
          description: 'The window of rate_limit_num.',
        },
        timeout_secs: {
          type: 'number',
          exclusiveMinimum: 0,
          default: 30,
          description: 'A request not answered in this time is aborted and retried.',
        },
        retry_attempts: {
          type: 'integer',
          minimum: 0,
          description: 'Retries of a failed request or record before it is rejected (default: unlimited).',
        },
        retry_initial_backoff_secs: {
          type: 'number',
          exclusiveMinimum: 0,
          default: 1,
          description: 'Backoff before the first retry; doubles each retry (jitter: retry_jitter_mode).',
        },
        retry_max_duration_secs: {
          type: 'number',
          exclusiveMinimum: 0,
          default: 30,
          description:
            'The longest single backoff, as in Vector (not a cap on the total time spent retrying).',
        },
        record_ttl_secs: {
          type: 'number',
          exclusiveMinimum: 0,
          description:
            "A record not accepted within this time since the sink took it is rejected (counted, and sent to the sink's rejected output) instead of retried again; the KPL's RecordTtl. Default: no limit (retried until accepted or the shutdown deadline).",
        },
      },
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
            'The shard map is read again this often (and sooner when an answer names a shard it does not know).',
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
    auth: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description:
        'Credentials; default: the AWS provider chain (environment, credential_process, credentials file, SSO, web identity, container, instance profile).',
      properties: {
        // writeOnly: secret, never printed (config errors, logs, graph).
        access_key_id: {
          type: 'string',
          writeOnly: true,
          description: 'Static access key id (with secret_access_key).',
        },
        secret_access_key: { type: 'string', writeOnly: true, description: 'Static secret access key.' },
        session_token: {
          type: 'string',
          writeOnly: true,
          description: 'Session token of temporary static credentials.',
        },
        credentials_file: { type: 'string', description: 'A credentials file to read (with profile).' },
        profile: {
          type: 'string',
          description: 'Profile of the credentials/config files (default "default").',
        },
        assume_role: { type: 'string', description: 'ARN of a role to assume with the base credentials.' },
        external_id: { type: 'string', description: 'External id for assume_role.' },
        session_name: { type: 'string', description: 'Session name for assume_role (default "sluice").' },
        imds: {
          type: 'object',
          additionalProperties: false,
          description: 'Instance metadata (IMDS) client settings.',
          properties: {
            connect_timeout_seconds: {
              type: 'number',
              exclusiveMinimum: 0,
              description: 'Connect timeout (default 1).',
            },
            max_attempts: { type: 'integer', minimum: 1, description: 'Attempts (default 4).' },
            read_timeout_seconds: {
              type: 'number',
              exclusiveMinimum: 0,
              description:
                'Read timeout (default 1). The SDK has one IMDS timeout for connecting and reading: the larger of the two is used.',
            },
          },
        },
        load_timeout_secs: {
          type: 'number',
          exclusiveMinimum: 0,
          default: 5,
          description: 'Longest time to wait for credentials to load.',
        },
      },
    },
  },
};
