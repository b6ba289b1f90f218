import {
  attachFinalizer,
  type Batch,
  type BufferDefinition,
  type BufferStage,
  type DeliveryStatus,
  finalizeEvents,
  type LogEvent,
  type SinkDefinition,
  type Source,
  type SourceDefinition,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestBufferContext, createTestContext, type TestComponentContext } from './context.js';
import { batchesOf, ControllableInput, inputOf, makeEvents, trackStatuses } from './events.js';

/**
 * How long a sink may take to return after its context's signal aborts (the shutdown deadline).
 * Generous: the check is about returning at all while the input is idle, not about speed.
 */
const ABORT_BOUND_MS = 5000;

function checkDefinition<Options>(
  definition: {
    specificationVersion: number;
    type: string;
    optionsSchema: object;
    description: string;
    validate?: (options: Options, context: { dataDir: string | undefined }) => readonly unknown[];
  },
  options: () => Options,
  dataDir: () => string | undefined,
) {
  it("accepts the suite's options in its validate (a definition checks options there, not in create)", () => {
    if (definition.validate === undefined) return;
    expect(definition.validate(options(), { dataDir: dataDir() })).toEqual([]);
  });

  it('declares a supported specification version, a type, a description and an options schema', () => {
    expect(definition.specificationVersion).toBe(SPECIFICATION_VERSION);
    expect(definition.type).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(definition.description.length).toBeGreaterThan(0);
    expect(typeof definition.optionsSchema).toBe('object');
    const properties =
      (definition.optionsSchema as { properties?: Record<string, { description?: string }> }).properties ??
      {};
    for (const [name, property] of Object.entries(properties)) {
      expect(property.description, `option "${name}" needs a description`).toBeTypeOf('string');
    }
  });
}

export interface TestSinkOptions<Options> {
  /** Validated options, as core would pass them (defaults applied); a function is called per test. */
  options: Options | (() => Options);
  /** A fresh context per test (e.g. with a dataDir); default `createTestContext()`. */
  context?: () => TestComponentContext;
  /** Events per happy-path test (default 1,000). */
  events?: number;
  /** Called after a happy-path run with every event sent: assert the destination holds them once each. */
  verifyDelivered?: (events: readonly LogEvent[]) => void | Promise<void>;
  /** Called before each test (e.g. reset a fake destination). */
  beforeEachTest?: () => void | Promise<void>;
  /**
   * The failure path: `makeFailing()` returns options (or switches the fake destination and returns
   * the usual options) under which every send fails permanently (e.g. an unwritable path, a server
   * answering 400). The suite then checks each event is finalized `rejected`, none counted sent.
   */
  failures?: { makeFailing: () => Options | Promise<Options> };
  /**
   * A destination that never answers: `makeStalling()` returns options (or switches the fake
   * destination and returns the usual options) under which every request hangs. The suite then
   * checks the sink holds no more than its `maxHeldEvents` and stops pulling, and aborts it.
   */
  stalling?: { makeStalling: () => Options | Promise<Options> };
}

/**
 * The conformance suite every sink passes: lifecycle, flush of a partial batch when the input
 * ends, every event finalized exactly once, delivery reported only for what was delivered,
 * pull-based consumption (bounded read-ahead).
 */
