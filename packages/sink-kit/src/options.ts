/**
 * The option fragments every network sink shares, each one JSON Schema from which come the
 * validation (ajv), the reference docs and the TypeScript type (`FromSchema`, json-schema-to-ts:
 * types only, no runtime): Vector's `batch` and `request` tables with the sink's own defaults, and
 * the `tls` and `proxy` tables of `@sluice/sink-kit/http`.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { DEFAULT_ADAPTIVE_CONCURRENCY } from './adaptive-concurrency.js';

/** A sink's defaults (and limits) of Vector's `batch` table. */
export interface BatchDefaults {
  readonly max_events: number;
  readonly max_bytes: number;
  readonly timeout_secs: number;
  /** The destination's own limits: more is a config error. */
  readonly max_events_limit?: number;
  readonly max_bytes_limit?: number;
  /** What the sink's batches count, when it says more than the defaults. */
  readonly descriptions?: { readonly max_events?: string; readonly max_bytes?: string };
}

/** A sink's defaults of Vector's `request` table. */
export interface RequestDefaults {
  readonly timeout_secs: number;
  readonly retry_initial_backoff_secs?: number;
  readonly retry_max_duration_secs?: number;
  readonly rate_limit_duration_secs?: number;
}

/** Vector's `batch` table with a sink's defaults. */
export function batchSchema(defaults: BatchDefaults) {
  return {
    type: 'object',
    additionalProperties: false,
    default: {},
    description: 'When a request is sent: whichever limit is reached first.',
    properties: {
      max_events: {
        type: 'integer',
        minimum: 1,
        ...(defaults.max_events_limit === undefined ? {} : { maximum: defaults.max_events_limit }),
        default: defaults.max_events,
        description: defaults.descriptions?.max_events ?? 'Events per request.',
      },
      max_bytes: {
        type: 'integer',
        minimum: 1,
        ...(defaults.max_bytes_limit === undefined ? {} : { maximum: defaults.max_bytes_limit }),
        default: defaults.max_bytes,
        description: defaults.descriptions?.max_bytes ?? 'Bytes per request, as the destination counts them.',
      },
      timeout_secs: {
        type: 'number',
        exclusiveMinimum: 0,
        default: defaults.timeout_secs,
        description: 'A partial batch is sent this long after its first event.',
      },
    },
  } as const;
}

const adaptiveConcurrencySchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description:
    'The adaptive concurrency controller (with concurrency = "adaptive"); the defaults rarely need changing.',
  properties: {
    initial_concurrency: {
      type: 'integer',
      minimum: 1,
      default: DEFAULT_ADAPTIVE_CONCURRENCY.initialConcurrency,
      description:
        'The limit at start; set it near the usual `adaptive_concurrency_limit` to ramp up faster.',
    },
    max_concurrency_limit: {
      type: 'integer',
      minimum: 1,
      default: DEFAULT_ADAPTIVE_CONCURRENCY.maxConcurrencyLimit,
      description: 'The limit never goes above this.',
    },
    decrease_ratio: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      default: DEFAULT_ADAPTIVE_CONCURRENCY.decreaseRatio,
      description: 'On rising round-trip times or throttling the limit is multiplied by this (rounded down).',
    },
    ewma_alpha: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      default: DEFAULT_ADAPTIVE_CONCURRENCY.ewmaAlpha,
      description: 'Weight of new round-trip times in the moving average (smaller: slower to adjust).',
    },
    rtt_deviation_scale: {
      type: 'number',
      minimum: 0,
      default: DEFAULT_ADAPTIVE_CONCURRENCY.rttDeviationScale,
      description: 'Round-trip time rises within this many deviations of the average are ignored.',
    },
  },
} as const;

/** Vector's `request` table with a sink's defaults; `more` adds the sink's own (the http sink's `headers`). */
export function requestSchema<const More extends Readonly<Record<string, unknown>> = Record<never, never>>(
  defaults: RequestDefaults,
  more?: More,
) {
  return {
    type: 'object',
    additionalProperties: false,
    default: {},
    description: 'Concurrency, rate limit, timeout and retries of requests.',
    properties: {
      concurrency: {
        oneOf: [
          { type: 'integer', minimum: 1 },
          { type: 'string', enum: ['adaptive', 'none'] },
        ],
        default: 'adaptive',
        description:
          'Requests in flight: "adaptive" (adaptive request concurrency, from round-trip times and throttling), "none" (one at a time) or a fixed number.',
      },
      adaptive_concurrency: adaptiveConcurrencySchema,
      timeout_secs: {
        type: 'number',
        exclusiveMinimum: 0,
        default: defaults.timeout_secs,
        description: 'A request not answered in this time is aborted and retried.',
      },
      rate_limit_num: {
        type: 'integer',
        minimum: 1,
        description: 'Requests per rate_limit_duration_secs at most (default: unlimited).',
      },
      rate_limit_duration_secs: {
        type: 'number',
        exclusiveMinimum: 0,
        default: defaults.rate_limit_duration_secs ?? 1,
        description: 'The window of rate_limit_num.',
      },
      retry_attempts: {
        type: 'integer',
        minimum: 0,
        description: 'Retries of a failed request or event before it is rejected (default: unlimited).',
      },
      retry_initial_backoff_secs: {
        type: 'number',
        exclusiveMinimum: 0,
        default: defaults.retry_initial_backoff_secs ?? 1,
        description: 'Backoff before the first retry (jitter: retry_jitter_mode).',
      },
      retry_max_duration_secs: {
        type: 'number',
        exclusiveMinimum: 0,
        default: defaults.retry_max_duration_secs ?? 30,
        description: 'The longest single backoff, as in Vector (not a cap on the total time spent retrying).',
      },
      retry_jitter_mode: {
        type: 'string',
        enum: ['Full', 'None'],
        default: 'Full',
        description:
          '"Full": each backoff is drawn uniformly between 0 and its computed length; "None": exactly its length.',
      },
      ...(more ?? ({} as More)),
    },
  } as const;
}

/** Vector's `request.headers` of its HTTP sinks: added to every request, values write-only (they often carry keys). */
export const headersSchema = {
  type: 'object',
  additionalProperties: { type: 'string', writeOnly: true },
  default: {},
  description: 'Headers added to every request (values are never printed: they often carry keys).',
} as const;

type BaseRequestSchema = ReturnType<typeof requestSchema<Record<never, never>>>;

/** Vector's `batch` table, defaults applied. */
export type BatchOptions = FromSchema<ReturnType<typeof batchSchema>>;
/** Vector's `request` table, defaults applied. */
export type RequestOptions = FromSchema<BaseRequestSchema>;
