export type { AdaptiveConcurrencyOptions, AdaptiveConcurrencySettings } from './adaptive-concurrency.js';
export { AdaptiveConcurrency, DEFAULT_ADAPTIVE_CONCURRENCY } from './adaptive-concurrency.js';
export type { BatchItem, BatchSettings } from './batcher.js';
export { Batcher } from './batcher.js';
export type { ConcurrencyLimiter, RequestObservation } from './limits.js';
export { fixedConcurrency, RateLimiter } from './limits.js';
export type {
  Discard,
  Failure,
  NetworkSinkSpec,
  RequestResult,
  RequestSettings,
  SinkItem,
} from './network-sink.js';
export { createNetworkSink } from './network-sink.js';
export type { RetrySettings } from './retry.js';
export { backoffMs } from './retry.js';
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
  vectorRequestOptionSchemas,
} from './vector-options.js';
