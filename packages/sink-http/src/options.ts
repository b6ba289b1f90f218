import type { JsonSchema } from '@sluice/component-api';
import { type SinkFramingConfig, sinkFramingOptionSchema } from '@sluice/encoding';
import { type VectorRequestOptions, vectorRequestOptionSchemas } from '@sluice/sink-kit';

export interface HttpSinkOptions {
  uri: string;
  method: 'post' | 'put';
  /** `json`: one JSON array per request; `ndjson`: one JSON object per line; `text`: `message` per line. */
  encoding: { codec: 'json' | 'ndjson' | 'text' };
  /**
   * Vector's framing of the events in a body. Unset: json is a JSON array (character_delimited
   * ","), ndjson and text one event per line (newline_delimited).
   */
  framing?: SinkFramingConfig;
  compression: 'none' | 'gzip';
  auth?: { strategy: 'basic'; user: string; password: string } | { strategy: 'bearer'; token: string };
  batch: { max_events: number; max_bytes: number; timeout_secs: number };
  request: VectorRequestOptions & { headers: Record<string, string> };
}

const secs = (description: string, fallback: number, minimum = 0): JsonSchema => ({
  type: 'number',
  minimum,
  default: fallback,
  description,
});

/** Older Vector names, moved to the new ones with a deprecation warning. */
export const deprecatedOptions: Readonly<Record<string, string>> = {
  'request.in_flight_limit': 'request.concurrency',
};

/** Vector's `http` sink options, the common subset, with Vector's defaults. */
export const optionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uri'],
  properties: {
    uri: {
      type: 'string',
      pattern: '^https?://',
      description: 'Where requests go (http or https).',
      examples: ['https://collector.example.com/ingest'],
    },
    method: { type: 'string', enum: ['post', 'put'], default: 'post', description: 'The HTTP method.' },
    encoding: {
      type: 'object',
      additionalProperties: false,
      default: { codec: 'json' },
      description: 'How events go in a request body.',
      properties: {
        codec: {
          type: 'string',
          enum: ['json', 'ndjson', 'text'],
          default: 'json',
          description:
            '`json`: a JSON array per request; `ndjson`: a JSON object per line; `text`: `message` per line.',
        },
      },
    },
    framing: {
      ...sinkFramingOptionSchema,
      description:
        'How events are delimited in a body, as Vector. Unset: json is a JSON array (character_delimited ","), ndjson and text newline_delimited. json with character_delimited "," is a JSON array, json with newline_delimited has no newline after the last event (both as Vector).',
    },
    compression: {
      type: 'string',
      enum: ['none', 'gzip'],
      default: 'none',
      description: 'Body compression.',
    },
    auth: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['strategy', 'user', 'password'],
          properties: {
            strategy: { const: 'basic' },
            user: { type: 'string' },
            password: { type: 'string' },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['strategy', 'token'],
          properties: { strategy: { const: 'bearer' }, token: { type: 'string' } },
        },
      ],
      description: 'HTTP authentication: `basic` (user, password) or `bearer` (token).',
    },
    batch: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'When a request is sent: whichever limit is reached first.',
      properties: {
        max_events: { type: 'integer', minimum: 1, default: 1000, description: 'Events per request.' },
        max_bytes: {
          type: 'integer',
          minimum: 1,
          default: 10_000_000,
          description: 'Encoded bytes per request.',
        },
        timeout_secs: secs('A partial batch is sent after this long.', 1, 0.001),
      },
    },
    request: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Requests: headers, concurrency, rate limit, timeout and retries.',
      properties: {
        headers: {
          type: 'object',
          additionalProperties: { type: 'string' },
          default: {},
          description: 'Headers added to every request.',
        },
        ...vectorRequestOptionSchemas,
        timeout_secs: secs('Each request is aborted (and retried) after this long.', 60, 0.001),
        rate_limit_num: {
          type: 'integer',
          minimum: 1,
          description: 'Requests per rate-limit window; unlimited by default.',
        },
        rate_limit_duration_secs: secs('The rate-limit window.', 1, 0.001),
        retry_attempts: {
          type: 'integer',
          minimum: 0,
          description: 'Retries per request; unlimited by default.',
        },
        retry_initial_backoff_secs: secs(
          'First wait before a retry (Fibonacci backoff; jitter: retry_jitter_mode).',
          1,
          0.001,
        ),
        retry_max_duration_secs: secs(
          'Longest single wait between retries, as in Vector (not a cap on the total).',
          30,
          0.001,
        ),
      },
    },
  },
};
