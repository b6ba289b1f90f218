export type { SinkItem } from './accounting.js';
export type { AdaptiveConcurrencyOptions, AdaptiveConcurrencySettings } from './adaptive-concurrency.js';
export { AdaptiveConcurrency, DEFAULT_ADAPTIVE_CONCURRENCY } from './adaptive-concurrency.js';
export { defaultClassification } from './attempt.js';
export { awsAuthSchema } from './aws-auth-schema.js';
export type { BatchItem, BatchSettings } from './batcher.js';
export { Batcher } from './batcher.js';
export type { CompressionAlgorithm, CompressionLevel, CompressionOption } from './compression.js';
export { compressionOptionSchema, compressorOf, contentEncodingOf } from './compression.js';
export type {
  NetworkSinkDefinition,
  NetworkSinkOptions,
  NetworkSinkParts,
  OwnOptionsSchema,
} from './define.js';
export { defineNetworkSink } from './define.js';
export { KeyOrder } from './key-order.js';
export type { ConcurrencyLimiter, RequestObservation } from './limits.js';
export { fixedConcurrency, RateLimiter } from './limits.js';
export { createNetworkSink } from './network-sink.js';
export type { BatchDefaults, BatchOptions, RequestDefaults, RequestOptions } from './options.js';
export { batchSchema, headersSchema, requestSchema } from './options.js';
export type { Discard, Failure, SendResult } from './results.js';
export { reject, rejectEvent, retry } from './results.js';
export type { RetrySettings } from './retry.js';
export { backoffMs } from './retry.js';
export { RetryQueue } from './retry-queue.js';
export type { BuiltRequest, NetworkSinkSpec, RequestSettings } from './spec.js';
export type { Rendered } from './template.js';
export { Template } from './template.js';
export type {
  VectorAdaptiveConcurrencyOptions,
  VectorBatchOptions,
  VectorConcurrency,
  VectorRequestOptions,
} from './vector-options.js';
export {
  adaptiveSettingsOf,
  batchSettingsOf,
  maxConcurrencyOf,
  requestSettingsOf,
} from './vector-options.js';
