import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { awsCredentials, endpointUrl } from '@sluice/aws';
import { maxConcurrencyOf } from '@sluice/sink-kit';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { KinesisSinkOptions } from './options.js';

/**
 * The SDK client: HTTP/1.1 keep-alive (`NodeHttpHandler`; the default HTTP/2 handler fails against
 * kinesis-local), the credential chain of `@sluice/aws`, and the SDK's own retries off: the sink's
 * retry loop is the only one.
 */
export function createKinesisClient(options: KinesisSinkOptions): KinesisClient {
  const agentOptions = { keepAlive: true, maxSockets: maxConcurrencyOf(options.request) + 2 };
  return new KinesisClient({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: endpointUrl(options.endpoint) }),
    credentials: awsCredentials(options.auth ?? { load_timeout_secs: 5 }, options.region),
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: 5_000,
    }),
  });
}
