import {
  type ComponentContext,
  type LogEvent,
  rateLimitedLog,
  Signal,
  type Sink,
  sleep,
  untilAborted,
} from '@sluice/component-api';
import { Accounting, type SinkItem } from './accounting.js';
import { AdaptiveConcurrency } from './adaptive-concurrency.js';
import { type AttemptOutcome, Attempts } from './attempt.js';
import { Availability } from './availability.js';
import { Batcher } from './batcher.js';
import { KeyOrder } from './key-order.js';
import { type ConcurrencyLimiter, fixedConcurrency, RateLimiter, type RequestObservation } from './limits.js';
import type { Discard, Failure, SendResult } from './results.js';
import { backoffMs } from './retry.js';
import { RetryQueue } from './retry-queue.js';
import type { BuiltRequest, NetworkSinkSpec, RequestSettings } from './spec.js';

/** The retry state of an item that failed at least once. */
interface Retrying {
  /** Attempts made, all failed. */
  failures: number;
  /** When its first attempt started. */
  readonly firstAt: number;
}

const DEFAULT_MAX_RETRYING = 50_000;
const RETRYING_PER_SLOT = 4;

function limiterOf(settings: RequestSettings, context: ComponentContext): ConcurrencyLimiter {
  const { concurrency } = settings;
  if (typeof concurrency === 'number') return fixedConcurrency(concurrency);
  if ('adaptive' in concurrency)
    return new AdaptiveConcurrency({ settings: concurrency.adaptive, metrics: context.metrics });
  return concurrency;
}

/**
 * A sink built from a spec, in layers: the batcher (`Batcher`), the request builder
 * (`buildRequests`), attempts with a timeout (`Attempts`), per-item results, per-item requeue with
 * its own backoff (`RetryQueue`), per-key ordering (`KeyOrder`), and this driver, which reads the
 * input, holds a bounded number of events, gives out request slots and shuts down.
 */
export function createNetworkSink<Item extends SinkItem, Request = readonly Item[]>(
  spec: NetworkSinkSpec<Item, Request>,
  context: ComponentContext,
): Sink {
  const limiter = limiterOf(spec.request, context);
  const { maxEvents, maxPartitions } = spec.batch;
  const maxConcurrency = limiter.maxConcurrency;
  const maxRetrying =
    spec.request.maxRetryingEvents ??
    (maxEvents === undefined || maxConcurrency === undefined
      ? DEFAULT_MAX_RETRYING
      : RETRYING_PER_SLOT * maxEvents * maxConcurrency);
  // Held at most: open batches (one per partition), requests in flight and one waiting for a slot,
  // and the events waiting for a retry; each batch at most maxEvents.
  const maxHeldEvents =
    maxEvents === undefined || maxConcurrency === undefined
      ? undefined
      : maxEvents * (maxConcurrency + (maxPartitions ?? 1)) + maxRetrying;
  const sink: Sink = {
    ...(maxHeldEvents !== undefined && Number.isSafeInteger(maxHeldEvents) ? { maxHeldEvents } : {}),
    run: (input) => new Driver(spec, context, limiter, maxRetrying).run(input),
  };
  const healthcheck = spec.healthcheck?.bind(spec);
  if (healthcheck !== undefined) sink.healthcheck = healthcheck;
  const close = spec.close?.bind(spec);
  if (close !== undefined) sink.close = close;
  return sink;
}

const ENCODE_FAILED = 'encode_failed';

