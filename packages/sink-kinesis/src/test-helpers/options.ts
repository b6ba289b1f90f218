import type { KinesisSinkOptions } from '../options.js';

type Options = KinesisSinkOptions;

/** Overrides of test options: any option, and any part of its tables. */
export type OptionOverrides = Partial<
  Omit<Options, 'batch' | 'request' | 'auth' | 'aggregation' | 'shard_awareness'>
> & {
  batch?: Partial<Options['batch']>;
  request?: Partial<Options['request']>;
  auth?: Partial<Options['auth']>;
  aggregation?: Partial<Options['aggregation']>;
  shard_awareness?: Partial<Options['shard_awareness']>;
};

/**
 * Options as the config's validation leaves them (defaults applied), for tests: stream `logs`,
 * a fast batch timeout and fast retries, no shard awareness unless asked.
 */
export function testOptions(endpoint: string, overrides: OptionOverrides = {}): Options {
  return {
    stream_name: 'logs',
    region: 'us-east-1',
    endpoint,
    request_retry_partial: true,
    ordering: 'none',
    ...overrides,
    aggregation: { enabled: false, max_record_bytes: 51_200, ...overrides.aggregation },
    batch: { max_events: 500, max_bytes: 5_000_000, timeout_secs: 0.05, ...overrides.batch },
    request: {
      protocol: 'cbor',
      concurrency: 5,
      adaptive_concurrency: {
        initial_concurrency: 1,
        max_concurrency_limit: 200,
        decrease_ratio: 0.9,
        ewma_alpha: 0.4,
        rtt_deviation_scale: 2.5,
      },
      rate_limit_duration_secs: 1,
      timeout_secs: 5,
      retry_initial_backoff_secs: 0.001,
      retry_max_duration_secs: 0.01,
      retry_jitter_mode: 'Full',
      ...overrides.request,
    },
    auth: { load_timeout_secs: 5, ...overrides.auth },
    shard_awareness: {
      enabled: false,
      refresh_interval_secs: 60,
      shard_records_per_second: 1000,
      shard_bytes_per_second: 1024 * 1024,
      ...overrides.shard_awareness,
    },
  } as Options;
}
