import {
  byteSizeOf,
  type ComponentContext,
  finalizeEvents,
  type LogEvent,
  rateLimitedLog,
  rejectedEvent,
} from '@sluice/component-api';
import type { Discard } from './results.js';

/** An event made ready to send (encoded, sized), as the sink prepares it. */
export interface SinkItem {
  readonly event: LogEvent;
  /** What the item adds to a batch's bytes, as the destination counts them. */
  readonly size: number;
  /** Items of different partitions never share a batch (a destination shard, a URL, …). */
  readonly partition?: string;
}

type Increment = { increment(value?: number): void };

/**
 * How the kit ends each item, counted and logged the same way for every sink: delivered,
 * rejected (finalized, counted by code, copied to `<sink id>.rejected`), discarded by `prepare`,
 * or abandoned at the shutdown deadline.
 */
export class Accounting {
  readonly #context: ComponentContext;
  readonly #prefix: string;
  readonly #sentEvents: Increment;
  readonly #sentEventBytes: Increment;
  readonly #sentBytes: Increment;
  readonly #discarded: Increment;
  readonly #abandoned: Increment;
  readonly #warnDropped: ReturnType<typeof rateLimitedLog>;
  readonly #errorRejected = new Map<string, ReturnType<typeof rateLimitedLog>>();
  /** Handles taken once per label set: a storm of bad events must not pay a lookup per event. */
  readonly #handles = new Map<string, Increment>();

  constructor(context: ComponentContext, prefix: string) {
    const { metrics, logger } = context;
    this.#context = context;
    this.#prefix = prefix;
    this.#sentEvents = metrics.counter('component_sent_events_total');
    this.#sentEventBytes = metrics.counter('component_sent_event_bytes_total');
    this.#sentBytes = metrics.counter('component_sent_bytes_total');
    this.#discarded = metrics.counter('component_discarded_events_total', { intentional: 'false' });
    this.#abandoned = metrics.counter(`${prefix}_abandoned_records_total`);
    this.#warnDropped = rateLimitedLog(logger, 'warn');
  }

  /** A counter by name and labels, its handle kept. */
  counter(name: string, labels: Record<string, string> = {}): Increment {
    const key = `${name}\0${Object.entries(labels).flat().join('\0')}`;
    let handle = this.#handles.get(key);
    if (handle === undefined) {
      handle = this.#context.metrics.counter(name, labels);
      this.#handles.set(key, handle);
    }
    return handle;
  }

  sentBytes(bytes: number): void {
    this.#sentBytes.increment(bytes);
  }

  response(status: number): void {
    this.counter('http_client_responses_total', { status: String(status) }).increment();
  }

  delivered(events: LogEvent[]): void {
    if (events.length === 0) return;
    finalizeEvents(events, 'delivered');
    this.#sentEvents.increment(events.length);
    this.#sentEventBytes.increment(byteSizeOf(events));
  }

  /**
   * Rejected by the destination, out of attempts or expired: finalized, counted by code, logged
   * (rate-limited per code), and copied to `<sink id>.rejected` when routed.
   */
  async rejected(events: LogEvent[], code: string, message: string, attempts: number): Promise<void> {
    if (events.length === 0) return;
    finalizeEvents(events, 'rejected');
    this.counter(`${this.#prefix}_failed_records_total`, { error_code: code }).increment(events.length);
    this.counter('component_errors_total', { error_type: 'request_failed', stage: 'sending' }).increment(
      events.length,
    );
    this.#discarded.increment(events.length);
    let log = this.#errorRejected.get(code);
    if (log === undefined) {
      log = rateLimitedLog(this.#context.logger, 'error');
      this.#errorRejected.set(code, log);
    }
    log('events rejected by the destination', { error_code: code, error: message, events: events.length });
    await this.#route(events, code, message, attempts);
  }

  /** Refused by `prepare` (or failed in it): finalized, counted by type, logged; routed when rejected. */
  async discarded(event: LogEvent, reason: Discard, errorCode?: string): Promise<void> {
    finalizeEvents([event], reason.discard);
    this.#discarded.increment();
    this.counter('component_errors_total', {
      ...(errorCode === undefined ? {} : { error_code: errorCode }),
      error_type: reason.errorType,
      stage: 'processing',
    }).increment();
    this.#warnDropped(`event ${reason.discard}: ${reason.message}`, reason.fields);
    if (reason.discard === 'rejected')
      await this.#route([event], errorCode ?? reason.errorType, reason.message, 0);
  }

  /**
   * At the shutdown deadline, items not yet accepted are left unfinalized, neither delivered nor
   * rejected: a disk buffer keeps them and sends them again at the next start (rejecting them would
   * acknowledge them and lose them); from a memory buffer they are lost with the process.
   */
  abandoned(count: number): void {
    if (count === 0) return;
    this.#abandoned.increment(count);
    this.#context.logger.warn(
      `shutdown deadline passed: ${count} records were not accepted by the destination; a disk buffer sends them again at the next start, a memory buffer loses them`,
    );
  }

  async #route(events: LogEvent[], code: string, message: string, attempts: number): Promise<void> {
    const output = this.#context.rejected;
    if (output === undefined) return;
    const rejection = { sink_id: this.#context.id, error_code: code, error_message: message, attempts };
    try {
      await output.send(events.map((event) => rejectedEvent(event, rejection)));
    } catch (error) {
      // Already finalized and counted as rejected: only the copies are lost.
      this.#context.logger.error('rejected events could not be routed to the rejected output', {
        error: String(error),
        events: events.length,
      });
    }
  }
}
