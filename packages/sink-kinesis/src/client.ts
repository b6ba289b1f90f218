import { KinesisClient } from '@aws-sdk/client-kinesis';
import { awsCredentials, endpointUrl, sdkRequestHandler } from '@sluice/aws';
import type { HttpClient } from '@sluice/sink-kit/http';
import type { KinesisSinkOptions } from './options.js';
import type { StreamReference } from './shards.js';

/** The stream the options name, as requests name it: by ARN (the SDK's StreamARN) or by name. */
export function streamOf(options: Pick<KinesisSinkOptions, 'stream_name' | 'stream_arn'>): StreamReference {
  if (options.stream_arn !== undefined) return { StreamARN: options.stream_arn };
  if (options.stream_name !== undefined) return { StreamName: options.stream_name };
  throw new Error('aws_kinesis_streams needs stream_name or stream_arn');
}

/** The region of `region`, else of a stream ARN (`arn:aws:kinesis:<region>:…`). */
export function regionOf(options: Pick<KinesisSinkOptions, 'region' | 'stream_arn'>): string | undefined {
  return options.region ?? options.stream_arn?.split(':')[3];
}

/**
 * The SDK client: every call through the sink's own HTTP client (its `tls`, `proxy`, keep-alive
 * pool; HTTP/1.1, which kinesis-local needs too), the credential chain of `@sluice/aws` (assume_role's
 * STS calls through the same client), and the SDK's own retries off: the sink's are the only ones.
 */
export function createKinesisClient(options: KinesisSinkOptions, http: HttpClient): KinesisClient {
  const region = regionOf(options);
  const requestHandler = sdkRequestHandler(http);
  return new KinesisClient({
    ...(region === undefined ? {} : { region }),
    ...(options.endpoint === undefined ? {} : { endpoint: endpointUrl(options.endpoint) }),
    credentials: awsCredentials(options.auth ?? { load_timeout_secs: 5 }, region, requestHandler),
    maxAttempts: 1,
    requestHandler,
  });
}