export function testSink<Options>(
  definition: SinkDefinition<Options>,
  suite: TestSinkOptions<Options>,
): void {
  const makeContext = suite.context ?? (() => createTestContext({ id: `conformance_${definition.type}` }));
  const total = suite.events ?? 1000;
  const optionsOf = () =>
    typeof suite.options === 'function' ? (suite.options as () => Options)() : suite.options;
  const create = (context: TestComponentContext = makeContext()) => definition.create(optionsOf(), context);
  describe(`sink "${definition.type}" conformance`, () => {
    checkDefinition(definition, optionsOf, () => makeContext().dataDir);

    it('consumes its whole input, finalizes every event exactly once as delivered, counts them sent, and returns', async () => {
      await suite.beforeEachTest?.();
      const events = makeEvents(total);
      const batches = batchesOf(events, 100);
      const tracker = trackStatuses(batches);
      const context = makeContext();
      const sink = await create(context);
      await sink.run(inputOf(batches));
      expect(tracker.settled).toBe(batches.length);
      expect(new Set(tracker.statuses)).toEqual(new Set(['delivered']));
      expect(context.metrics.total('component_sent_events_total')).toBe(total);
      await suite.verifyDelivered?.(events);
    });

    it('answers its healthcheck with a well-formed result', async () => {
      await suite.beforeEachTest?.();
      const sink = await create();
      if (sink.healthcheck === undefined) return;
      const result = await sink.healthcheck(new AbortController().signal);
      if (result.status === 'unhealthy') expect(result.message).toBeTypeOf('string');
      else expect(result).toEqual({ status: 'healthy' });
      await sink.close?.();
    });

    it('flushes a partial batch when its input ends', async () => {
      await suite.beforeEachTest?.();
      const events = makeEvents(3);
      const tracker = trackStatuses([events]);
      const sink = await create();
      await sink.run(inputOf([events]));
      expect(tracker.statuses).toEqual(['delivered']);
      await suite.verifyDelivered?.(events);
    });

    it('flushes a partial batch on its own (a timer), with its input still open', async () => {
      await suite.beforeEachTest?.();
      const events = makeEvents(3);
      const settled = new Promise<DeliveryStatus>((resolve) => attachFinalizer(events, resolve));
      const input = new ControllableInput();
      const sink = await create();
      const running = sink.run(input);
      input.push(events);
      // No sleep and no timing bound: the vitest test timeout fails a sink that waits for the input end.
      expect(await settled).toBe('delivered');
      input.end();
      await running;
      await suite.verifyDelivered?.(events);
    });

    it('returns promptly after abort while waiting on an input that never yields; what it took is delivered only if it was', async () => {
      await suite.beforeEachTest?.();
      const events = makeEvents(3);
      let status: DeliveryStatus | undefined;
      attachFinalizer(events, (settled) => {
        status = settled;
      });
      let askedForMore: () => void = () => {};
      const waiting = new Promise<void>((resolve) => {
        askedForMore = resolve;
      });
      const input = {
        async *[Symbol.asyncIterator]() {
          yield events;
          askedForMore();
          // An idle upstream: the next batch never comes.
          await new Promise<never>(() => {});
        },
      };
      const context = makeContext();
      const sink = await create(context);
      const running = sink.run(input);
      await waiting;
      context.abort();
      await withinBound(
        running,
        ABORT_BOUND_MS,
        `run() must return within ${ABORT_BOUND_MS} ms of the abort`,
      );
      // Left unfinalized (abandoned) or rejected is fine; delivered only if the destination has them.
      if (status === 'delivered') await suite.verifyDelivered?.(events);
      await sink.close?.();
    });

    if (suite.failures !== undefined) {
      const failures = suite.failures;
      it('finalizes events it cannot deliver (a permanent destination failure) as rejected, none sent', async () => {
        await suite.beforeEachTest?.();
        const events = makeEvents(20);
        const batches = batchesOf(events, 10);
        const tracker = trackStatuses(batches);
        const context = makeContext();
        const sink = await definition.create(await failures.makeFailing(), context);
        await sink.run(inputOf(batches));
        expect(tracker.settled).toBe(batches.length);
        expect(new Set(tracker.statuses)).toEqual(new Set(['rejected']));
        expect(context.metrics.total('component_sent_events_total')).toBe(0);
        await sink.close?.();
      });
    }

    it('pulls its input: it holds no more events than it declares (maxHeldEvents), never the whole input', async () => {
      await suite.beforeEachTest?.();
      const probe = readAheadProbe(50, 200);
      const sink = await create();
      await sink.run(probe.input);
      expect(probe.finalized).toBe(probe.pulled);
      expect(probe.pulled).toBe(50 * 200);
      probe.expectWithin(sink.maxHeldEvents);
    });

    if (suite.stalling !== undefined) {
      const stalling = suite.stalling;
      it('holds no more than it declares while its destination stalls, and stops pulling', async () => {
        await suite.beforeEachTest?.();
        const context = makeContext();
        const sink = await definition.create(await stalling.makeStalling(), context);
        const batchSize = 50;
        // Enough input to pass any declared bound many times over.
        const batchCount =
          sink.maxHeldEvents === undefined ? 200 : Math.ceil(sink.maxHeldEvents / batchSize) + 20;
        const probe = readAheadProbe(batchSize, batchCount);
        const running = sink.run(probe.input);
        // Stalled, a bounded sink stops pulling; the suite waits until no pull came for many turns
        // of the event loop (a sink that holds back too late only makes this check stronger).
        let pulls = -1;
        let idleTurns = 0;
        while (idleTurns < 200 && probe.pulled < batchSize * batchCount) {
          await new Promise((resolve) => setImmediate(resolve));
          idleTurns = probe.pulled === pulls ? idleTurns + 1 : 0;
          pulls = probe.pulled;
        }
        probe.expectWithin(sink.maxHeldEvents);
        expect(probe.pulled, 'a stalled sink must stop pulling its input').toBeLessThan(
          batchSize * batchCount,
        );
        context.abort();
        await running;
        await sink.close?.();
      });
    }
  });
}

