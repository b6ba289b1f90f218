import type { JsonSchema } from '@sluice/component-api';

/** Vector's `proxy` table (`lib/vector-core/src/config/proxy.rs`). */
export interface ProxyOptions {
  /** Default true: the options below and the environment's HTTP_PROXY / HTTPS_PROXY / NO_PROXY apply. */
  enabled?: boolean;
  http?: string;
  https?: string;
  no_proxy?: string[];
}

export const proxySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'An HTTP(S) proxy for the requests. Also taken from the environment: HTTP_PROXY, HTTPS_PROXY and NO_PROXY (lower case too); these options win.',
  properties: {
    enabled: {
      type: 'boolean',
      default: true,
      description: 'false: no proxy at all, whatever the environment says.',
    },
    http: { type: 'string', minLength: 1, description: 'The proxy of http:// requests (a URL).' },
    https: { type: 'string', minLength: 1, description: 'The proxy of https:// requests (a URL).' },
    no_proxy: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Hosts never proxied, added to NO_PROXY: `example.com`, `.example.com` (and its subdomains), `127.0.0.1`, `host:port`, `*` for all.',
    },
  },
};
