import type { HealthcheckResult, LogEvent } from '@sluice/component-api';
import type { SinkItem } from './accounting.js';
import type { AdaptiveConcurrencySettings } from './adaptive-concurrency.js';
import type { BatchSettings } from './batcher.js';
import type { ConcurrencyLimiter } from './limits.js';
import type { Discard, Failure, SendResult } from './results.js';
import type { RetrySettings } from './retry.js';

export interface RequestSettings {
  /**
   * A fixed number of requests in flight, Vector's adaptive controller (built with the sink's
   * metrics) or a limiter of the sink's own.
   */
  readonly concurrency:
    | number
    | { readonly adaptive: Partial<AdaptiveConcurrencySettings> }
    | ConcurrencyLimiter;
  /** At most `num` requests started per `windowMs`. */
  readonly rateLimit?: { readonly num: number; readonly windowMs: number };
  /** Each attempt is aborted after this long, and counts as a retryable `timeout`. */
  readonly timeoutMs: number;
  readonly retry: RetrySettings;
  /**
   * An item not accepted within this long since the sink took it is rejected (`record_ttl_expired`)
   * instead of retried again (the KPL's RecordTtl). Unlimited when absent.
   */
  readonly recordTtlMs?: number;
  /**
   * Items waiting for a retry or held for ordering, at most, before the sink stops taking input.
   * Default: 4 × `batch.maxEvents` × the most requests in flight (50,000 when either is unbounded).
   */
  readonly maxRetryingEvents?: number;
}

/** One request built from some items of a batch; its results are indexed by `items`. */
export interface BuiltRequest<Request, Item> {
  readonly request: Request;
  readonly items: readonly Item[];
}

/**
 * What a network sink is: the kit does the rest. `Request` is what one attempt sends, built once
 * per attempt from its items by `buildRequests` and handed to `pace` and `send`; the items by default.
 */
export interface NetworkSinkSpec<Item extends SinkItem, Request = readonly Item[]> {
  /** Prefix of the kit's own metrics: `<prefix>_retries_total`, `<prefix>_failed_records_total`, … */
  readonly metricPrefix: string;
  readonly batch: BatchSettings;
  readonly request: RequestSettings;
  /**
   * Once per event: encode and size it, or refuse it. An exception here rejects that one event
   * (`component_errors_total{error_code="encode_failed"}`, routed to `<sink id>.rejected`); the
   * sink goes on.
   */
  prepare(event: LogEvent): Item | Discard;
  /**
   * The requests of a batch (the first attempt's, or one of items that came back for a retry, with
   * new ones): one or several, each with the items it carries, every item in exactly one. Absent:
   * one request of the items themselves. Runs outside any request slot and timeout.
   */
  buildRequests?(
    items: readonly Item[],
  ): readonly BuiltRequest<Request, Item>[] | Promise<readonly BuiltRequest<Request, Item>[]>;
  /**
   * Waits until the destination can take this request (per-shard pacing), in its slot, before the
   * attempt and outside its timeout. Returns early when `signal` (shutdown) aborts.
   */
  pace?(request: Request, signal: AbortSignal): Promise<void>;
  /** One attempt of one request: what became of each item. May throw (see `classifyError`). */
  send(request: Request, signal: AbortSignal): Promise<SendResult>;
  /** A thrown error as a failure of the whole request; `defaultClassification` when absent. */
  classifyError?(error: unknown): Failure;
  /**
   * Per-key ordering: items of one key are sent in the order taken, a later one never before an
   * earlier one is delivered (see `KeyOrder`). Undefined for an item: not ordered.
   */
  orderingKey?(item: Item): string | undefined;
  /**
   * With `orderingKey`: the most bytes of one key in one batch (its first item always goes). A
   * destination that may accept part of a request (Kinesis fails records one by one) sets what one
   * unit holds (an aggregated record), or 0 for one item of a key at a time, so that a key's items
   * of one request succeed or fail together. Unbounded by default.
   */
  readonly maxKeyBytesPerBatch?: number;
  healthcheck?(signal: AbortSignal): Promise<HealthcheckResult>;
  /** Releases the sink's clients and sockets; called once, after `run` or at the deadline. */
  close?(): Promise<void>;
}
