import { describe, expect, it } from 'vitest';
import { batchSettingsOf, requestSettingsOf } from './vector-options.js';

describe("Vector's batch and request options as kit settings", () => {
  it('turns seconds into milliseconds and keeps the limits', () => {
    expect(batchSettingsOf({ max_events: 500, max_bytes: 5_000_000, timeout_secs: 1.5 })).toEqual({
      maxEvents: 500,
      maxBytes: 5_000_000,
      timeoutMs: 1500,
    });
  });

  it('retries until the deadline when retry_attempts is unset, and rate-limits only when asked', () => {
    const request = {
      concurrency: 4,
      timeout_secs: 30,
      rate_limit_duration_secs: 1,
      retry_initial_backoff_secs: 1,
      retry_max_duration_secs: 10,
    };
    expect(requestSettingsOf(request, 'fibonacci')).toEqual({
      concurrency: 4,
      timeoutMs: 30_000,
      retry: {
        attempts: Number.POSITIVE_INFINITY,
        initialBackoffMs: 1000,
        maxBackoffMs: 10_000,
        strategy: 'fibonacci',
        jitter: 'full',
      },
    });
    const limited = requestSettingsOf({ ...request, rate_limit_num: 5, retry_attempts: 3 }, 'exponential');
    expect(limited.rateLimit).toEqual({ num: 5, windowMs: 1000 });
    expect(limited.retry.attempts).toBe(3);
    expect(limited.retry.strategy).toBe('exponential');
  });
});
