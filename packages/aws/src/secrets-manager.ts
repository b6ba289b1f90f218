import { partition } from '@aws-sdk/core/client';
import { HttpClient, type TlsOptions } from '@sluice/sink-kit/http';
import {
  loadConfig,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
} from '@smithy/core/config';
import { type AwsAuthOptions, awsCredentials } from './auth.js';
import { AwsJsonService } from './json-service.js';
import { endpointUrl, resolveRegion } from './region.js';

/** Vector's `aws_secrets_manager` secret backend's options (`src/secrets/aws_secrets_manager.rs`). */
export interface SecretsManagerOptions {
  secret_id: string;
  region?: string;
  endpoint?: string;
  auth?: AwsAuthOptions;
  tls?: TlsOptions;
}

interface EndpointParameters {
  Region?: string;
  Endpoint?: string;
  UseFIPS?: boolean;
  UseDualStack?: boolean;
}

/**
 * Secrets Manager's endpoint rules (the SDK's `ruleset` of the service): the `endpoint` option as
 * is, else `secretsmanager[-fips].<region>.<the partition's DNS suffix>`; dual-stack is the
 * regular host in aws, aws-cn and aws-us-gov (FIPS and dual-stack: in aws and aws-us-gov).
 */
export function secretsManagerEndpoint(parameters: EndpointParameters): { url: URL } {
  const { Region: region, Endpoint: endpoint, UseFIPS: fips, UseDualStack: dualStack } = parameters;
  if (endpoint !== undefined) {
    if (fips === true) throw new Error('Invalid Configuration: FIPS and custom endpoint are not supported');
    if (dualStack === true)
      throw new Error('Invalid Configuration: Dualstack and custom endpoint are not supported');
    return { url: new URL(endpoint) };
  }
  if (region === undefined) throw new Error('Invalid Configuration: Missing Region');
  const found = partition(region);
  if (fips === true && !found.supportsFIPS)
    throw new Error('FIPS is enabled but this partition does not support FIPS');
  if (dualStack === true && !found.supportsDualStack)
    throw new Error('DualStack is enabled but this partition does not support DualStack');
  const regularHost =
    found.name === 'aws' || found.name === 'aws-us-gov' || (found.name === 'aws-cn' && fips !== true);
  const suffix = dualStack === true && !regularHost ? found.dualStackDnsSuffix : found.dnsSuffix;
  return { url: new URL(`https://secretsmanager${fips === true ? '-fips' : ''}.${region}.${suffix}`) };
}

/** The endpoint parameters of Secrets Manager's operations, as the SDK's commands declare them. */
const GET_SECRET_VALUE = {
  getEndpointParameterInstructions: () => ({
    UseFIPS: { type: 'builtInParams', name: 'useFipsEndpoint' },
    Endpoint: { type: 'builtInParams', name: 'endpoint' },
    Region: { type: 'builtInParams', name: 'region' },
    UseDualStack: { type: 'builtInParams', name: 'useDualstackEndpoint' },
  }),
};

/**
 * The `SecretString` of a secret (GetSecretValue of `secret_id`, its current version), as Vector's
 * backend fetches it: Vector's `auth`, `region`, `endpoint` (else AWS_ENDPOINT_URL_SECRETS_MANAGER,
 * AWS_ENDPOINT_URL or the profile's, else the region's endpoint with FIPS and dual-stack as the
 * environment says) and outgoing `tls` options. Without the Secrets Manager SDK: one signed AWS
 * JSON 1.1 call. Throws the service's error (`ResourceNotFoundException: …`) or the transport's;
 * the secret's value is never in an error.
 */
export async function getSecretString(options: SecretsManagerOptions, signal: AbortSignal): Promise<string> {
  const { region, endpoint } = options;
  const auth = { load_timeout_secs: 5, ...options.auth };
  const http = new HttpClient({ ...(options.tls === undefined ? {} : { tls: options.tls }), connections: 1 });
  const clientConfig = {
    serviceId: 'Secrets Manager',
    credentials: awsCredentials(auth, region),
    region: () => resolveRegion(region),
    isCustomEndpoint: endpoint !== undefined,
    ...(endpoint === undefined ? {} : { endpoint: () => Promise.resolve(endpointUrl(endpoint)) }),
    useFipsEndpoint: loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS),
    useDualstackEndpoint: loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS),
    endpointProvider: secretsManagerEndpoint,
  };
  const service = new AwsJsonService({
    clientConfig,
    command: GET_SECRET_VALUE,
    endpointInput: {},
    targetPrefix: 'secretsmanager',
    signingName: 'secretsmanager',
    send: (request) => http.request(request),
  });
  try {
    const answer = await service.call(
      'GetSecretValue',
      JSON.stringify({ SecretId: options.secret_id }),
      signal,
    );
    if (!answer.ok) throw new Error(answer.failure.message);
    const secret = answer.body.SecretString;
    if (typeof secret !== 'string')
      throw new Error(`secret for secret-id '${options.secret_id}' could not be retrieved`);
    return secret;
  } finally {
    await http.close();
  }
}
