import type { BatchSettings } from './batcher.js';
import type { RequestSettings } from './network-sink.js';
import type { RetrySettings } from './retry.js';

/** Vector's `batch` table, as its sinks spell it. */
export interface VectorBatchOptions {
  readonly max_events: number;
  readonly max_bytes: number;
  readonly timeout_secs: number;
}

/** The part of Vector's `request` table every network sink shares. */
export interface VectorRequestOptions {
  readonly concurrency: number;
  readonly timeout_secs: number;
  readonly rate_limit_num?: number | undefined;
  readonly rate_limit_duration_secs: number;
  readonly retry_attempts?: number | undefined;
  readonly retry_initial_backoff_secs: number;
  readonly retry_max_duration_secs: number;
}

/** Vector's `batch` options (seconds) as the kit's batch settings (milliseconds). */
export function batchSettingsOf(batch: VectorBatchOptions): BatchSettings {
  return { maxEvents: batch.max_events, maxBytes: batch.max_bytes, timeoutMs: batch.timeout_secs * 1000 };
}

/**
 * Vector's `request` options as the kit's request settings. An unset `retry_attempts` retries until
 * the shutdown deadline; `retry_max_duration_secs` is the longest single wait, as in Vector.
 */
export function requestSettingsOf(
  request: VectorRequestOptions,
  strategy: NonNullable<RetrySettings['strategy']>,
): RequestSettings {
  return {
    concurrency: request.concurrency,
    ...(request.rate_limit_num === undefined
      ? {}
      : { rateLimit: { num: request.rate_limit_num, windowMs: request.rate_limit_duration_secs * 1000 } }),
    timeoutMs: request.timeout_secs * 1000,
    retry: {
      attempts: request.retry_attempts ?? Number.POSITIVE_INFINITY,
      initialBackoffMs: request.retry_initial_backoff_secs * 1000,
      maxBackoffMs: request.retry_max_duration_secs * 1000,
      strategy,
      jitter: 'full',
    },
  };
}
