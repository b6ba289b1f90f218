import type { JsonSchema } from '@sluice/component-api';
import type { Failure } from '../results.js';

/** Vector's `retry_strategy` of its HTTP sinks: which answers are retried. */
export type RetryStrategy =
  | { readonly type: 'none' }
  | { readonly type: 'default' }
  | { readonly type: 'all' }
  | { readonly type: 'custom'; readonly status_codes: readonly number[] };

export const DEFAULT_RETRY_STRATEGY: RetryStrategy = { type: 'default' };

export const retryStrategySchema: JsonSchema = {
  type: 'object',
  required: ['type'],
  default: { type: 'default' },
  description:
    'Which HTTP answers are retried: "default" (429, 408 and 5xx but 501), "all" (every status but 2xx), "none" (nothing, not even timeouts), or "custom" with `status_codes`.',
  properties: {
    type: { type: 'string', enum: ['none', 'default', 'all', 'custom'] },
    status_codes: {
      type: 'array',
      items: { type: 'integer', minimum: 100, maximum: 999 },
      description: 'With type = "custom": the statuses retried.',
    },
  },
  additionalProperties: false,
};

/** Whether `strategy` retries an answer of `status` (Vector's `RetryStrategy::retry_action`). */
export function retriesStatus(strategy: RetryStrategy, status: number): boolean {
  switch (strategy.type) {
    case 'none':
      return false;
    case 'all':
      return true;
    case 'custom':
      return strategy.status_codes.includes(status);
    default:
      return status === 429 || status === 408 || (status >= 500 && status !== 501);
  }
}

/** `Retry-After` as milliseconds: seconds, or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * An HTTP answer as a failure of its request, or undefined for a 2xx. A 3xx is a failure too:
 * redirects are never followed (a POST turned into a GET elsewhere, headers sent to another
 * origin). 429 and 503 are throttles (the adaptive concurrency backs off) and carry `Retry-After`.
 */
export function statusFailure(
  status: number,
  headers: Readonly<Record<string, string | string[] | undefined>> = {},
  strategy: RetryStrategy = DEFAULT_RETRY_STRATEGY,
  detail = '',
): Failure | undefined {
  if (status >= 200 && status < 300) return undefined;
  const throttled = status === 429 || status === 503;
  const after = throttled ? retryAfterMs(headers['retry-after']) : undefined;
  const message =
    status >= 300 && status < 400
      ? `HTTP ${status}: a redirect${headers.location === undefined ? '' : ' (not followed)'}`
      : `HTTP ${status}${detail === '' ? '' : `: ${detail}`}`;
  return {
    retryable: retriesStatus(strategy, status),
    code: `http_${status}`,
    message,
    status,
    ...(throttled ? { throttled } : {}),
    ...(after === undefined ? {} : { retryAfterMs: after }),
  };
}

/**
 * A request that got no usable answer: a socket error, a timeout of the client's own, or an answer
 * larger than the client takes (`invalid_response`, retried: nothing proves what became of it).
 * Retried unless `strategy` is "none".
 */
export function transportFailure(error: unknown, strategy: RetryStrategy = DEFAULT_RETRY_STRATEGY): Failure {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const causeCode = (error as { cause?: { code?: unknown } }).cause?.code;
  const retryable = strategy.type !== 'none';
  if (code === 'ERR_RESPONSE_TOO_LARGE')
    return { retryable, code: 'invalid_response', message, errorType: 'invalid_response' };
  if (code === 'EMFILE' || code === 'ENFILE') return { retryable: true, code, message };
  const name = typeof code === 'string' ? code : typeof causeCode === 'string' ? causeCode : 'unknown';
  return { retryable, code: `connection_error:${name}`, message };
}