/**
 * An input of `batchCount` batches of `batchSize` events that counts the events pulled and those
 * finalized, and the most pulled and not finalized at any pull.
 */
function readAheadProbe(batchSize: number, batchCount: number) {
  const probe = {
    pulled: 0,
    finalized: 0,
    maxAhead: 0,
    input: {
      async *[Symbol.asyncIterator]() {
        for (let index = 0; index < batchCount; index += 1) {
          const batch = makeEvents(batchSize, {}, index * batchSize);
          attachFinalizer(batch, () => {});
          // One finalizer is shared by the batch: count through it once.
          const finalizer = batch[0]?.metadata.finalizer;
          const original = finalizer?.finalize.bind(finalizer);
          if (finalizer !== undefined && original !== undefined) {
            finalizer.finalize = (status, count = 1) => {
              probe.finalized += count;
              original(status, count);
            };
          }
          probe.pulled += batchSize;
          probe.maxAhead = Math.max(probe.maxAhead, probe.pulled - probe.finalized);
          yield batch;
        }
      },
    },
    /** Within the declared bound plus the two input batches a sink may be working through. */
    expectWithin(maxHeldEvents: number | undefined) {
      if (maxHeldEvents === undefined) {
        expect(probe.maxAhead).toBeLessThan(batchSize * batchCount);
        return;
      }
      expect(
        probe.maxAhead,
        `held ${probe.maxAhead} events; declared maxHeldEvents ${maxHeldEvents} + 2 input batches of ${batchSize}`,
      ).toBeLessThanOrEqual(maxHeldEvents + 2 * batchSize);
    },
  };
  return probe;
}

export interface TestSourceOptions<Options> {
  /** Validated options, as core would pass them (defaults applied); a function is called per test. */
  options: Options | (() => Options);
  /** A fresh context per test (e.g. with a dataDir); default `createTestContext()`. */
  context?: () => TestComponentContext;
  /**
   * Makes the running source produce at least `count` new events (e.g. connect and send lines,
   * append lines to a file); may be called more than once per test. Sources that produce on their
   * own (generators) leave it out.
   */
  produce?: (count: number, source: Source) => Promise<void>;
  /**
   * The source checkpoints by acknowledgement (a durable source, such as `file`): an event never
   * finalized is emitted again by the next instance (same options and context), a finalized one
   * never. The suite then checks both.
   */
  redelivers?: boolean;
}

/** How long a source may take to return once its signal aborts and downstream is free (as a sink). */
const SOURCE_STOP_BOUND_MS = ABORT_BOUND_MS;

/**
 * Runs `source` until `count` events arrived, then aborts it; `settle` says what happens to the
 * events (default: finalized as delivered, as a sink would). Resolves the events, in order.
 */
async function collectFrom(
  source: Source,
  count: number,
  produce: (() => Promise<void>) | undefined,
  settle: 'delivered' | 'never' = 'delivered',
): Promise<LogEvent[]> {
  const controller = new AbortController();
  const events: LogEvent[] = [];
  let enough: () => void = () => {};
  const gotEnough = new Promise<void>((resolve) => {
    enough = resolve;
  });
  const running = source.run(async (batch) => {
    expect(batch.length, 'a source never emits an empty batch').toBeGreaterThan(0);
    events.push(...batch);
    if (settle === 'delivered') finalizeEvents(batch, 'delivered');
    if (events.length >= count) enough();
  }, controller.signal);
  await produce?.();
  await gotEnough;
  controller.abort();
  await withinBound(running, SOURCE_STOP_BOUND_MS, 'run() must return once its signal aborts');
  return events;
}

