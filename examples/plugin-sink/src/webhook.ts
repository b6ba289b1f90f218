import { defineSink, SPECIFICATION_VERSION } from '@sluice/component-api';
import {
  batchSettingsOf,
  createNetworkSink,
  requestSettingsOf,
  type SinkItem,
  type VectorBatchOptions,
  type VectorRequestOptions,
  vectorRequestOptionSchemas,
} from '@sluice/sink-kit';

export interface WebhookOptions {
  url: string;
  /** Vector's `batch` and `request` tables: the kit translates them (`batchSettingsOf`, `requestSettingsOf`). */
  batch: VectorBatchOptions;
  request: VectorRequestOptions;
}

interface Line extends SinkItem {
  readonly json: string;
}

const secs = (description: string, value: number) => ({
  type: 'number',
  exclusiveMinimum: 0,
  default: value,
  description,
});

/**
 * A third-party network sink on `@sluice/sink-kit`: POSTs batches of events as NDJSON. The kit
 * batches, limits concurrency, times out, retries 429/5xx with backoff, finalizes and counts.
 */
export const webhookSink = defineSink<WebhookOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'acme_webhook',
  description: 'POSTs events as NDJSON to a URL (an example plugin built on @sluice/sink-kit).',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['url'],
    properties: {
      url: { type: 'string', description: 'Where the batches are POSTed.' },
      batch: {
        type: 'object',
        additionalProperties: false,
        default: {},
        description: "When a request is sent (Vector's `batch` table).",
        properties: {
          max_events: { type: 'integer', minimum: 1, default: 500, description: 'Events per request.' },
          max_bytes: { type: 'integer', minimum: 1, default: 5_000_000, description: 'Bytes per request.' },
          timeout_secs: secs('A partial batch is sent after this long.', 1),
        },
      },
      request: {
        type: 'object',
        additionalProperties: false,
        default: {},
        description: "Concurrency, timeout and retries (Vector's `request` table).",
        properties: {
          ...vectorRequestOptionSchemas,
          timeout_secs: secs('Per-request timeout.', 30),
          rate_limit_num: { type: 'integer', minimum: 1, description: 'Requests per window; unlimited.' },
          rate_limit_duration_secs: secs('The rate-limit window.', 1),
          retry_attempts: { type: 'integer', minimum: 0, default: 5, description: 'Retries per request.' },
          retry_initial_backoff_secs: secs('First wait before a retry.', 0.1),
          retry_max_duration_secs: secs('Longest single wait between retries.', 5),
        },
      },
    },
  },
  create: (options, context) =>
    createNetworkSink<Line>(
      {
        metricPrefix: 'acme_webhook',
        batch: batchSettingsOf(options.batch),
        request: requestSettingsOf(options.request, 'exponential'),
        prepare: (event) => {
          const json = JSON.stringify(event.fields);
          return { event, json, size: json.length + 1 };
        },
        send: async (lines, signal) => {
          const body = `${lines.map((line) => line.json).join('\n')}\n`;
          const response = await fetch(options.url, { method: 'POST', body, signal });
          await response.arrayBuffer();
          if (!response.ok)
            throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status });
          return { sentBytes: Buffer.byteLength(body) };
        },
        classifyError: (error) => {
          const status = (error as { status?: number }).status;
          const retryable = status === undefined || status === 429 || status >= 500;
          return {
            retryable,
            code: status === undefined ? 'connection_error' : `http_${status}`,
            message: String(error),
          };
        },
      },
      context,
    ),
});
