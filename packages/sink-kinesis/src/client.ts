import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createRequire } from 'node:module';
import { KinesisClient, type KinesisClientConfig } from '@aws-sdk/client-kinesis';
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { ComponentContext } from '@sluice/component-api';
import { maxConcurrencyOf } from '@sluice/sink-kit';
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

/** Modules the default credentials chain requires on its first call, not when it is created. */
const CHAIN_MODULES = [
  '@aws-sdk/credential-provider-env',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

/**
 * Requires now, from the module that will require them, what the credentials providers load
 * lazily on the first send. Out of file descriptors then (EMFILE), Node would cache the failed
 * lookup of the package and the sink would fail with MODULE_NOT_FOUND for good. Done from the
 * requiring module's own location, so its later `require` finds them in the cache.
 */
function preloadCredentialModules(auth: Auth): void {
  if (auth.access_key_id !== undefined && auth.secret_access_key !== undefined) return;
  const fromProviders = createRequire(import.meta.resolve('@aws-sdk/credential-providers'));
  if (auth.credentials_file !== undefined) {
    fromProviders('@aws-sdk/credential-provider-ini');
    return;
  }
  const fromChain = createRequire(fromProviders.resolve('@aws-sdk/credential-provider-node'));
  fromProviders('@aws-sdk/credential-provider-node');
  for (const name of CHAIN_MODULES) fromChain(name);
}

/** Vector's IMDS default: 1 s to connect, 1 s to read (the SDK's default timeout too). */
const IMDS_DEFAULT_TIMEOUT_SECONDS = 1;

/**
 * Vector's `auth.imds` as the SDK's IMDS provider settings. The SDK has one `timeout`, Node's
 * socket inactivity timeout, which bounds both connecting and waiting for the answer: it gets the
 * larger of `connect_timeout_seconds` and `read_timeout_seconds`, so neither phase is cut shorter
 * than configured.
 */
export function imdsSettingsOf(imds: Auth['imds']): { timeout: number; maxRetries?: number } {
  const connect = imds?.connect_timeout_seconds ?? IMDS_DEFAULT_TIMEOUT_SECONDS;
  const read = imds?.read_timeout_seconds ?? IMDS_DEFAULT_TIMEOUT_SECONDS;
  return {
    timeout: Math.max(connect, read) * 1000,
    ...(imds?.max_attempts === undefined ? {} : { maxRetries: imds.max_attempts }),
  };
}

/**
 * Credentials in the seed's order (environment keys, credential_process, the credentials file,
 * the instance profile) plus the rest of the Node chain, unless the `auth` options say otherwise.
 */
export function credentialsProvider(auth: Auth): AwsCredentialIdentityProvider | AwsCredentialIdentity {
  preloadCredentialModules(auth);
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
      ...imdsSettingsOf(auth.imds),
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

/** An endpoint as the SDK takes it: older Vector accepted `host:port`, meaning https. */
export function endpointUrl(endpoint: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
}

/** One deprecation warning for an endpoint without a scheme. */
export function warnEndpointWithoutScheme(options: KinesisSinkOptions, context: ComponentContext): void {
  if (options.endpoint !== undefined && endpointUrl(options.endpoint) !== options.endpoint)
    context.logger.warn(
      `endpoint "${options.endpoint}" has no scheme, which is deprecated: https:// is assumed; write "${endpointUrl(options.endpoint)}"`,
    );
}

/**
 * The SDK client: HTTP/1.1 keep-alive (`NodeHttpHandler`; the default HTTP/2 handler fails against
 * kinesis-local), and the SDK's own retries off: the sink's retry loop is the only one.
 */
export function createKinesisClient(options: KinesisSinkOptions): KinesisClient {
  const agentOptions = { keepAlive: true, maxSockets: maxConcurrencyOf(options.request) + 2 };
  return new KinesisClient({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: endpointUrl(options.endpoint) }),
    credentials: credentialsProvider(options.auth ?? { load_timeout_secs: 5 }),
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: 5_000,
    }),
  });
}
