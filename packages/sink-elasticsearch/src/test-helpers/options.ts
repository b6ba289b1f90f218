import type { ElasticsearchSinkOptions } from '../options.js';

export type Overrides = Partial<
  Omit<ElasticsearchSinkOptions, 'request' | 'batch' | 'bulk' | 'data_stream'>
> & {
  request?: Partial<ElasticsearchSinkOptions['request']>;
  batch?: Partial<ElasticsearchSinkOptions['batch']>;
  bulk?: Partial<ElasticsearchSinkOptions['bulk']>;
  data_stream?: Partial<ElasticsearchSinkOptions['data_stream']>;
};

/** Options as core passes them, defaults applied. */
export function options(
  endpoints: string[] | undefined,
  overrides: Overrides = {},
): ElasticsearchSinkOptions {
  return {
    ...(endpoints === undefined ? {} : { endpoints }),
    mode: 'bulk',
    api_version: 'auto',
    doc_type: '_doc',
    suppress_type_name: false,
    request_retry_partial: false,
    compression: 'none',
    encoding: { timestamp_format: 'rfc3339' },
    opensearch_service_type: 'managed',
    distribution: { retry_initial_backoff_secs: 1, retry_max_duration_secs: 3600 },
    dangerously_allow_unconfined_template_resolution: false,
    ...overrides,
    bulk: { action: 'index', index: 'vector-%Y.%m.%d', version_type: 'internal', ...overrides.bulk },
    data_stream: {
      type: 'logs',
      dataset: 'generic',
      namespace: 'default',
      auto_routing: true,
      sync_fields: true,
      ...overrides.data_stream,
    },
    batch: { max_events: 100, max_bytes: 10_000_000, timeout_secs: 0.01, ...overrides.batch },
    request: {
      headers: {},
      concurrency: 4,
      adaptive_concurrency: {
        initial_concurrency: 1,
        max_concurrency_limit: 200,
        decrease_ratio: 0.9,
        ewma_alpha: 0.4,
        rtt_deviation_scale: 2.5,
      },
      timeout_secs: 5,
      rate_limit_duration_secs: 1,
      retry_initial_backoff_secs: 0.001,
      retry_max_duration_secs: 0.01,
      retry_jitter_mode: 'Full',
      ...overrides.request,
    },
  } as ElasticsearchSinkOptions;
}