/** One run of a network sink. */
class Driver<Item extends SinkItem, Request> {
  readonly #spec: NetworkSinkSpec<Item, Request>;
  readonly #shutdown: AbortSignal;
  readonly #limiter: ConcurrencyLimiter;
  readonly #rateLimiter: RateLimiter | undefined;
  readonly #attempts: Attempts<Request>;
  readonly #accounting: Accounting;
  readonly #batcher: Batcher<Item>;
  readonly #retryQueue = new RetryQueue<Item>();
  readonly #order: KeyOrder<Item> | undefined;
  readonly #retrying = new Map<Item, Retrying>();
  readonly #takenAt: WeakMap<Item, number> | undefined;
  readonly #maxRetrying: number;
  /** Closed batches not yet started, oldest first: while one waits, the input waits. */
  readonly #ready: Item[][] = [];
  readonly #inFlight = new Set<Promise<void>>();
  /** Something moved: a batch started, a request ended, retries re-entered. */
  readonly #progress = new Signal();
  readonly #readySignal = new Signal();
  readonly #retries: { increment(value?: number): void };
  readonly #throttles: { increment(value?: number): void };
  readonly #inFlightGauge: { increment(value?: number): void; decrement(value?: number): void };
  readonly #warnRetry: ReturnType<typeof rateLimitedLog>;
  readonly #warnBisect: ReturnType<typeof rateLimitedLog>;
  readonly #bisected: { increment(value?: number): void };
  readonly #availability: Availability;
  /** Events taken and not yet finalized. */
  #held = 0;
  #abandoned = 0;
  /** The dispatcher took a batch and has not started all its requests yet. */
  #starting = false;
  #draining = false;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(
    spec: NetworkSinkSpec<Item, Request>,
    context: ComponentContext,
    limiter: ConcurrencyLimiter,
    maxRetrying: number,
  ) {
    this.#spec = spec;
    this.#shutdown = context.signal;
    this.#limiter = limiter;
    const { rateLimit, recordTtlMs } = spec.request;
    this.#rateLimiter =
      rateLimit === undefined ? undefined : new RateLimiter(rateLimit.num, rateLimit.windowMs);
    this.#attempts = new Attempts<Request>(
      (request, signal) => spec.send(request, signal),
      {
        timeoutMs: spec.request.timeoutMs,
        ...(spec.classifyError === undefined ? {} : { classifyError: spec.classifyError.bind(spec) }),
      },
      context.signal,
      context.logger,
    );
    this.#accounting = new Accounting(context, spec.metricPrefix);
    this.#batcher = new Batcher<Item>(spec.batch, (items) => this.#closed(items));
    this.#order =
      spec.orderingKey === undefined
        ? undefined
        : new KeyOrder(spec.orderingKey.bind(spec), spec.maxKeyBytesPerBatch);
    this.#takenAt = recordTtlMs === undefined ? undefined : new WeakMap();
    this.#maxRetrying = maxRetrying;
    const { metrics } = context;
    this.#retries = metrics.counter(`${spec.metricPrefix}_retries_total`);
    this.#throttles = metrics.counter(`${spec.metricPrefix}_throttles_total`);
    this.#inFlightGauge = metrics.gauge(`${spec.metricPrefix}_in_flight_requests`);
    this.#warnRetry = rateLimitedLog(context.logger, 'warn');
    this.#warnBisect = rateLimitedLog(context.logger, 'warn');
    this.#bisected = metrics.counter(`${spec.metricPrefix}_bisected_requests_total`);
    this.#availability = new Availability(context, spec.metricPrefix, spec.request.retry);
  }

  async run(input: AsyncIterable<LogEvent[]>): Promise<void> {
    const dispatching = this.#dispatch();
    const shutdown = this.#shutdown;
    try {
      // Ends at the shutdown deadline even while the input is idle: what is held is then abandoned.
      for await (const batch of untilAborted(input, shutdown)) {
        const now = performance.now();
        const routing: Promise<void>[] = [];
        for (const event of batch) {
          const routed = this.#take(event, now);
          if (routed !== undefined) routing.push(routed);
        }
        if (routing.length > 0) await Promise.all(routing);
        this.#arm();
        // A batch waiting for a slot, or too many events waiting for retries: the backpressure
        // that reaches the buffer.
        while (
          !shutdown.aborted &&
          (this.#ready.length > 0 || this.#starting || this.#waiting() >= this.#maxRetrying)
        )
          await this.#progress.wait(shutdown);
      }
      this.#draining = true;
      this.#batcher.closeAll();
      while (!shutdown.aborted && this.#held > 0) await this.#progress.wait(shutdown);
    } finally {
      if (shutdown.aborted) this.#abandonHeld();
      this.#draining = true;
      this.#readySignal.notify();
      await dispatching;
      await Promise.all(this.#inFlight);
      clearTimeout(this.#timer);
      this.#accounting.abandoned(this.#abandoned);
    }
  }

  /** Events out of any batch or request: waiting for a retry, or held for ordering. */
  #waiting(): number {
    return this.#retryQueue.size + (this.#order?.held ?? 0);
  }

  /** One event: prepared and batched, or discarded. Returns the routing of a rejection, if any. */
  #take(event: LogEvent, now: number): Promise<void> | undefined {
    let prepared: Item | Discard;
    try {
      prepared = this.#spec.prepare(event);
    } catch (error) {
      return this.#accounting.discarded(
        event,
        {
          discard: 'rejected',
          errorType: 'encoder_failed',
          message: `the sink could not prepare the event: ${error instanceof Error ? error.message : String(error)}`,
        },
        ENCODE_FAILED,
      );
    }
    if ('discard' in prepared) return this.#accounting.discarded(event, prepared, prepared.errorCode);
    this.#held += 1;
    this.#takenAt?.set(prepared, now);
    if (this.#order === undefined || this.#order.admit(prepared)) this.#batcher.add(prepared, now);
    return undefined;
  }

  /** A batch left the batcher. */
  #closed(items: Item[]): void {
    this.#order?.dispatched(items);
    this.#ready.push(items);
    this.#readySignal.notify();
  }

  /**
   * Starts the ready batches' requests as slots free up, in order. A batch leaves `#ready` when
   * taken here; until all its requests started, `#starting` holds the input back.
   */
  async #dispatch(): Promise<void> {
    const shutdown = this.#shutdown;
    for (;;) {
      const items = this.#ready.shift();
      if (items === undefined) {
        if (shutdown.aborted || (this.#draining && this.#held === 0)) return;
        await this.#readySignal.wait(shutdown);
        continue;
      }
      this.#starting = true;
      let built: readonly BuiltRequest<Request, Item>[];
      try {
        built =
          this.#spec.buildRequests === undefined
            ? [{ request: items as unknown as Request, items }]
            : await this.#spec.buildRequests(items);
      } catch (error) {
        this.#starting = false;
        await this.#fail(items, 'internal_error', `building the request failed: ${String(error)}`);
        continue;
      }
      for (let index = 0; index < built.length; index += 1) {
        await this.#untilAvailable();
        // Waiting for a free slot is the backpressure that reaches the input.
        const acquired = !shutdown.aborted;
        if (acquired) await this.#limiter.acquire();
        if (shutdown.aborted) {
          if (acquired) this.#limiter.release({ durationMs: 0, outcome: 'error' });
          for (const rest of built.slice(index)) this.#abandon(rest.items);
          this.#starting = false;
          return;
        }
        this.#inFlightGauge.increment();
        const running = this.#complete(built[index] as BuiltRequest<Request, Item>).finally(() =>
          this.#inFlight.delete(running),
        );
        this.#inFlight.add(running);
      }
      this.#starting = false;
      this.#progress.notify();
    }
  }

  /**
   * While the destination is unavailable, one request at a time probes it, after its pause: the
   * others wait here, outside any slot.
   */
  async #untilAvailable(): Promise<void> {
    const availability = this.#availability;
    const shutdown = this.#shutdown;
    while (!shutdown.aborted && availability.unavailable) {
      const wait = availability.waitMs(performance.now());
      if (wait > 0) await sleep(wait, shutdown);
      else if (this.#inFlight.size > 0) await this.#progress.wait(shutdown);
      else return;
    }
  }

  /** One request in its slot: rate limit, pacing, the attempt; then its items settled. */
  async #complete(built: BuiltRequest<Request, Item>): Promise<void> {
    const shutdown = this.#shutdown;
    let outcome: AttemptOutcome | undefined;
    let observation: RequestObservation['outcome'] = 'error';
    try {
      await this.#rateLimiter?.acquire(shutdown);
      await this.#spec.pace?.(built.request, shutdown);
      if (!shutdown.aborted) {
        outcome = await this.#attempts.run(built.request);
        if (!outcome.abandoned) observation = observationOf(outcome.result, built.items.length);
      }
    } catch (error) {
      this.#limiter.release({ durationMs: 0, outcome: 'error' });
      this.#inFlightGauge.decrement();
      await this.#fail(built.items, 'internal_error', String(error));
      return;
    }
    // The slot is free before the items are settled: a retry never holds it.
    this.#limiter.release({ durationMs: outcome?.durationMs ?? 0, outcome: observation });
    this.#inFlightGauge.decrement();
    if (outcome === undefined || outcome.abandoned) this.#abandon(built.items);
    else await this.#settle(built.items, outcome.result, outcome.durationMs);
    this.#progress.notify();
  }

  /** What became of each item of an answered attempt: delivered, rejected, or requeued. */
  async #settle(items: readonly Item[], result: SendResult, durationMs: number): Promise<void> {
    const accounting = this.#accounting;
    if (result.status !== undefined) accounting.response(result.status);
    if (result.sentBytes !== undefined) accounting.sentBytes(result.sentBytes);
    const { failure: whole, failures } = result;
    if (whole === undefined && failures === undefined) {
      this.#availability.up(performance.now());
      accounting.delivered(items.map((item) => item.event));
      this.#finish(items);
      return;
    }
    if (whole?.status !== undefined && result.status === undefined) accounting.response(whole.status);
    const now = performance.now();
    if (whole?.bisect === true && items.length > 1) {
      this.#bisect(items, whole);
      return;
    }
    const delivered: Item[] = [];
    const rejected = new Map<string, { failure: Failure; items: Item[]; failures: number }>();
    /** Requeued items by their wait: those of one answer with the same attempt count share a draw. */
    const requeued = new Map<string, { items: Item[]; wait: number; failure: Failure }>();
    const counted = new Set<Failure>();
    let throttled = false;
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index] as Item;
      const failure = whole ?? failures?.[index];
      if (failure === undefined) {
        delivered.push(item);
        continue;
      }
      if (failure.errorType !== undefined && !counted.has(failure)) {
        counted.add(failure);
        accounting
          .counter('component_errors_total', { error_type: failure.errorType, stage: 'receiving' })
          .increment();
      }
      const state = this.#retrying.get(item);
      const unavailable = failure.unavailable === true;
      // The destination being down is not the item's fault: it costs no attempt.
      const failuresSoFar = (state?.failures ?? 0) + (unavailable ? 0 : 1);
      const retry = this.#spec.request.retry;
      const firstAt = state?.firstAt ?? now - durationMs;
      const key = unavailable ? 'unavailable' : `${failuresSoFar}:${failure.retryAfterMs ?? ''}`;
      let group = requeued.get(key);
      const wait =
        group?.wait ??
        (unavailable
          ? this.#availability.down(failure, now, this.#held)
          : failure.retryAfterMs === undefined
            ? backoffMs(retry, failuresSoFar - 1)
            : Math.min(Math.max(0, failure.retryAfterMs), retry.maxBackoffMs));
      const outOfTime =
        !unavailable && retry.maxDurationMs !== undefined && now + wait - firstAt > retry.maxDurationMs;
      const gaveUp =
        !unavailable && (!failure.retryable || failure.bisect === true || failuresSoFar > retry.attempts);
      if (gaveUp || outOfTime || this.#shutdown.aborted) {
        let rejectedGroup = rejected.get(failure.code);
        if (rejectedGroup === undefined) {
          rejectedGroup = { failure, items: [], failures: failuresSoFar };
          rejected.set(failure.code, rejectedGroup);
        }
        rejectedGroup.items.push(item);
        continue;
      }
      throttled ||= failure.throttled === true;
      if (state === undefined) this.#retrying.set(item, { failures: failuresSoFar, firstAt });
      else state.failures = failuresSoFar;
      if (group === undefined) {
        group = { items: [], wait, failure };
        requeued.set(key, group);
      }
      group.items.push(item);
    }
    // Some items taken or refused for what they hold, or any other answer: it is up again.
    const answered = result.status !== undefined || whole?.status !== undefined;
    if (!requeued.has('unavailable') && (delivered.length > 0 || rejected.size > 0 || answered))
      this.#availability.up(now);
    if (delivered.length > 0) {
      accounting.delivered(delivered.map((item) => item.event));
      this.#finish(delivered);
    }
    for (const group of requeued.values()) {
      this.#retryQueue.schedule(group.items, now + group.wait);
      this.#retries.increment(group.items.length);
      if (group.failure.unavailable === true) continue; // logged by `Availability`
      this.#warnRetry('retrying a request', {
        reason: group.failure.code,
        events: group.items.length,
        attempt: this.#retrying.get(group.items[0] as Item)?.failures ?? 1,
      });
    }
    if (throttled) this.#throttles.increment();
    if (requeued.size > 0) this.#arm();
    for (const [code, group] of rejected) {
      const retried = group.failures - 1;
      const message = group.failure.retryable
        ? `${group.failure.message} (after ${retried} retries)`
        : group.failure.message;
      await this.#reject(group.items, code, message, group.failures);
    }
  }

  /**
   * A request refused as a whole for one of its items: its two halves go again at once, each on
   * its own, ahead of newer batches, until the item at fault is alone (then rejected).
   */
  #bisect(items: readonly Item[], failure: Failure): void {
    const middle = items.length >> 1;
    this.#ready.unshift(items.slice(0, middle), items.slice(middle));
    this.#bisected.increment();
    this.#warnBisect(
      'a request was refused as a whole: sending it again in halves to find the event at fault',
      {
        error_code: failure.code,
        error: failure.message,
        events: items.length,
      },
    );
    this.#readySignal.notify();
    this.#progress.notify();
  }

  async #reject(items: readonly Item[], code: string, message: string, attempts: number): Promise<void> {
    const events = items.map((item) => item.event);
    this.#finish(items);
    await this.#accounting.rejected(events, code, message, attempts);
  }

  /** Rejects items the kit itself could not handle (a builder or pacing that threw): counted, never lost silently. */
  async #fail(items: readonly Item[], code: string, message: string): Promise<void> {
    await this.#reject(items, code, message, 1);
    this.#progress.notify();
  }

  /** Items are finalized: no longer held; later items of their keys may go. */
  #finish(items: readonly Item[]): void {
    this.#held -= items.length;
    if (this.#retrying.size > 0) for (const item of items) this.#retrying.delete(item);
    const order = this.#order;
    if (order !== undefined) {
      const now = performance.now();
      for (const item of items) {
        const released = order.finished(item);
        if (released === undefined) continue;
        for (const next of released) this.#batcher.add(next, now);
        if (this.#draining) this.#batcher.closeAll();
        this.#arm();
      }
    }
    this.#progress.notify();
  }

  #abandon(items: readonly Item[]): void {
    this.#held -= items.length;
    this.#abandoned += items.length;
    this.#progress.notify();
  }

  /** At the deadline: everything not in a request is left unfinalized. */
  #abandonHeld(): void {
    const left: Item[] = this.#batcher.takeAll();
    for (const items of this.#ready.splice(0)) left.push(...items);
    for (const items of this.#retryQueue.takeAll()) left.push(...items);
    if (this.#order !== undefined) left.push(...this.#order.takeHeld());
    this.#abandon(left);
  }

  /** Sets the one timer to the next due batch or retry. */
  #arm(): void {
    const batchAt = this.#batcher.nextDueAt() ?? Number.POSITIVE_INFINITY;
    const retryAt = this.#retryQueue.nextAt() ?? Number.POSITIVE_INFINITY;
    const at = Math.min(batchAt, retryAt);
    if (at >= this.#timerAt) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    if (at === Number.POSITIVE_INFINITY) return;
    this.#timer = setTimeout(() => this.#wake(), Math.max(0, at - performance.now()));
  }

  /** Due batches close; due retries re-enter the batcher (at once while draining). */
  #wake(): void {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    if (this.#shutdown.aborted) return;
    const now = performance.now();
    const ttl = this.#spec.request.recordTtlMs;
    for (const items of this.#retryQueue.takeDue(now)) {
      if (ttl === undefined) {
        for (const item of items) this.#batcher.add(item, now);
        continue;
      }
      const expired: Item[] = [];
      for (const item of items)
        if ((this.#takenAt?.get(item) ?? now) <= now - ttl) expired.push(item);
        else this.#batcher.add(item, now);
      if (expired.length > 0) void this.#expire(expired, ttl);
    }
    this.#batcher.closeDue(now);
    if (this.#draining) this.#batcher.closeAll();
    this.#arm();
    this.#progress.notify();
  }

  async #expire(items: Item[], ttl: number): Promise<void> {
    const failures = this.#retrying.get(items[0] as Item)?.failures ?? 1;
    await this.#reject(
      items,
      'record_ttl_expired',
      `not accepted within request.record_ttl_secs (${ttl / 1000} s; ${failures} attempts)`,
      failures,
    );
  }
}

/** How the concurrency controller sees an answered attempt. */
function observationOf(result: SendResult, items: number): RequestObservation['outcome'] {
  const { failure, failures } = result;
  if (failure !== undefined) {
    const pushedBack = result.backpressure ?? (failure.throttled === true || failure.code === 'timeout');
    return pushedBack ? 'backpressure' : 'error';
  }
  if (result.backpressure === true) return 'backpressure';
  if (failures !== undefined && result.backpressure === undefined && items > 0) {
    let throttled = 0;
    for (const itemFailure of failures) if (itemFailure?.throttled === true) throttled += 1;
    if (throttled === items) return 'backpressure';
  }
  return 'ok';
}
