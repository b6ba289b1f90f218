import { defineNetworkSink, type NetworkSinkOptions, type SinkItem } from '@sluice/sink-kit';
import { HttpClient, statusFailure, transportFailure } from '@sluice/sink-kit/http';

interface Line extends SinkItem {
  readonly json: string;
}

/** The sink's own options; the kit adds Vector's `batch`, `request`, `tls` and `proxy` tables. */
const options = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: { type: 'string', pattern: '^https?://', description: 'Where the batches are POSTed.' },
    token: { type: 'string', writeOnly: true, description: 'Sent as `Authorization: Bearer <token>`.' },
  },
} as const;

/** The options `create` gets, derived from the one schema (defaults applied). */
export type WebhookOptions = NetworkSinkOptions<typeof options>;

/**
 * A third-party network sink on `@sluice/sink-kit`: POSTs batches of events as NDJSON. The kit
 * batches, limits concurrency, times out, retries 429/5xx with backoff (per event, without holding
 * a request slot), finalizes and counts; its HTTP client pools connections, caps answers, never
 * follows a redirect and honours `tls` and `proxy`.
 */
export const webhookSink = defineNetworkSink({
  type: 'acme_webhook',
  description: 'POSTs events as NDJSON to a URL (an example plugin built on @sluice/sink-kit).',
  metricPrefix: 'acme_webhook',
  options,
  batch: { max_events: 500, max_bytes: 5_000_000, timeout_secs: 1 },
  request: { timeout_secs: 30, retry_initial_backoff_secs: 0.1, retry_max_duration_secs: 5 },
  tls: true,
  proxy: true,
  create(settings) {
    const url = new URL(settings.url);
    const http = new HttpClient({ ...(settings.tls === undefined ? {} : { tls: settings.tls }) });
    const headers = {
      'content-type': 'application/x-ndjson',
      ...(settings.token === undefined ? {} : { authorization: `Bearer ${settings.token}` }),
    };
    return {
      // Once per event; an exception here rejects that event alone (counted as encode_failed).
      prepare: (event) => {
        const json = JSON.stringify(event.fields);
        return { event, json, size: json.length + 1 };
      },
      // One attempt: what became of the request. The kit retries what is retryable.
      send: async (lines: readonly Line[], signal) => {
        const body = `${lines.map((line) => line.json).join('\n')}\n`;
        try {
          const response = await http.request({ method: 'POST', url, headers, body, signal });
          const failure = statusFailure(response.status, response.headers);
          return failure === undefined ? { sentBytes: Buffer.byteLength(body) } : { failure };
        } catch (error) {
          if (signal.aborted) throw error; // the kit's timeout, or the shutdown deadline
          return { failure: transportFailure(error) };
        }
      },
      close: () => http.close(),
    };
  },
});
