import type { JsonSchema, Logger } from '@sluice/component-api';
import { loadConfig, NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';

/** Vector's `region` and `endpoint` options of an AWS component (its flattened `RegionOrEndpoint`). */
export interface AwsRegionOptions {
  region?: string;
  endpoint?: string;
}

export const awsRegionSchemas = {
  region: {
    type: 'string',
    minLength: 1,
    description: 'AWS region; default from the environment (AWS_REGION), the profile, or IMDS.',
  },
  endpoint: {
    type: 'string',
    minLength: 1,
    description:
      "Custom endpoint URL (http:// allowed, e.g. a local emulator). Without a scheme (`host:port`, as older Vector accepted) https:// is assumed, with a deprecation warning. Unset: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL or the profile's endpoint_url, else the service's own endpoint for the region (FIPS and dual-stack as AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT say).",
  },
} as const satisfies Readonly<Record<'region' | 'endpoint', JsonSchema>>;

/** An endpoint as the SDK takes it: older Vector accepted `host:port`, meaning https. */
export function endpointUrl(endpoint: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
}

/** One deprecation warning for an endpoint without a scheme. */
export function warnEndpointWithoutScheme(endpoint: string | undefined, logger: Logger): void {
  if (endpoint !== undefined && endpointUrl(endpoint) !== endpoint)
    logger.warn(
      `endpoint "${endpoint}" has no scheme, which is deprecated: https:// is assumed; write "${endpointUrl(endpoint)}"`,
    );
}

/**
 * The region, as the SDK finds it: the option, else `AWS_REGION` (or `AWS_DEFAULT_REGION`), else
 * the profile's `region` (AWS_PROFILE, the shared config files). Rejects when none is found.
 */
export async function resolveRegion(region: string | undefined): Promise<string> {
  if (region !== undefined) return region;
  const fromEnvironment = process.env.AWS_DEFAULT_REGION;
  try {
    return await loadConfig(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS)();
  } catch (error) {
    if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
    throw new Error('no AWS region configured: set `region` or AWS_REGION', { cause: error });
  }
}
