export { awsAuthSchema } from '@sluice/sink-kit';
export type { AwsAuthOptions, AwsCredentials, AwsCredentialsProvider } from './auth.js';
export { awsCredentials, imdsSettingsOf } from './auth.js';
export type { EndpointInstructions, ResolvedEndpoint } from './endpoint.js';
export { operationEndpoint } from './endpoint.js';
export type {
  AwsClientConfig,
  AwsErrorFailure,
  AwsHttpSend,
  AwsJsonAnswer,
  AwsJsonServiceOptions,
} from './json-service.js';
export { AwsJsonService, awsErrorFailure } from './json-service.js';
export type { AwsRegionOptions } from './region.js';
export { awsRegionSchemas, endpointUrl, resolveRegion, warnEndpointWithoutScheme } from './region.js';
export type { HttpSender, SdkRequestHandler } from './request-handler.js';
export { sdkRequestHandler } from './request-handler.js';
export type { SecretsManagerOptions } from './secrets-manager.js';
export { getSecretString } from './secrets-manager.js';
export type { AwsSignerOptions, SignableRequest } from './signer.js';
export { AwsSigner, awsSignerOf } from './signer.js';
