import { createRequire } from 'node:module';
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { memoize } from '@smithy/core/config';

/** Vector's `auth` table of every AWS component (`src/aws/auth.rs`), as the config writes it. */
export interface AwsAuthOptions {
  access_key_id?: string;
  secret_access_key?: string;
  session_token?: string;
  credentials_file?: string;
  profile?: string;
  assume_role?: string;
  external_id?: string;
  session_name?: string;
  /** The region of the STS requests of `assume_role` (default: the component's). */
  region?: string;
  imds?: { connect_timeout_seconds?: number; max_attempts?: number; read_timeout_seconds?: number };
  load_timeout_secs: number;
}

/** Credentials as the AWS SDK takes and signs with them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Resolves the current credentials; memoized, refreshed before they expire. */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** Vector's IMDS default: 1 s to connect, 1 s to read (the SDK's default timeout too). */
const IMDS_DEFAULT_TIMEOUT_SECONDS = 1;
/** Credentials are refreshed this long before they expire, as the SDK does. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/** Fails a credentials load that takes longer than `load_timeout_secs`, with a clear message. */
function withLoadTimeout(provider: AwsCredentialsProvider, timeoutMs: number): AwsCredentialsProvider {
  return () =>
    new Promise<AwsCredentials>((resolve, reject) => {
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
    });
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
function preloadCredentialModules(auth: AwsAuthOptions): void {
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

/**
 * Vector's `auth.imds` as the SDK's IMDS provider settings. The SDK has one `timeout`, Node's
 * socket inactivity timeout, which bounds both connecting and waiting for the answer: it gets the
 * larger of `connect_timeout_seconds` and `read_timeout_seconds`, so neither phase is cut shorter
 * than configured.
 */
export function imdsSettingsOf(imds: AwsAuthOptions['imds']): { timeout: number; maxRetries?: number } {
  const connect = imds?.connect_timeout_seconds ?? IMDS_DEFAULT_TIMEOUT_SECONDS;
  const read = imds?.read_timeout_seconds ?? IMDS_DEFAULT_TIMEOUT_SECONDS;
  return {
    timeout: Math.max(connect, read) * 1000,
    ...(imds?.max_attempts === undefined ? {} : { maxRetries: imds.max_attempts }),
  };
}

/**
 * The credential chain of Vector's `auth` options, built from `@aws-sdk/credential-providers`:
 * static keys; a credentials file and profile; else the Node provider chain in the seed's order
 * (environment keys, credential_process, the credentials file, the instance profile) plus SSO, web
 * identity and container credentials; then `assume_role` on top of any of them (STS in
 * `auth.region`, else `region`; through `requestHandler` when given). Memoized and refreshed 5 minutes before expiry; each load bounded
 * by `load_timeout_secs`. A secret is never logged.
 */
export function awsCredentials(
  auth: AwsAuthOptions,
  region?: string,
  /** The component's HTTP handler (`sdkRequestHandler`): assume_role's STS calls take its proxy and TLS. */
  requestHandler?: object,
): AwsCredentialsProvider {
  preloadCredentialModules(auth);
  let base: AwsCredentialsProvider | AwsCredentials;
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
    const stsRegion = auth.region ?? region;
    base = fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: auth.assume_role,
        RoleSessionName: auth.session_name ?? 'sluice',
        ...(auth.external_id === undefined ? {} : { ExternalId: auth.external_id }),
      },
      clientConfig: {
        ...(stsRegion === undefined ? {} : { region: stsRegion }),
        ...(requestHandler === undefined
          ? {}
          : { requestHandler: requestHandler as Record<string, unknown> }),
      },
    });
  }
  if (typeof base !== 'function') {
    const fixed = base;
    return () => Promise.resolve(fixed);
  }
  return memoize(
    withLoadTimeout(base, auth.load_timeout_secs * 1000),
    (credentials) =>
      credentials.expiration !== undefined &&
      credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS,
    (credentials) => credentials.expiration !== undefined,
  );
}
