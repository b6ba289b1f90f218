export type { RetryStrategy } from './classify.js';
export {
  DEFAULT_RETRY_STRATEGY,
  retriesStatus,
  retryAfterMs,
  retryStrategySchema,
  statusFailure,
  transportFailure,
} from './classify.js';
export type { HttpClientOptions, HttpRequest, HttpResponse } from './client.js';
export { DEFAULT_MAX_RESPONSE_BYTES, HttpClient, ResponseTooLargeError } from './client.js';
export type { EndpointHealthSettings } from './endpoints.js';
export { distributionSchema, EndpointPool, healthSettingsOf } from './endpoints.js';
export type { ProxyOptions } from './proxy.js';
export { proxySchema } from './proxy.js';
export type { ProxySettings } from './proxy-route.js';
export { bypassesProxy, proxySettingsOf } from './proxy-route.js';
export type { TlsConnectOptions, TlsOptions } from './tls.js';
export { tlsConnectOptions, tlsSchema } from './tls.js';
export type { AuthorizableRequest, Exchange, HttpTransportOptions } from './transport.js';
export { basicAuthSchema, HttpTransport } from './transport.js';
export type { UriCredentials } from './uri.js';
export { redactUri, splitCredentials } from './uri.js';
