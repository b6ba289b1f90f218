import { attachFinalizer, type DeliveryStatus, type LogEvent } from '@sluice/component-api';
import { ControllableInput, createTestContext, inputOf, makeEvents } from '@sluice/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SinkItem } from './accounting.js';
import { type ConcurrencyLimiter, fixedConcurrency, RateLimiter, type RequestObservation } from './limits.js';
import { createNetworkSink } from './network-sink.js';
import type { Failure, SendResult } from './results.js';
import { backoffMs, type RetrySettings } from './retry.js';
import type { NetworkSinkSpec } from './spec.js';

interface Item extends SinkItem {
  readonly text: string;
}

const fastRetry: RetrySettings = { attempts: 5, initialBackoffMs: 1, maxBackoffMs: 2 };

/** A spec whose requests are answered by `answer`, recording what each request carried. */
function spec(
  answer: (texts: string[], attempt: number, signal: AbortSignal) => Promise<SendResult> | SendResult,
  overrides: Partial<NetworkSinkSpec<Item>> = {},
) {
  const requests: string[][] = [];
  const value: NetworkSinkSpec<Item> = {
    metricPrefix: 'test',
    batch: { maxEvents: 100, maxBytes: 1_000_000, timeoutMs: 10 },
    request: { concurrency: 2, timeoutMs: 5_000, retry: fastRetry },
    prepare: (event) => {
      const text = String(event.fields.message);
      if (text.includes('bad')) return { discard: 'rejected', errorType: 'bad_event', message: 'it is bad' };
      return { event, text, size: text.length };
    },
    send: async (items, signal) => {
      const texts = items.map((item) => item.text);
      requests.push(texts);
      return answer(texts, requests.length - 1, signal);
    },
    classifyError: (error): Failure => ({ retryable: false, code: 'boom', message: String(error) }),
    ...overrides,
  };
  return { value, requests };
}

async function run(sinkSpec: NetworkSinkSpec<Item>, events: LogEvent[]) {
  const context = createTestContext({ id: 'out' });
  const statuses = new Map<string, DeliveryStatus>();
  for (const event of events)
    attachFinalizer([event], (status) => statuses.set(String(event.fields.message), status));
  await createNetworkSink(sinkSpec, context).run(inputOf([events]));
  return { context, statuses };
}

describe('retries and limits', () => {
  it('backs off exponentially or by Fibonacci, with full jitter or none, capped', () => {
    const exponential: RetrySettings = { attempts: 9, initialBackoffMs: 1000, maxBackoffMs: 30_000 };
    expect([0, 1, 2, 3, 10].map((attempt) => backoffMs(exponential, attempt, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 30_000,
    ]);
    expect(backoffMs(exponential, 3, () => 0.5)).toBe(4000);
    const fibonacci: RetrySettings = { ...exponential, strategy: 'fibonacci', jitter: 'none' };
    expect([0, 1, 2, 3, 4, 5, 20].map((attempt) => backoffMs(fibonacci, attempt, () => 0))).toEqual([
      1000, 1000, 2000, 3000, 5000, 8000, 30_000,
    ]);
  });
  it('the rate limiter starts at most `limit` requests in any window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const limiter = new RateLimiter(2, 100);
      const starts: number[] = [];
      const all = Promise.all(
        Array.from({ length: 5 }, () =>
          limiter.acquire(new AbortController().signal).then(() => starts.push(performance.now())),
        ),
      );
      await vi.advanceTimersByTimeAsync(1000);
      await all;
      expect(starts).toHaveLength(5);
      for (let index = 2; index < starts.length; index += 1)
        expect((starts[index] as number) - (starts[index - 2] as number)).toBeGreaterThanOrEqual(100);
    } finally {
      vi.useRealTimers();
    }
  });
  it('fixed concurrency lets `limit` holders in and the next one when one leaves', async () => {
    const limiter = fixedConcurrency(1);
    await limiter.acquire();
    let second = false;
    const waiting = limiter.acquire().then(() => {
      second = true;
    });
    await Promise.resolve();
    expect(second).toBe(false);
    limiter.release({ durationMs: 1, outcome: 'ok' });
    await waiting;
    expect(second).toBe(true);
  });
});

