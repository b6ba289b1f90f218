import { awsAuthSchema, awsRegionSchemas } from '@sluice/aws';
import { encodingOptionSchema } from '@sluice/encoding';
import { compressionOptionSchema } from '@sluice/sink-kit';

/** PutRecordBatch's limits: records per request, bytes per request, bytes of one record's data. */
export const MAX_RECORDS_PER_REQUEST = 500;
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
export const MAX_RECORD_BYTES = 1000 * 1024;

/** Vector's names of the `aws_kinesis_firehose` sink (its `KinesisSinkBaseConfig`); the kit adds `batch`, `request`, `tls`. */
export const ownOptions = {
  type: 'object',
  additionalProperties: false,
  required: ['stream_name'],
  properties: {
    stream_name: {
      type: 'string',
      minLength: 1,
      description: 'The Firehose delivery stream to write to.',
      examples: ['my-delivery-stream'],
    },
    region: awsRegionSchemas.region,
    endpoint: awsRegionSchemas.endpoint,
    encoding: encodingOptionSchema,
    compression: {
      ...compressionOptionSchema,
      description:
        'Compression of each record\'s data, as Vector does it (the destination sees compressed records): "none", "gzip", "zlib", "zstd" (Node 22.15+) or "snappy", or a table `{ algorithm, level }`.',
    },
    request_retry_partial: {
      type: 'boolean',
      default: true,
      description:
        "Resend the records of a request that Firehose failed (ServiceUnavailableException, InternalFailure), and only those. false: reject them at once (counted, and sent to the sink's rejected output). Vector's default is false, and with true it resends the whole request; Sluice retries the failed records by default.",
    },
    partition_key_field: {
      type: 'string',
      description:
        'Accepted for Vector compatibility (its Kinesis sinks share one configuration); no effect: Firehose records have no partition key.',
    },
    auth: awsAuthSchema,
  },
} as const;
