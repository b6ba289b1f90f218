import type { AdaptiveConcurrencySettings } from './adaptive-concurrency.js';
import { DEFAULT_ADAPTIVE_CONCURRENCY } from './adaptive-concurrency.js';
import type { BatchSettings } from './batcher.js';
import type { RetrySettings } from './retry.js';
import type { RequestSettings } from './spec.js';

/** Vector's `batch` table, as its sinks spell it. */
export interface VectorBatchOptions {
  readonly max_events: number;
  readonly max_bytes: number;
  readonly timeout_secs: number;
}

/** Vector's `request.adaptive_concurrency` table. */
export interface VectorAdaptiveConcurrencyOptions {
  readonly initial_concurrency?: number | undefined;
  readonly max_concurrency_limit?: number | undefined;
  readonly decrease_ratio?: number | undefined;
  readonly ewma_alpha?: number | undefined;
  readonly rtt_deviation_scale?: number | undefined;
}

/** Vector's `request.concurrency`: `"adaptive"` (ARC), `"none"` (one at a time) or a fixed number. */
export type VectorConcurrency = number | 'adaptive' | 'none';

/** The part of Vector's `request` table every network sink shares. */
export interface VectorRequestOptions {
  readonly concurrency: VectorConcurrency;
  readonly adaptive_concurrency?: VectorAdaptiveConcurrencyOptions | undefined;
  readonly timeout_secs: number;
  readonly rate_limit_num?: number | undefined;
  readonly rate_limit_duration_secs: number;
  readonly retry_attempts?: number | undefined;
  readonly retry_initial_backoff_secs: number;
  readonly retry_max_duration_secs: number;
  readonly retry_jitter_mode?: 'Full' | 'None' | undefined;
}

/** Vector's `batch` options (seconds) as the kit's batch settings (milliseconds). */
export function batchSettingsOf(batch: VectorBatchOptions): BatchSettings {
  return { maxEvents: batch.max_events, maxBytes: batch.max_bytes, timeoutMs: batch.timeout_secs * 1000 };
}

/** Vector's `adaptive_concurrency` options as the controller's settings (Vector's defaults where unset). */
export function adaptiveSettingsOf(
  options: VectorAdaptiveConcurrencyOptions = {},
): AdaptiveConcurrencySettings {
  const defaults = DEFAULT_ADAPTIVE_CONCURRENCY;
  return {
    initialConcurrency: options.initial_concurrency ?? defaults.initialConcurrency,
    maxConcurrencyLimit: options.max_concurrency_limit ?? defaults.maxConcurrencyLimit,
    decreaseRatio: options.decrease_ratio ?? defaults.decreaseRatio,
    ewmaAlpha: options.ewma_alpha ?? defaults.ewmaAlpha,
    rttDeviationScale: options.rtt_deviation_scale ?? defaults.rttDeviationScale,
  };
}

/** The most requests the options ever put in flight (to size a connection pool). */
export function maxConcurrencyOf(
  request: Pick<VectorRequestOptions, 'concurrency' | 'adaptive_concurrency'>,
): number {
  if (request.concurrency === 'none') return 1;
  if (request.concurrency === 'adaptive')
    return adaptiveSettingsOf(request.adaptive_concurrency).maxConcurrencyLimit;
  return request.concurrency;
}

/**
 * Vector's `request` options as the kit's request settings. An unset `retry_attempts` retries until
 * the shutdown deadline; `retry_max_duration_secs` is the longest single wait, as in Vector (not a
 * cap on the total time spent retrying).
 */
export function requestSettingsOf(
  request: VectorRequestOptions,
  strategy: NonNullable<RetrySettings['strategy']>,
): RequestSettings {
  return {
    concurrency:
      request.concurrency === 'adaptive'
        ? { adaptive: adaptiveSettingsOf(request.adaptive_concurrency) }
        : maxConcurrencyOf(request),
    ...(request.rate_limit_num === undefined
      ? {}
      : { rateLimit: { num: request.rate_limit_num, windowMs: request.rate_limit_duration_secs * 1000 } }),
    timeoutMs: request.timeout_secs * 1000,
    retry: {
      attempts: request.retry_attempts ?? Number.POSITIVE_INFINITY,
      initialBackoffMs: request.retry_initial_backoff_secs * 1000,
      maxBackoffMs: request.retry_max_duration_secs * 1000,
      strategy,
      jitter: request.retry_jitter_mode === 'None' ? 'none' : 'full',
    },
  };
}
