import { sinkFramingOptionSchema } from '@sluice/encoding';
import { awsAuthSchema, compressionOptionSchema, headersSchema } from '@sluice/sink-kit';
import { basicAuthSchema, retryStrategySchema } from '@sluice/sink-kit/http';

/** Vector's HTTP methods. */
const METHODS = ['post', 'put', 'patch', 'delete', 'get', 'head', 'options', 'trace'] as const;

/** Older Vector names, moved to the new ones with a deprecation warning. */
export const deprecatedOptions: Readonly<Record<string, string>> = {
  'request.in_flight_limit': 'request.concurrency',
};

/** The http sink's own options (Vector's `http` sink); the kit adds `batch`, `request` and `tls`. */
export const ownOptions = {
  type: 'object',
  additionalProperties: false,
  required: ['uri'],
  properties: {
    uri: {
      type: 'string',
      pattern: '^https?://',
      description:
        'Where requests go (http or https). Credentials in it (`https://user:pass@host/`) are taken out and sent as basic auth, as Vector does; they and query values are never logged.',
      examples: ['https://collector.example.com/ingest'],
    },
    method: { type: 'string', enum: METHODS, default: 'post', description: 'The HTTP method.' },
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
        json: {
          type: 'object',
          additionalProperties: false,
          description: 'Options of the json codec.',
          properties: {
            pretty: { type: 'boolean', default: false, description: 'Indented JSON, as Vector writes it.' },
          },
        },
        timestamp_format: {
          type: 'string',
          enum: ['rfc3339', 'unix', 'unix_ms', 'unix_us', 'unix_ns', 'unix_float'],
          description:
            'How timestamps are written: RFC 3339 (default) or Unix time in seconds, ms, µs, ns or float seconds.',
        },
      },
    },
    framing: {
      ...sinkFramingOptionSchema,
      description:
        'How events are delimited in a body, as Vector. Unset: json is a JSON array (character_delimited ","), ndjson and text newline_delimited. json with character_delimited "," is a JSON array, json with newline_delimited has no newline after the last event (both as Vector).',
    },
    compression: {
      ...compressionOptionSchema,
      description:
        'Body compression, with its `Content-Encoding`: "none", "gzip", "zlib" (deflate), "zstd" (Node 22.15+) or "snappy", or a table `{ algorithm, level }`.',
    },
    payload_prefix: {
      type: 'string',
      default: '',
      description:
        'Written before the events of a body. With payload_suffix, for a JSON array body, together they must make JSON of an object around it (checked at start).',
    },
    payload_suffix: { type: 'string', default: '', description: 'Written after the events of a body.' },
    retry_strategy: retryStrategySchema,
    auth: {
      oneOf: [
        basicAuthSchema,
        {
          type: 'object',
          additionalProperties: false,
          required: ['strategy', 'token'],
          properties: { strategy: { const: 'bearer' }, token: { type: 'string', writeOnly: true } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['strategy', 'value'],
          properties: { strategy: { const: 'custom' }, value: { type: 'string', writeOnly: true } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['strategy', 'service'],
          properties: {
            strategy: { const: 'aws' },
            service: { type: 'string', minLength: 1 },
            auth: awsAuthSchema,
          },
        },
      ],
      description:
        'HTTP authentication: `basic` (user, password), `bearer` (token), `custom` (value: the whole Authorization header), or `aws` (SigV4 for `service`, e.g. "es"; `auth` holds Vector\'s AWS auth options, `auth.region` the signing region). Secrets are never printed.',
    },
  },
} as const;

/** The http sink's own `request` options; the kit adds concurrency, timeouts, rate limit and retries. */
export const requestOptions = {
  headers: headersSchema,
  max_response_bytes: {
    type: 'integer',
    minimum: 1,
    default: 10 * 1024 * 1024,
    description:
      'A longer answer fails the request as invalid_response (and is retried): a broken endpoint cannot fill the memory. Sluice extension.',
  },
} as const;
