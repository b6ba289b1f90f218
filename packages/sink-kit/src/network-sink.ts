import {
  type Batch,
  type ComponentContext,
  finalizeEvents,
  type HealthcheckResult,
  type LogEvent,
  rateLimitedLog,
  rejectedEvent,
  type Sink,
  sleep,
  untilAborted,
} from '@sluice/component-api';
import { AdaptiveConcurrency, type AdaptiveConcurrencySettings } from './adaptive-concurrency.js';
import { Batcher, type BatchItem, type BatchSettings } from './batcher.js';
import { type ConcurrencyLimiter, fixedConcurrency, RateLimiter, type RequestObservation } from './limits.js';
import { backoffMs, type RetrySettings } from './retry.js';

/** An event made ready to send (encoded, sized), as the sink prepares it. */
export interface SinkItem extends BatchItem {
  readonly event: LogEvent;
}

/** An event the sink will not send; the kit finalizes it, counts it and logs it (rate-limited). */
export interface Discard {
  readonly discard: 'dropped' | 'rejected';
  /** `component_errors_total{error_type}`: `missing_partition_key`, `record_too_large`, … */
  readonly errorType: string;
  readonly message: string;
  readonly fields?: Record<string, unknown>;
}

/** Why a request, or one item of it, failed. */
export interface Failure {
  readonly retryable: boolean;
  /** The destination's error code, `http_<status>`, `timeout`, `connection_error:<code>`, … */
  readonly code: string;
  readonly message: string;
  /** Throttled by the destination: counted, and the concurrency controller backs off. */
  readonly throttled?: boolean;
  /** Counted as `component_errors_total{error_type, stage: "receiving"}` each time it happens. */
  readonly errorType?: string;
  /** The HTTP status of the answer, when there was one (`http_client_responses_total{status}`). */
  readonly status?: number;
}

/**
 * What a request reports: every item accepted, unless `failures` has a failure at its index. Only
 * the retryable failures are sent again; the permanent ones are rejected at once.
 */
export interface RequestResult {
  /** Bytes put on the wire (`component_sent_bytes_total`). */
  readonly sentBytes?: number;
  readonly failures?: readonly (Failure | undefined)[];
  /** The HTTP status of the answer (`http_client_responses_total{status}`, Vector's name). */
  readonly status?: number;
}

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
}

/**
 * What a network sink is: the kit does the rest. `Request` is what one attempt sends, built once
 * from its items by `buildRequest` and handed to both `pace` and `send`; the items by default.
 */
export interface NetworkSinkSpec<Item extends SinkItem, Request = readonly Item[]> {
  /** Prefix of the kit's own metrics: `<prefix>_retries_total`, `<prefix>_failed_records_total`, … */
  readonly metricPrefix: string;
  readonly batch: BatchSettings;
  readonly request: RequestSettings;
  prepare(event: LogEvent): Item | Discard;
  /**
   * Builds one attempt's request from its items (the first attempt's, or those resent), once:
   * packed, encoded, placed; what `pace` and `send` then get. Absent, they get the items. Must be
   * given when `Request` is not `readonly Item[]`.
   */
  buildRequest?(items: readonly Item[]): Request | Promise<Request>;
  /**
   * Waits until the destination can take this request (per-shard pacing), before each attempt
   * (resends too) and outside its timeout. Returns early when `signal` (shutdown) aborts.
   */
  pace?(request: Request, signal: AbortSignal): Promise<void>;
  /**
   * One attempt of one request; throws for a failure of the whole request. `failures` are indexed
   * by the items the request was built from.
   */
  send(request: Request, signal: AbortSignal): Promise<RequestResult>;
  /** A thrown error, as a failure of every item of the request. */
  classifyError(error: unknown): Failure;
  healthcheck?(signal: AbortSignal): Promise<HealthcheckResult>;
  /** Releases the sink's clients and sockets; called once, after `run` or at the deadline. */
  close?(): Promise<void>;
}

class RequestTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * A sink built from a spec: batching, concurrency, rate limit, per-request timeout, retries of only
 * what failed retryably, finalization (delivered / rejected / dropped, or abandoned at the shutdown
 * deadline) and the standard metrics.
 */
