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
export type { VectorBatchOptions, VectorRequestOptions } from './vector-options.js';
export { batchSettingsOf, requestSettingsOf } from './vector-options.js';