async function withinBound(work: Promise<unknown>, boundMs: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    work.then(() => 'done' as const),
    new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), boundMs);
    }),
  ]);
  clearTimeout(timer);
  expect(outcome, message).toBe('done');
}

/**
 * The conformance suite every source passes: it emits non-empty batches of events with `message`,
 * `timestamp` and `source_type`, counts them in `component_received_events_total`, waits for each
 * emit (backpressure), stops when its signal aborts, and closes idempotently. A durable source
 * (`redelivers`) also emits again what was never finalized, and only that.
 */
export function testSource<Options>(
  definition: SourceDefinition<Options>,
  suite: TestSourceOptions<Options>,
): void {
  const makeContext = suite.context ?? (() => createTestContext({ id: `conformance_${definition.type}` }));
  const optionsOf = () =>
    typeof suite.options === 'function' ? (suite.options as () => Options)() : suite.options;
  describe(`source "${definition.type}" conformance`, () => {
    checkDefinition(definition, optionsOf, () => makeContext().dataDir);

    it('emits well-formed events, counts them received, stops when its signal aborts, and closes twice', async () => {
      const context = makeContext();
      const source = await definition.create(optionsOf(), context);
      const events = await collectFrom(
        source,
        10,
        suite.produce && (() => suite.produce?.(10, source) as Promise<void>),
      );
      for (const event of events.slice(0, 10)) {
        expect(event.fields).toHaveProperty('message');
        expect(event.fields).toHaveProperty('source_type');
        expect(event.fields.timestamp).toBeInstanceOf(Date);
      }
      expect(context.metrics.total('component_received_events_total')).toBeGreaterThanOrEqual(events.length);
      await source.close?.();
      await source.close?.();
    });

    it('waits for emit: with downstream blocked, it has at most one batch pending, and stops once released', async () => {
      const source = await definition.create(optionsOf(), makeContext());
      const controller = new AbortController();
      let calls = 0;
      let release: () => void = () => {};
      const blocked = new Promise<void>((resolve) => {
        release = resolve;
      });
      let firstCall: () => void = () => {};
      const called = new Promise<void>((resolve) => {
        firstCall = resolve;
      });
      const running = source.run(async (batch) => {
        calls += 1;
        firstCall();
        finalizeEvents(batch, 'delivered');
        await blocked;
      }, controller.signal);
      await suite.produce?.(1000, source);
      await called;
      // Give the source every chance to (wrongly) call emit again while the first is pending.
      for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      expect(calls).toBe(1);
      controller.abort();
      release();
      await withinBound(running, SOURCE_STOP_BOUND_MS, 'run() must return once aborted and released');
      await source.close?.();
    });

    if (suite.redelivers === true) {
      it('emits again, after a restart, the events never finalized, and never those finalized', async () => {
        const context = makeContext();
        const options = optionsOf();
        const first = await definition.create(options, context);
        const unsettled = await collectFrom(
          first,
          5,
          suite.produce && (() => suite.produce?.(5, first) as Promise<void>),
          'never',
        );
        await first.close?.();
        const second = await definition.create(options, context);
        const again = await collectFrom(second, unsettled.length, undefined);
        await second.close?.();
        expect(again.slice(0, unsettled.length).map((event) => event.fields.message)).toEqual(
          unsettled.map((event) => event.fields.message),
        );
        const third = await definition.create(options, context);
        const fresh = await collectFrom(
          third,
          1,
          suite.produce && (() => suite.produce?.(1, third) as Promise<void>),
        );
        await third.close?.();
        const before = new Set(unsettled.map((event) => event.fields.message));
        expect(fresh.filter((event) => before.has(event.fields.message))).toEqual([]);
      });
    }
  });
}

export interface TestBufferOptions<Options> {
  options: Options;
  /**
   * With options giving a capacity of exactly `capacity` events: also checks prefix writes when
   * full and that an empty stage takes an oversized batch. Omit for byte-bounded stages.
   */
  capacity?: number;
  context?: () => ReturnType<typeof createTestBufferContext>;
}