describe('createNetworkSink', () => {
  it('tells the concurrency limiter of each attempt, with its round trip: backpressure only when the destination pushed back as a whole', async () => {
    const observed: RequestObservation['outcome'][] = [];
    const limiter = fixedConcurrency(1);
    const spy: ConcurrencyLimiter = {
      acquire: () => limiter.acquire(),
      release: (observation) => {
        observed.push(observation.outcome);
        limiter.release(observation);
      },
    };
    const throttle: Failure = { retryable: true, code: 'Busy', message: 'busy', throttled: true };
    const timeout: Failure = { retryable: true, code: 'timeout', message: 'slow' };
    const flaky: Failure = { retryable: true, code: 'http_500', message: 'oops' };
    // Attempts in order: one item throttled among accepted ones (a hot key, not a busy
    // destination), its resend, every item throttled, its resend, the whole request timed out,
    // its resend, a 500 for the whole request, its resend.
    const answers: SendResult[] = [
      { failures: [throttle, undefined] },
      {},
      { failures: [throttle, throttle] },
      {},
      { failure: timeout },
      {},
      { failure: flaky },
      {},
    ];
    const { value } = spec((_texts, attempt) => answers[attempt] ?? {}, {
      batch: { maxEvents: 2, maxBytes: 1_000_000, timeoutMs: 10 },
      request: { concurrency: spy, timeoutMs: 5_000, retry: fastRetry },
    });
    // One batch at a time, so the attempts come in the order above.
    const events = makeEvents(8);
    const context = createTestContext({ id: 'out' });
    const statuses: DeliveryStatus[] = [];
    attachFinalizer(events, (status) => statuses.push(status));
    const input = new ControllableInput();
    const running = createNetworkSink(value, context).run(input);
    for (let index = 0; index < 8; index += 2) {
      input.push(events.slice(index, index + 2));
      await vi.waitFor(() => expect(observed.length).toBe(index + 2));
    }
    input.end();
    await running;
    expect(statuses).toEqual(['delivered']);
    expect(observed).toEqual(['ok', 'ok', 'backpressure', 'ok', 'backpressure', 'ok', 'error', 'ok']);
  });

  it('many requests in flight add no listener each to the shutdown signal (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started = 0;
      const { value } = spec(
        async () => {
          started += 1;
          if (started === 15) release();
          await gate;
          return {};
        },
        {
          batch: { maxEvents: 1, maxBytes: 1_000_000, timeoutMs: 10 },
          request: { concurrency: 15, timeoutMs: 5_000, retry: fastRetry },
        },
      );
      const { statuses } = await run(value, makeEvents(15));
      expect(started).toBe(15);
      expect(statuses.size).toBe(15);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it("builds the adaptive controller from its settings, with Vector's metrics", async () => {
    const { value } = spec(() => ({}), {
      batch: { maxEvents: 1, maxBytes: 1_000_000, timeoutMs: 10 },
      request: { concurrency: { adaptive: { initialConcurrency: 2 } }, timeoutMs: 5_000, retry: fastRetry },
    });
    const { context, statuses } = await run(value, makeEvents(5));
    expect(statuses.size).toBe(5);
    expect(context.metrics.total('adaptive_concurrency_in_flight_count')).toBe(10);
    expect(context.metrics.total('adaptive_concurrency_observed_rtt_count')).toBe(5);
  });

  it('partial results: accepted items are delivered, retryable ones resent alone, permanent ones rejected', async () => {
    const retry: Failure = { retryable: true, code: 'Busy', message: 'busy', throttled: true };
    const fatal: Failure = { retryable: false, code: 'Invalid', message: 'invalid' };
    const { value, requests } = spec((texts, attempt) =>
      attempt === 0
        ? { sentBytes: 10, failures: texts.map((_, index) => [undefined, retry, fatal][index % 3]) }
        : {},
    );
    const { context, statuses } = await run(value, makeEvents(6));
    expect(requests).toEqual([
      ['event 0', 'event 1', 'event 2', 'event 3', 'event 4', 'event 5'],
      ['event 1', 'event 4'],
    ]);
    expect([...statuses.values()].filter((status) => status === 'delivered')).toHaveLength(4);
    expect(statuses.get('event 2')).toBe('rejected');
    expect(statuses.get('event 5')).toBe('rejected');
    expect(context.metrics.total('component_sent_events_total')).toBe(4);
    expect(context.metrics.total('component_sent_bytes_total')).toBe(10);
    expect(context.metrics.total('test_failed_records_total', { error_code: 'Invalid' })).toBe(2);
    expect(context.metrics.total('component_discarded_events_total')).toBe(2);
    expect(context.metrics.total('test_retries_total')).toBe(2);
    expect(context.metrics.total('test_throttles_total')).toBe(1);
  });

  it('rejects once the attempts run out, counting the failure type each time; nothing is delivered', async () => {
    const invalid: Failure = {
      retryable: true,
      code: 'invalid_response',
      message: 'x',
      errorType: 'invalid_response',
    };
    const { value, requests } = spec((texts) => ({ failures: texts.map(() => invalid) }), {
      request: { concurrency: 1, timeoutMs: 5_000, retry: { ...fastRetry, attempts: 2 } },
    });
    const { context, statuses } = await run(value, makeEvents(2));
    expect(requests).toHaveLength(3);
    expect([...statuses.values()]).toEqual(['rejected', 'rejected']);
    expect(context.metrics.total('component_sent_events_total')).toBe(0);
    expect(context.metrics.total('component_errors_total', { error_type: 'invalid_response' })).toBe(3);
    expect(context.logger.find('events rejected by the destination', 'error')).toHaveLength(1);
  });

  it('recordTtlMs: items not accepted in time are rejected as record_ttl_expired, those accepted in time delivered', async () => {
    const busy: Failure = { retryable: true, code: 'Busy', message: 'busy' };
    // event 0 is accepted at once; event 1 never is, with unlimited retries.
    const { value, requests } = spec(
      (texts) => ({ failures: texts.map((text) => (text === 'event 0' ? undefined : busy)) }),
      {
        request: {
          concurrency: 1,
          timeoutMs: 5_000,
          retry: { ...fastRetry, attempts: Number.POSITIVE_INFINITY },
          recordTtlMs: 200,
        },
      },
    );
    const context = createTestContext({ id: 'out' });
    const routed: LogEvent[] = [];
    context.rejected = { send: async (events) => void routed.push(...events) };
    const statuses = new Map<string, DeliveryStatus>();
    const events = makeEvents(2);
    for (const event of events)
      attachFinalizer([event], (status) => statuses.set(String(event.fields.message), status));
    await createNetworkSink(value, context).run(inputOf([events]));
    expect(statuses.get('event 0')).toBe('delivered');
    expect(statuses.get('event 1')).toBe('rejected');
    expect(requests[0]).toEqual(['event 0', 'event 1']);
    expect(requests.slice(1).every((texts) => texts.length === 1 && texts[0] === 'event 1')).toBe(true);
    expect(routed.map((event) => event.fields.rejection)).toEqual([
      expect.objectContaining({ error_code: 'record_ttl_expired' }),
    ]);
    expect(context.metrics.total('test_failed_records_total', { error_code: 'record_ttl_expired' })).toBe(1);
  });

  it('sends a copy of each rejected event, with why, to `<sink id>.rejected` when it is routed', async () => {
    const fatal: Failure = { retryable: false, code: 'Invalid', message: 'invalid' };
    const { value } = spec((texts) => ({
      failures: texts.map((text) => (text === 'event 1' ? fatal : undefined)),
    }));
    const context = createTestContext({ id: 'out' });
    const routed: LogEvent[] = [];
    context.rejected = { send: async (events) => void routed.push(...events) };
    await createNetworkSink(value, context).run(inputOf([makeEvents(3)]));
    expect(routed).toHaveLength(1);
    expect(routed[0]?.fields).toMatchObject({
      message: 'event 1',
      rejection: { sink_id: 'out', error_code: 'Invalid', error_message: 'invalid', attempts: 1 },
    });
    expect(routed[0]?.metadata.finalizer).toBeUndefined();
  });

  it('stops retrying at the duration cap, counted from the first attempt', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'setImmediate'] });
    try {
      const sentAt: number[] = [];
      const { value } = spec(
        () => {
          sentAt.push(performance.now());
          return Promise.reject(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
        },
        {
          classifyError: () => ({ retryable: true, code: 'connection_error', message: 'reset' }),
          request: {
            concurrency: 1,
            timeoutMs: 5_000,
            retry: {
              attempts: Number.POSITIVE_INFINITY,
              initialBackoffMs: 50,
              maxBackoffMs: 50,
              jitter: 'none',
              maxDurationMs: 120,
            },
          },
        },
      );
      const context = createTestContext({ id: 'out' });
      const events = makeEvents(1);
      const statuses: DeliveryStatus[] = [];
      attachFinalizer(events, (status) => statuses.push(status));
      const running = createNetworkSink(value, context).run(inputOf([events]));
      await vi.advanceTimersByTimeAsync(1_000);
      await running;
      // 0, 50, 100: a retry at 150 would pass 120 ms since the first attempt.
      expect(sentAt).toEqual([0, 50, 100]);
      expect(statuses).toEqual(['rejected']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('aborts a request at its timeout and retries it as `timeout`', async () => {
    const { value, requests } = spec(
      (_, attempt, signal) =>
        attempt === 0
          ? new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
          : {},
      { request: { concurrency: 1, timeoutMs: 20, retry: fastRetry } },
    );
    const { context, statuses } = await run(value, makeEvents(1));
    expect(requests).toHaveLength(2);
    expect(statuses.get('event 0')).toBe('delivered');
    expect(context.logger.find('retrying a request', 'warn')[0]?.fields?.reason).toBe('timeout');
  });

  it('EMFILE is retried whatever the sink says of it, with one rate-limited warning', async () => {
    const { value } = spec((_, attempt) =>
      attempt < 3 ? Promise.reject(Object.assign(new Error('EMFILE'), { code: 'EMFILE' })) : {},
    );
    const { context, statuses } = await run(value, makeEvents(1));
    expect(statuses.get('event 0')).toBe('delivered');
    expect(context.logger.find('out of file descriptors', 'warn')).toHaveLength(1);
  });

  it('discards what `prepare` refuses, counted by type and logged; a partial batch is sent by the timer', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { value, requests } = spec(() => ({}));
    const context = createTestContext({ id: 'out' });
    const events = makeEvents(2);
    const bad = makeEvents(1, { message: 'bad' })[0] as LogEvent;
    const statuses: DeliveryStatus[] = [];
    attachFinalizer([...events, bad], (status) => statuses.push(status));
    // The input stays open until the timer has sent the partial batch.
    async function* input() {
      yield [...events, bad];
      while (requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      release();
      await held;
    }
    await createNetworkSink(value, context).run(input());
    expect(requests).toEqual([['event 0', 'event 1']]);
    expect(context.metrics.total('component_errors_total', { error_type: 'bad_event' })).toBe(1);
    expect(context.logger.find('event rejected: it is bad', 'warn')).toHaveLength(1);
  });

  it('at the shutdown deadline, what is not accepted is left unfinalized and counted as abandoned', async () => {
    const { value, requests } = spec(
      (_, __, signal) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    const context = createTestContext({ id: 'out' });
    const events = makeEvents(3);
    const statuses: DeliveryStatus[] = [];
    attachFinalizer(events, (status) => statuses.push(status));
    const running = createNetworkSink(value, context).run(inputOf([events]));
    while (requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    context.abort();
    await running;
    expect(statuses).toEqual([]);
    expect(context.metrics.total('test_abandoned_records_total')).toBe(3);
  });

  it('at the shutdown deadline with its input idle, it returns; the open batch is abandoned, never sent', async () => {
    const { value, requests } = spec(() => ({}), {
      batch: { maxEvents: 100, maxBytes: 1_000_000, timeoutMs: 60_000 },
    });
    const context = createTestContext({ id: 'out' });
    const events = makeEvents(3);
    const statuses: DeliveryStatus[] = [];
    attachFinalizer(events, (status) => statuses.push(status));
    const input = new ControllableInput();
    const running = createNetworkSink(value, context).run(input);
    input.push(events);
    // Taken once the sink asks for the next batch (its read-ahead), with the first batch open.
    while (input.taken === 0) await new Promise((resolve) => setImmediate(resolve));
    context.abort();
    await running;
    expect(requests).toEqual([]);
    expect(statuses).toEqual([]);
    expect(context.metrics.total('test_abandoned_records_total')).toBe(3);
  });
});

describe('maxHeldEvents', () => {
  it('is batches × (requests in flight + open partitions) + the events waiting for a retry; undeclared for a limiter without a maximum', () => {
    const context = createTestContext();
    const declared = (overrides: Partial<NetworkSinkSpec<Item>>) =>
      createNetworkSink(spec(() => ({}), overrides).value, context).maxHeldEvents;
    const request = { timeoutMs: 1000, retry: fastRetry };
    expect(declared({})).toBe(100 * (2 + 1) + 4 * 100 * 2);
    expect(declared({ batch: { maxEvents: 10, maxBytes: 1000, timeoutMs: 10, maxPartitions: 4 } })).toBe(
      10 * (2 + 4) + 4 * 10 * 2,
    );
    expect(declared({ request: { ...request, concurrency: { adaptive: { maxConcurrencyLimit: 7 } } } })).toBe(
      100 * (7 + 1) + 4 * 100 * 7,
    );
    expect(declared({ request: { ...request, concurrency: 2, maxRetryingEvents: 5 } })).toBe(100 * 3 + 5);
    const unbounded: ConcurrencyLimiter = { acquire: async () => {}, release: () => {} };
    expect(declared({ request: { ...request, concurrency: unbounded } })).toBeUndefined();
    expect(declared({ batch: { maxBytes: 1000, timeoutMs: 10 } })).toBeUndefined();
  });
});

describe('pace', () => {
  it('is awaited before every attempt, resends too, with only what is resent, outside the attempt timeout', async () => {
    const paced: string[][] = [];
    const { value, requests } = spec(
      (_texts, attempt) =>
        attempt === 0 ? { failures: [undefined, { retryable: true, code: 'slow', message: 'slow' }] } : {},
      {
        request: { concurrency: 1, timeoutMs: 20, retry: fastRetry },
        pace: async (items) => {
          paced.push(items.map((item) => item.text));
          // Longer than the attempt timeout: pacing is not part of the attempt.
          await new Promise((resolve) => setTimeout(resolve, 60));
        },
      },
    );
    const { statuses, context } = await run(value, makeEvents(2));
    expect(paced).toEqual([['event 0', 'event 1'], ['event 1']]);
    expect(requests).toEqual(paced);
    expect([...statuses.values()]).toEqual(['delivered', 'delivered']);
    expect(context.metrics.total('test_retries_total')).toBe(1);
  });

  it('buildRequests builds each attempt once, from what it carries; pace and send get that request', async () => {
    const built: string[][] = [];
    const paced: string[][] = [];
    const sent: string[][] = [];
    const sinkSpec: NetworkSinkSpec<Item, { readonly joined: string[] }> = {
      ...spec(() => ({})).value,
      request: { concurrency: 1, timeoutMs: 1000, retry: fastRetry },
      buildRequests: (items) => {
        const joined = items.map((item) => item.text);
        built.push(joined);
        return [{ request: { joined }, items }];
      },
      pace: async (request) => void paced.push(request.joined),
      send: async (request) => {
        sent.push(request.joined);
        return sent.length === 1
          ? { failures: [{ retryable: true, code: 'slow', message: 'slow' }, undefined] }
          : {};
      },
    };
    const context = createTestContext({ id: 'out' });
    const events = makeEvents(2);
    const statuses: DeliveryStatus[] = [];
    for (const event of events) attachFinalizer([event], (status) => statuses.push(status));
    await createNetworkSink(sinkSpec, context).run(inputOf([events]));
    expect(built).toEqual([['event 0', 'event 1'], ['event 0']]);
    expect(paced).toEqual(built);
    expect(sent).toEqual(built);
    expect(statuses).toEqual(['delivered', 'delivered']);
  });

  it('returns at shutdown: the items not sent are abandoned, not sent', async () => {
    const { value, requests } = spec(() => ({}), {
      pace: (_items, signal) =>
        new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
    });
    const context = createTestContext({ id: 'out' });
    const sink = createNetworkSink(value, context);
    const running = sink.run(inputOf([makeEvents(3)]));
    await vi.waitFor(() => expect(context.metrics.total('test_in_flight_requests')).toBe(1));
    context.abort();
    await running;
    expect(requests).toEqual([]);
    expect(context.metrics.total('test_abandoned_records_total')).toBe(3);
  });
});

describe('per-item requeue (a paused clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'setImmediate'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const slowRetry: RetrySettings = {
    attempts: 5,
    initialBackoffMs: 1000,
    maxBackoffMs: 1000,
    jitter: 'none',
  };

  it('an item waiting for its retry does not hold its request slot (seen failing on kit v1)', async () => {
    const started: [number, string[]][] = [];
    const { value } = spec(
      (texts) => {
        started.push([performance.now(), texts]);
        return started.length === 1 ? { failures: [{ retryable: true, code: 'busy', message: 'busy' }] } : {};
      },
      {
        batch: { maxEvents: 1, maxBytes: 1_000_000, timeoutMs: 10 },
        request: { concurrency: 1, timeoutMs: 5_000, retry: slowRetry },
      },
    );
    const context = createTestContext({ id: 'out' });
    const running = createNetworkSink(value, context).run(inputOf([makeEvents(3)]));
    await vi.advanceTimersByTimeAsync(10);
    // The other two went while event 0 waits for its one-second backoff, through the one slot.
    expect(started.map(([, texts]) => texts)).toEqual([['event 0'], ['event 1'], ['event 2']]);
    expect(started.every(([at]) => at < 10)).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    await running;
    expect(started.map(([, texts]) => texts).at(-1)).toEqual(['event 0']);
    expect(started.at(-1)?.[0]).toBeGreaterThanOrEqual(1000);
    expect(context.metrics.total('component_sent_events_total')).toBe(3);
  });

  it('a requeued item re-enters the batcher with its own backoff and joins newer items in one request', async () => {
    const busy: Failure = { retryable: true, code: 'busy', message: 'busy' };
    const { value, requests } = spec(
      (texts, attempt) =>
        attempt === 0 ? { failures: texts.map((_, index) => (index === 0 ? busy : undefined)) } : {},
      {
        batch: { maxEvents: 3, maxBytes: 1_000_000, timeoutMs: 100 },
        request: { concurrency: 1, timeoutMs: 5_000, retry: slowRetry },
      },
    );
    const context = createTestContext({ id: 'out' });
    const events = makeEvents(5);
    const input = new ControllableInput();
    const running = createNetworkSink(value, context).run(input);
    input.push(events.slice(0, 3));
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toEqual([['event 0', 'event 1', 'event 2']]);
    await vi.advanceTimersByTimeAsync(1000); // event 0's backoff: it re-enters an empty batcher
    input.push(events.slice(3));
    await vi.advanceTimersByTimeAsync(0);
    // Full: the resent item and the two new ones, one request.
    expect(requests[1]).toEqual(['event 0', 'event 3', 'event 4']);
    input.end();
    await vi.advanceTimersByTimeAsync(0);
    await running;
    expect(context.metrics.total('test_retries_total')).toBe(1);
  });

  it("waits the destination's Retry-After instead of the backoff, at most the longest backoff", async () => {
    const sentAt: number[] = [];
    const { value } = spec(
      () => {
        sentAt.push(performance.now());
        return sentAt.length === 1
          ? { failure: { retryable: true, code: 'http_429', message: 'slow down', retryAfterMs: 250 } }
          : sentAt.length === 2
            ? { failure: { retryable: true, code: 'http_429', message: 'slow down', retryAfterMs: 60_000 } }
            : {};
      },
      { request: { concurrency: 1, timeoutMs: 5_000, retry: slowRetry } },
    );
    const running = createNetworkSink(value, createTestContext()).run(inputOf([makeEvents(1)]));
    await vi.advanceTimersByTimeAsync(5_000);
    await running;
    expect(sentAt.map((at) => Math.round(at))).toEqual([0, 250, 1250]);
  });

  it('stops taking input while too many events wait for a retry, and takes it again as they go', async () => {
    const { value } = spec(
      (texts, attempt) =>
        attempt < 2
          ? { failures: texts.map(() => ({ retryable: true, code: 'busy', message: 'busy' })) }
          : {},
      {
        batch: { maxEvents: 2, maxBytes: 1_000_000, timeoutMs: 10 },
        request: { concurrency: 2, timeoutMs: 5_000, retry: slowRetry, maxRetryingEvents: 4 },
      },
    );
    const input = new ControllableInput();
    const running = createNetworkSink(value, createTestContext()).run(input);
    for (let index = 0; index < 5; index += 1) input.push(makeEvents(2, {}, index * 2));
    input.end();
    await vi.advanceTimersByTimeAsync(20);
    // Two batches failed: 4 events wait; the input stopped after the batch that reached the bound.
    expect(input.taken).toBeLessThanOrEqual(3);
    await vi.advanceTimersByTimeAsync(2_000);
    await running;
    expect(input.taken).toBe(5);
  });

  it('per-key ordering: a failed item holds back later items of its key only, never the others', async () => {
    const order: string[] = [];
    let failedOnce = false;
    const { value } = spec(
      (texts) => {
        // The first `a` fails once; everything else is accepted at once.
        const failures = texts.map((text) => {
          if (text === 'a 0' && !failedOnce) {
            failedOnce = true;
            return { retryable: true, code: 'busy', message: 'busy' } as Failure;
          }
          order.push(text);
          return undefined;
        });
        return { failures };
      },
      {
        batch: { maxEvents: 2, maxBytes: 1_000_000, timeoutMs: 10 },
        request: { concurrency: 4, timeoutMs: 5_000, retry: slowRetry },
        orderingKey: (item) => item.text.split(' ')[0],
      },
    );
    const events = ['a 0', 'b 0', 'a 1', 'b 1', 'a 2', 'b 2'].flatMap((message) =>
      makeEvents(1, { message }),
    );
    const running = createNetworkSink(value, createTestContext()).run(inputOf([events]));
    await vi.advanceTimersByTimeAsync(100);
    // b went on while `a 0` waits for its retry; a 1 and a 2 wait behind it.
    expect(order.filter((text) => text.startsWith('a'))).toEqual([]);
    expect(order.filter((text) => text.startsWith('b'))).toEqual(['b 0', 'b 1', 'b 2']);
    await vi.advanceTimersByTimeAsync(2_000);
    await running;
    expect(order.filter((text) => text.startsWith('a'))).toEqual(['a 0', 'a 1', 'a 2']);
  });
});

describe('a destination that is down, a request refused for one item (a paused clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'setImmediate'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const retry: RetrySettings = { attempts: 2, initialBackoffMs: 1000, maxBackoffMs: 4000, jitter: 'none' };
  const missing: Failure = {
    retryable: false,
    unavailable: true,
    code: 'ResourceNotFoundException',
    message: 'Stream logs not found',
    status: 400,
  };

  it('unavailable: nothing rejected, one probe at a time backing off to the longest wait, however many attempts; delivered once it is back', async () => {
    let down = true;
    const sentAt: [number, number][] = [];
    const { value } = spec(
      (texts) => {
        sentAt.push([Math.round(performance.now()), texts.length]);
        return down ? { failure: missing } : {};
      },
      {
        batch: { maxEvents: 2, maxBytes: 1_000_000, timeoutMs: 10 },
        request: { concurrency: 4, timeoutMs: 5_000, retry },
      },
    );
    const context = createTestContext({ id: 'out' });
    const statuses: DeliveryStatus[] = [];
    const events = makeEvents(6);
    attachFinalizer(events, (status) => statuses.push(status));
    const running = createNetworkSink(value, context).run(inputOf([events]));
    await vi.advanceTimersByTimeAsync(20_000);
    // Three batches went at once; then one request per pause, waits of 1, 2, 4, 4… s.
    const probes = sentAt.slice(3).map(([at]) => at);
    expect(probes.slice(0, 4)).toEqual([1000, 3000, 7000, 11_000]);
    expect(context.metrics.total('test_destination_unavailable')).toBe(1);
    expect(statuses).toEqual([]);
    // Logged once a minute, not once per answer.
    expect(context.logger.find('the destination is unavailable', 'error')).toHaveLength(1);
    down = false;
    await vi.advanceTimersByTimeAsync(10_000);
    await running;
    expect(statuses).toEqual(['delivered']);
    expect(context.metrics.total('component_sent_events_total')).toBe(6);
    expect(context.metrics.total('test_failed_records_total')).toBe(0);
    expect(context.metrics.total('test_destination_unavailable')).toBe(0);
    expect(context.logger.find('the destination is available again', 'info')).toHaveLength(1);
  });

  it('unavailable with recordTtlMs: events older than it are rejected as record_ttl_expired', async () => {
    const { value } = spec(() => ({ failure: missing }), {
      request: { concurrency: 1, timeoutMs: 5_000, retry, recordTtlMs: 2500 },
    });
    const context = createTestContext({ id: 'out' });
    const statuses: DeliveryStatus[] = [];
    const events = makeEvents(3);
    attachFinalizer(events, (status) => statuses.push(status));
    const running = createNetworkSink(value, context).run(inputOf([events]));
    await vi.advanceTimersByTimeAsync(10_000);
    await running;
    expect(statuses).toEqual(['rejected']);
    expect(context.metrics.total('test_failed_records_total', { error_code: 'record_ttl_expired' })).toBe(3);
  });

  it('bisect: a request refused as a whole is sent again in halves until the item at fault is alone; only it is rejected', async () => {
    const { value, requests } = spec(
      (texts) =>
        texts.includes('event 5')
          ? {
              failure: {
                retryable: false,
                bisect: true,
                code: 'ValidationException',
                message: 'bad key',
                status: 400,
              },
            }
          : {},
      { batch: { maxEvents: 8, maxBytes: 1_000_000, timeoutMs: 10 } },
    );
    const running = run(value, makeEvents(8));
    await vi.advanceTimersByTimeAsync(100);
    const { context, statuses } = await running;
    expect(requests).toEqual([
      ['event 0', 'event 1', 'event 2', 'event 3', 'event 4', 'event 5', 'event 6', 'event 7'],
      ['event 0', 'event 1', 'event 2', 'event 3'],
      ['event 4', 'event 5', 'event 6', 'event 7'],
      ['event 4', 'event 5'],
      ['event 6', 'event 7'],
      ['event 4'],
      ['event 5'],
    ]);
    expect([...statuses.entries()].filter(([, status]) => status === 'rejected')).toEqual([
      ['event 5', 'rejected'],
    ]);
    expect(context.metrics.total('test_failed_records_total', { error_code: 'ValidationException' })).toBe(1);
    expect(context.metrics.total('component_sent_events_total')).toBe(7);
    expect(context.metrics.total('test_bisected_requests_total')).toBe(3);
  });
});

describe('one batch, several requests', () => {
  it('each request has its own slot, attempt and results; a failed one is requeued alone', async () => {
    const sent: string[][] = [];
    let attempt = 0;
    const sinkSpec: NetworkSinkSpec<Item, readonly Item[]> = {
      ...spec(() => ({})).value,
      batch: { maxEvents: 4, maxBytes: 1_000_000, timeoutMs: 10 },
      request: { concurrency: 2, timeoutMs: 1000, retry: fastRetry },
      // At most two items per request.
      buildRequests: (items) =>
        [
          { request: items.slice(0, 2), items: items.slice(0, 2) },
          { request: items.slice(2), items: items.slice(2) },
        ].filter((built) => built.items.length > 0),
      send: async (items) => {
        sent.push(items.map((item) => item.text));
        attempt += 1;
        return attempt === 2 ? { failure: { retryable: true, code: 'busy', message: 'busy' } } : {};
      },
    };
    const { statuses, context } = await run(sinkSpec, makeEvents(4));
    expect(sent.slice(0, 2)).toEqual([
      ['event 0', 'event 1'],
      ['event 2', 'event 3'],
    ]);
    expect(sent[2]).toEqual(['event 2', 'event 3']);
    expect([...statuses.values()].every((status) => status === 'delivered')).toBe(true);
    expect(context.metrics.total('test_retries_total')).toBe(2);
  });
});

describe('failures in the sink’s own code never fail the sink', () => {
  it('a prepare that throws (JSON.stringify on a bigint) rejects that event only: counted encode_failed, routed (seen failing on kit v1)', async () => {
    const { value, requests } = spec(() => ({}), {
      prepare: (event) => {
        const text = JSON.stringify(event.fields);
        return { event, text: String(event.fields.message), size: text.length };
      },
    });
    const context = createTestContext({ id: 'out' });
    const routed: LogEvent[] = [];
    context.rejected = { send: async (events) => void routed.push(...events) };
    const events = [...makeEvents(1), ...makeEvents(1, { count: 1n }, 1), ...makeEvents(1, {}, 2)];
    const statuses = new Map<string, DeliveryStatus>();
    for (const event of events)
      attachFinalizer([event], (status) => statuses.set(String(event.fields.message), status));
    await createNetworkSink(value, context).run(inputOf([events]));
    expect(requests).toEqual([['event 0', 'event 2']]);
    expect(statuses.get('event 1')).toBe('rejected');
    expect(context.metrics.total('component_errors_total', { error_code: 'encode_failed' })).toBe(1);
    expect(context.metrics.total('component_discarded_events_total')).toBe(1);
    expect(routed.map((event) => event.fields.rejection)).toEqual([
      expect.objectContaining({ error_code: 'encode_failed' }),
    ]);
  });

  it('a request builder that throws rejects its batch, counted; the sink goes on', async () => {
    let calls = 0;
    const sinkSpec: NetworkSinkSpec<Item, readonly Item[]> = {
      ...spec(() => ({})).value,
      batch: { maxEvents: 1, maxBytes: 1_000_000, timeoutMs: 10 },
      buildRequests: (items) => {
        calls += 1;
        if (calls === 1) throw new Error('bug');
        return [{ request: items, items }];
      },
    };
    const { statuses, context } = await run(sinkSpec, makeEvents(2));
    expect(statuses.get('event 0')).toBe('rejected');
    expect(statuses.get('event 1')).toBe('delivered');
    expect(context.metrics.total('test_failed_records_total', { error_code: 'internal_error' })).toBe(1);
  });
});
