import { getEndpointFromInstructions } from '@smithy/core/endpoints';

/** What the SDK needs to resolve one operation's endpoint: its command class. */
export interface EndpointInstructions {
  getEndpointParameterInstructions(): Record<string, unknown>;
}

/** An endpoint as the SDK resolved it, with the signing scheme it names. */
export interface ResolvedEndpoint {
  readonly url: URL;
  readonly properties?: Record<string, unknown>;
}

/**
 * The endpoint of one operation of an SDK client (`client.config`), resolved exactly as the SDK
 * resolves it for its own commands: the `endpoint` option, else `AWS_ENDPOINT_URL_<SERVICE>` /
 * `AWS_ENDPOINT_URL` / the profile's `endpoint_url` (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS),
 * else the service's rules for the region, FIPS and dual-stack (and a stream ARN's account
 * endpoint). For a request sent outside the SDK's middleware, which would otherwise miss the
 * environment's endpoint.
 */
export async function operationEndpoint(
  clientConfig: object,
  command: EndpointInstructions,
  input: object,
): Promise<ResolvedEndpoint> {
  const endpoint = await getEndpointFromInstructions(
    input,
    command as Parameters<typeof getEndpointFromInstructions>[1],
    clientConfig as Parameters<typeof getEndpointFromInstructions>[2],
  );
  return {
    url: endpoint.url,
    ...(endpoint.properties === undefined ? {} : { properties: endpoint.properties }),
  };
}
