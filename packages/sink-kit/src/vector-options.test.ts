import { describe, expect, it } from 'vitest';
import { DEFAULT_ADAPTIVE_CONCURRENCY } from './adaptive-concurrency.js';
import { batchSettingsOf, maxConcurrencyOf, requestSettingsOf } from './vector-options.js';

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

  const base = {
    timeout_secs: 60,
    rate_limit_duration_secs: 1,
    retry_initial_backoff_secs: 1,
    retry_max_duration_secs: 30,
  };

  it('"adaptive" is the adaptive controller with Vector\'s defaults, or the ones given', () => {
    expect(requestSettingsOf({ ...base, concurrency: 'adaptive' }, 'fibonacci').concurrency).toEqual({
      adaptive: DEFAULT_ADAPTIVE_CONCURRENCY,
    });
    const tuned = requestSettingsOf(
      {
        ...base,
        concurrency: 'adaptive',
        adaptive_concurrency: { initial_concurrency: 8, max_concurrency_limit: 50, decrease_ratio: 0.5 },
      },
      'fibonacci',
    );
    expect(tuned.concurrency).toEqual({
      adaptive: {
        ...DEFAULT_ADAPTIVE_CONCURRENCY,
        initialConcurrency: 8,
        maxConcurrencyLimit: 50,
        decreaseRatio: 0.5,
      },
    });
    expect(
      maxConcurrencyOf({ concurrency: 'adaptive', adaptive_concurrency: { max_concurrency_limit: 50 } }),
    ).toBe(50);
  });

  it('"none" is one request at a time (as in Vector), a number a fixed limit', () => {
    expect(requestSettingsOf({ ...base, concurrency: 'none' }, 'fibonacci').concurrency).toBe(1);
    expect(requestSettingsOf({ ...base, concurrency: 7 }, 'fibonacci').concurrency).toBe(7);
    expect(maxConcurrencyOf({ concurrency: 'none' })).toBe(1);
  });

  it('retry_jitter_mode "None" waits exactly; "Full" (the default) draws the wait', () => {
    expect(
      requestSettingsOf({ ...base, concurrency: 1, retry_jitter_mode: 'None' }, 'fibonacci').retry.jitter,
    ).toBe('none');
    expect(
      requestSettingsOf({ ...base, concurrency: 1, retry_jitter_mode: 'Full' }, 'fibonacci').retry.jitter,
    ).toBe('full');
    expect(requestSettingsOf({ ...base, concurrency: 1 }, 'fibonacci').retry.jitter).toBe('full');
  });
});