async function readAll(stage: BufferStage): Promise<LogEvent[]> {
  const events: LogEvent[] = [];
  for (;;) {
    const batch = await stage.read(1000);
    if (batch.length === 0) return events;
    events.push(...batch);
  }
}

function messages(events: readonly LogEvent[]): unknown[] {
  return events.map((event) => event.fields.message);
}

/**
 * The conformance suite every buffer stage passes: FIFO order, prefix writes when full, a batch
 * larger than the capacity taken whole when empty, waits that resolve and honour abort, usage
 * accounting, idempotent close, and a property test of random interleavings.
 */
export function testBuffer<Options>(
  definition: BufferDefinition<Options>,
  suite: TestBufferOptions<Options>,
): void {
  const makeContext = suite.context ?? (() => createTestBufferContext());
  const create = async () => definition.create(suite.options, makeContext());
  const capacity = suite.capacity ?? 10;
  const eventBounded = suite.capacity !== undefined;
  describe(`buffer "${definition.type}" conformance`, () => {
    it('is a buffer definition', () => {
      expect(definition.kind).toBe('buffer');
    });
    checkDefinition(
      definition,
      () => suite.options,
      () => makeContext().dataDir,
    );

    if (eventBounded)
      it('keeps FIFO order and takes only the prefix that fits', async () => {
        const stage = await create();
        const events = makeEvents(capacity + 5);
        expect(await stage.write(events.slice(0, capacity - 2))).toBe(capacity - 2);
        expect(await stage.write(events.slice(capacity - 2))).toBe(2);
        expect(await stage.write(events.slice(capacity))).toBe(0);
        expect(stage.unreadEvents).toBe(capacity);
        expect(stage.usage().events).toBe(capacity);
        expect(messages(await readAll(stage))).toEqual(messages(events.slice(0, capacity)));
        await stage.close();
      });

    if (eventBounded)
      it('takes a batch larger than its capacity whole when empty', async () => {
        const stage = await create();
        const events = makeEvents(capacity * 3);
        expect(await stage.write(events)).toBe(capacity * 3);
        expect(messages(await readAll(stage))).toEqual(messages(events));
        await stage.close();
      });

    it('resolves waitForData when data arrives and waitForSpace when space frees, and both on abort', async () => {
      const stage = await create();
      const dataArrived = stage.waitForData(new AbortController().signal);
      await stage.write(makeEvents(capacity));
      await dataArrived;
      const spaceFreed = stage.waitForSpace(new AbortController().signal);
      const read = await stage.read(1);
      for (const event of read) event.metadata.finalizer?.finalize('delivered');
      await spaceFreed;
      const controller = new AbortController();
      for (const event of await readAll(stage)) event.metadata.finalizer?.finalize('delivered');
      const waiting = stage.waitForData(controller.signal);
      controller.abort();
      await waiting;
      await stage.close();
      await stage.close();
    });

    it('keeps every event exactly once, in order, within capacity, under random interleavings', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.record({ write: fc.integer({ min: 1, max: capacity }) }),
              fc.record({ read: fc.integer({ min: 1, max: capacity }) }),
            ),
            {
              maxLength: 40,
            },
          ),
          async (operations) => {
            const stage = await create();
            let next = 0;
            const accepted: string[] = [];
            const read: string[] = [];
            for (const operation of operations) {
              if ('write' in operation) {
                const batch: Batch = makeEvents(operation.write, {}, next);
                const taken = await stage.write(batch);
                expect(taken).toBeLessThanOrEqual(batch.length);
                for (const event of batch.slice(0, taken)) accepted.push(String(event.fields.message));
                next += operation.write;
              } else {
                const batch = await stage.read(operation.read);
                for (const event of batch) {
                  read.push(String(event.fields.message));
                  event.metadata.finalizer?.finalize('delivered');
                }
              }
              const unread = accepted.length - read.length;
              expect(stage.unreadEvents).toBe(unread);
            }
            for (const event of await readAll(stage)) {
              read.push(String(event.fields.message));
              event.metadata.finalizer?.finalize('delivered');
            }
            expect(read).toEqual(accepted);
            await stage.close();
          },
        ),
        { numRuns: 50 },
      );
      // Fifty stages opened and closed (a durable one takes a kernel lock each time): on two shared
      // cores under a full test run this takes well past the default 20 s.
    }, 120_000);
  });
}