export function createNetworkSink<Item extends SinkItem, Request = readonly Item[]>(
  spec: NetworkSinkSpec<Item, Request>,
  context: ComponentContext,
): Sink {
  const { request: settings, metricPrefix: prefix } = spec;
  const { metrics, logger, signal: shutdown } = context;
  const { concurrency } = settings;
  const limiter =
    typeof concurrency === 'number'
      ? fixedConcurrency(concurrency)
      : 'adaptive' in concurrency
        ? new AdaptiveConcurrency({ settings: concurrency.adaptive, metrics })
        : concurrency;
  const rateLimiter =
    settings.rateLimit === undefined
      ? undefined
      : new RateLimiter(settings.rateLimit.num, settings.rateLimit.windowMs);
  const sentEvents = metrics.counter('component_sent_events_total');
  const sentEventBytes = metrics.counter('component_sent_event_bytes_total');
  const sentBytes = metrics.counter('component_sent_bytes_total');
  const discarded = metrics.counter('component_discarded_events_total', { intentional: 'false' });
  const requestFailed = metrics.counter('component_errors_total', {
    error_type: 'request_failed',
    stage: 'sending',
  });
  const retries = metrics.counter(`${prefix}_retries_total`);
  const throttles = metrics.counter(`${prefix}_throttles_total`);
  const abandoned = metrics.counter(`${prefix}_abandoned_records_total`);
  const duration = metrics.histogram(`${prefix}_request_duration_seconds`);
  const inFlightGauge = metrics.gauge(`${prefix}_in_flight_requests`);
  const warnDropped = rateLimitedLog(logger, 'warn');
  const warnRetry = rateLimitedLog(logger, 'warn');
  const errorRejected = rateLimitedLog(logger, 'error');
  const warnNoDescriptors = rateLimitedLog(logger, 'warn');
  // Handles taken once per label set: a storm of bad events must not pay a lookup per event.
  const handles = new Map<string, { increment(value?: number): void }>();
  const counter = (name: string, labels: Record<string, string>) => {
    const key = `${name}\0${Object.values(labels).join('\0')}`;
    let handle = handles.get(key);
    if (handle === undefined) {
      handle = metrics.counter(name, labels);
      handles.set(key, handle);
    }
    return handle;
  };

  const countResponse = (status: number) =>
    counter('http_client_responses_total', { status: String(status) }).increment();

  const deliver = (items: readonly Item[]) => {
    if (items.length === 0) return;
    let bytes = 0;
    for (const item of items) bytes += item.event.metadata.byteSize;
    finalizeEvents(
      items.map((item) => item.event),
      'delivered',
    );
    sentEvents.increment(items.length);
    sentEventBytes.increment(bytes);
  };
  const reject = async (items: readonly Item[], code: string, message: string, attempts: number) => {
    const events = items.map((item) => item.event);
    finalizeEvents(events, 'rejected');
    counter(`${prefix}_failed_records_total`, { error_code: code }).increment(items.length);
    requestFailed.increment(items.length);
    discarded.increment(items.length);
    errorRejected('events rejected by the destination', {
      error_code: code,
      error: message,
      events: items.length,
    });
    const rejection = { sink_id: context.id, error_code: code, error_message: message, attempts };
    await context.rejected?.send(events.map((event) => rejectedEvent(event, rejection)));
  };
  /**
   * At the shutdown deadline, items not yet accepted are left unfinalized, neither delivered nor
   * rejected: a disk buffer keeps them and sends them again at the next start (rejecting them would
   * acknowledge them and lose them); from a memory buffer they are lost with the process.
   */
  const abandon = (items: readonly Item[]) => {
    abandoned.increment(items.length);
    logger.warn(
      `shutdown deadline passed: ${items.length} records were not accepted by the destination; a disk buffer sends them again at the next start, a memory buffer loses them`,
    );
  };
  const discard = (event: LogEvent, reason: Discard) => {
    finalizeEvents([event], reason.discard);
    discarded.increment();
    counter('component_errors_total', { error_type: reason.errorType, stage: 'processing' }).increment();
    warnDropped(`event dropped: ${reason.message}`, reason.fields);
  };

  // One listener aborts every attempt in flight at the deadline: a listener per attempt would pass
  // Node's limit of 10 per signal (a warning) as soon as the adaptive limit grows beyond it.
  const attempts = new Set<AbortController>();
  shutdown.addEventListener(
    'abort',
    () => {
      for (const controller of attempts) controller.abort(shutdown.reason);
    },
    { once: true },
  );

  /** One attempt, aborted after the timeout or at the shutdown deadline. */
  const attempt = async (request: Request): Promise<RequestResult> => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new RequestTimeout('request timed out')),
      settings.timeoutMs,
    );
    timer.unref();
    attempts.add(controller);
    const started = performance.now();
    try {
      return await spec.send(request, controller.signal);
    } catch (error) {
      if (controller.signal.aborted && !shutdown.aborted)
        throw new RequestTimeout(`request timed out after ${settings.timeoutMs / 1000} s`);
      throw error;
    } finally {
      duration.observe((performance.now() - started) / 1000);
      clearTimeout(timer);
      attempts.delete(controller);
    }
  };

  const failureOf = (error: unknown): Failure => {
    if (error instanceof RequestTimeout) return { retryable: true, code: 'timeout', message: error.message };
    const code = (error as { code?: unknown }).code;
    if (code === 'EMFILE' || code === 'ENFILE') {
      // Passes when other connections close: retried, whatever the sink would say of it.
      warnNoDescriptors(
        'out of file descriptors: the request is retried; raise `ulimit -n` or limit connections',
        {
          error_code: code,
        },
      );
      return { retryable: true, code, message: String(error) };
    }
    return spec.classifyError(error);
  };

  /** When each item was taken by the sink, kept only with a record TTL. */
  const ttlMs = settings.recordTtlMs;
  const takenAt = ttlMs === undefined ? undefined : new WeakMap<Item, number>();
  /** Rejects the items older than the record TTL; returns the others. */
  const expire = async (items: readonly Item[], retriesDone: number): Promise<readonly Item[]> => {
    const oldest = performance.now() - (ttlMs as number);
    const expired: Item[] = [];
    const kept: Item[] = [];
    for (const item of items) ((takenAt?.get(item) ?? oldest) <= oldest ? expired : kept).push(item);
    if (expired.length === 0) return items;
    await reject(
      expired,
      'record_ttl_expired',
      `not accepted within request.record_ttl_secs (${(ttlMs as number) / 1000} s; ${retriesDone} attempts)`,
      retriesDone,
    );
    return kept;
  };
  /**
   * Sends items until each is accepted or rejected; only retryable failures are ever resent.
   * `pressure.seen` is set when an attempt was throttled or timed out, for the concurrency limiter.
   */
  const send = async (items: Item[], pressure: { seen: boolean }): Promise<void> => {
    let remaining: readonly Item[] = items;
    const firstAt = performance.now();
    const { retry } = settings;
    for (let retriesDone = 0; ; retriesDone += 1) {
      if (shutdown.aborted) return abandon(remaining);
      if (takenAt !== undefined) {
        remaining = await expire(remaining, retriesDone);
        if (remaining.length === 0) return;
      }
      await rateLimiter?.acquire(shutdown);
      const request =
        spec.buildRequest === undefined
          ? (remaining as unknown as Request)
          : await spec.buildRequest(remaining);
      if (spec.pace !== undefined) {
        await spec.pace(request, shutdown);
        if (shutdown.aborted) return abandon(remaining);
      }
      let failures: readonly (Failure | undefined)[];
      try {
        const result = await attempt(request);
        if (result.status !== undefined) countResponse(result.status);
        if (result.sentBytes !== undefined) sentBytes.increment(result.sentBytes);
        if (result.failures === undefined) return deliver(remaining);
        failures = result.failures;
      } catch (error) {
        // Aborted by the shutdown deadline: the destination did not refuse these, so they are kept.
        if (shutdown.aborted) return abandon(remaining);
        const failure = failureOf(error);
        if (failure.status !== undefined) countResponse(failure.status);
        failures = remaining.map(() => failure);
      }
      const retryable: Item[] = [];
      const codes = new Map<string, { failure: Failure; items: Item[] }>();
      const accepted: Item[] = [];
      const permanent: [Item, Failure][] = [];
      let throttled = false;
      const counted = new Set<Failure>();
      for (let index = 0; index < remaining.length; index += 1) {
        const item = remaining[index] as Item;
        const failure = failures[index];
        if (failure === undefined) {
          accepted.push(item);
          continue;
        }
        if (failure.errorType !== undefined && !counted.has(failure)) {
          counted.add(failure);
          counter('component_errors_total', {
            error_type: failure.errorType,
            stage: 'receiving',
          }).increment();
        }
        if (!failure.retryable) {
          permanent.push([item, failure]);
          continue;
        }
        retryable.push(item);
        throttled ||= failure.throttled === true;
        const group = codes.get(failure.code);
        if (group === undefined) codes.set(failure.code, { failure, items: [item] });
        else group.items.push(item);
      }
      deliver(accepted);
      for (const [item, failure] of permanent)
        await reject([item], failure.code, failure.message, retriesDone + 1);
      remaining = retryable;
      if (throttled || codes.has('timeout')) pressure.seen = true;
      if (remaining.length === 0) return;
      const wait = backoffMs(retry, retriesDone);
      const outOfTime =
        retry.maxDurationMs !== undefined && performance.now() + wait - firstAt > retry.maxDurationMs;
      if (retriesDone < retry.attempts && !outOfTime && !shutdown.aborted) {
        retries.increment(remaining.length);
        if (throttled) throttles.increment();
        warnRetry('retrying a request', {
          reason: [...codes.keys()].join(', '),
          events: remaining.length,
          attempt: retriesDone + 1,
        });
        await sleep(wait, shutdown);
        continue;
      }
      if (shutdown.aborted) return abandon(remaining);
      for (const [code, group] of codes)
        await reject(
          group.items,
          code,
          `${group.failure.message} (after ${retriesDone} retries)`,
          retriesDone + 1,
        );
      return;
    }
  };

  // Held at most: the requests in flight and one waiting for a slot, or the open batches (one per
  // partition, each short of full) beside the requests in flight; each batch at most maxEvents.
  const maxHeldEvents =
    limiter.maxConcurrency === undefined
      ? undefined
      : spec.batch.maxEvents * (limiter.maxConcurrency + (spec.batch.maxPartitions ?? 1));
  const sink: Sink = {
    ...(maxHeldEvents !== undefined && Number.isSafeInteger(maxHeldEvents) ? { maxHeldEvents } : {}),
    async run(input) {
      const inFlight = new Set<Promise<void>>();
      const batcher = new Batcher<Item>(spec.batch, async (items) => {
        // Waiting for a free slot is the backpressure that reaches the buffer.
        await limiter.acquire();
        inFlightGauge.increment();
        const started = performance.now();
        let outcome: RequestObservation['outcome'] = 'ok';
        const pressure = { seen: false };
        const request = send(items, pressure)
          .catch((error: unknown) => {
            outcome = 'error';
            return reject(items, 'internal_error', String(error), 1);
          })
          .finally(() => {
            if (pressure.seen) outcome = 'backpressure';
            limiter.release({ durationMs: performance.now() - started, outcome });
            inFlightGauge.decrement();
            inFlight.delete(request);
          });
        inFlight.add(request);
      });
      // Ends at the shutdown deadline even while the input is idle: what is held is then abandoned.
      const iterator = untilAborted(input, shutdown)[Symbol.asyncIterator]();
      let next = iterator.next();
      for (;;) {
        let result: IteratorResult<Batch, unknown> | 'due';
        const dueIn = batcher.msUntilDue();
        if (dueIn === undefined) {
          result = await next;
        } else {
          let timer: NodeJS.Timeout | undefined;
          result = await Promise.race([
            next,
            new Promise<'due'>((resolve) => {
              timer = setTimeout(() => resolve('due'), dueIn);
            }),
          ]);
          clearTimeout(timer);
        }
        if (result === 'due') {
          await batcher.flushDue();
          continue;
        }
        if (result.done) break;
        next = iterator.next();
        const now = performance.now();
        for (const event of result.value) {
          const prepared = spec.prepare(event);
          if ('discard' in prepared) discard(event, prepared);
          else {
            takenAt?.set(prepared, now);
            const sending = batcher.add(prepared);
            if (sending !== undefined) await sending;
          }
        }
      }
      await batcher.flushAll();
      await Promise.all(inFlight);
    },
  };
  const healthcheck = spec.healthcheck?.bind(spec);
  if (healthcheck !== undefined) sink.healthcheck = healthcheck;
  const close = spec.close?.bind(spec);
  if (close !== undefined) sink.close = close;
  return sink;
}
