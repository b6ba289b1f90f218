import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { KinesisClient, type KinesisClientConfig } from '@aws-sdk/client-kinesis';
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { KinesisSinkOptions } from './options.js';

type Auth = NonNullable<KinesisSinkOptions['auth']>;
type CredentialsOption = NonNullable<KinesisClientConfig['credentials']>;
type AwsCredentialIdentityProvider = Extract<CredentialsOption, (...args: never[]) => unknown>;
type AwsCredentialIdentity = Exclude<CredentialsOption, (...args: never[]) => unknown>;

/** Fails a credentials load that takes longer than `load_timeout_secs`, with a clear message. */
function withLoadTimeout(
  provider: AwsCredentialIdentityProvider,
  timeoutMs: number,
): AwsCredentialIdentityProvider {
  return (() =>
    new Promise<AwsCredentialIdentity>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`AWS credentials could not be loaded within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      timer.unref();
      provider().then(
        (credentials) => {
          clearTimeout(timer);
          resolve(credentials);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    })) as AwsCredentialIdentityProvider;
}

/**
 * Credentials in the seed's order (environment keys, credential_process, the credentials file,
 * the instance profile) plus the rest of the Node chain, unless the `auth` options say otherwise.
 */
export function credentialsProvider(auth: Auth): AwsCredentialIdentityProvider | AwsCredentialIdentity {
  let base: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  if (auth.access_key_id !== undefined && auth.secret_access_key !== undefined) {
    base = {
      accessKeyId: auth.access_key_id,
      secretAccessKey: auth.secret_access_key,
      ...(auth.session_token === undefined ? {} : { sessionToken: auth.session_token }),
    };
  } else if (auth.credentials_file !== undefined) {
    base = fromIni({
      filepath: auth.credentials_file,
      ...(auth.profile === undefined ? {} : { profile: auth.profile }),
    });
  } else {
    base = fromNodeProviderChain({
      ...(auth.profile === undefined ? {} : { profile: auth.profile }),
      ...(auth.imds?.connect_timeout_seconds === undefined
        ? {}
        : { timeout: auth.imds.connect_timeout_seconds * 1000 }),
      ...(auth.imds?.max_attempts === undefined ? {} : { maxRetries: auth.imds.max_attempts }),
    });
  }
  if (auth.assume_role !== undefined) {
    base = fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: auth.assume_role,
        RoleSessionName: auth.session_name ?? 'sluice',
        ...(auth.external_id === undefined ? {} : { ExternalId: auth.external_id }),
      },
    });
  }
  return typeof base === 'function' ? withLoadTimeout(base, auth.load_timeout_secs * 1000) : base;
}

/**
 * The SDK client: HTTP/1.1 keep-alive (`NodeHttpHandler`; the default HTTP/2 handler fails against
 * kinesis-local), and the SDK's own retries off: the sink's retry loop is the only one.
 */
export function createKinesisClient(options: KinesisSinkOptions): KinesisClient {
  const agentOptions = { keepAlive: true, maxSockets: options.request.concurrency + 2 };
  return new KinesisClient({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    credentials: credentialsProvider(options.auth ?? { load_timeout_secs: 5 }),
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: 5_000,
    }),
  });
}
