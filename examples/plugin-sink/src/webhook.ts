import { defineSink, SPECIFICATION_VERSION } from '@sluice/component-api';
import { createNetworkSink, type SinkItem } from '@sluice/sink-kit';

export interface WebhookOptions {
  url: string;
  max_events: number;
  timeout_secs: number;
}

interface Line extends SinkItem {
  readonly json: string;
}

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
      max_events: { type: 'integer', minimum: 1, default: 500, description: 'Events per request.' },
      timeout_secs: { type: 'number', minimum: 0.001, default: 30, description: 'Per-request timeout.' },
    },
  },
  create: (options, context) =>
    createNetworkSink<Line>(
      {
        metricPrefix: 'acme_webhook',
        batch: { maxEvents: options.max_events, maxBytes: 5_000_000, timeoutMs: 1000 },
        request: {
          concurrency: 2,
          timeoutMs: options.timeout_secs * 1000,
          retry: { attempts: 5, initialBackoffMs: 100, maxBackoffMs: 5000 },
        },
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
