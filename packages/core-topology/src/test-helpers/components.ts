import { memoryBufferDefinition } from '@sluice/buffer-memory';
import {
  attachFinalizer,
  type Batch,
  createLogEvent,
  type DeliveryStatus,
  defineSink,
  defineSource,
  defineTransform,
  finalizeEvents,
  type LogEvent,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { ComponentRegistry } from '../registry.js';

/** Shared state the test components report into, reset per test. */
export const probe = {
  emitted: 0,
  delivered: [] as LogEvent[],
  sourceStatuses: [] as DeliveryStatus[],
  /** Ids of the instances closed, in order. */
  closed: [] as string[],
  releaseSink: undefined as (() => void) | undefined,
  sinkGate: Promise.resolve(),
  /** Instances of `test_connection` created, and how the test sends through the running one. */
  connectionSources: 0,
  send: undefined as ((sequences: readonly number[]) => Promise<void>) | undefined,
  reset(): void {
    this.emitted = 0;
    this.connectionSources = 0;
    this.send = undefined;
    this.delivered = [];
    this.sourceStatuses = [];
    this.closed = [];
    this.sinkGate = Promise.resolve();
  },
  /** Blocks test sinks until the returned function is called. */
  blockSinks(): () => void {
    let release: () => void = () => {};
    this.sinkGate = new Promise((resolve) => {
      release = resolve;
    });
    return release;
  },
};

/** Emits `count` numbered events in batches of `batch_size`, or forever until stopped. */
export const counterSource = defineSource<{
  count?: number;
  batch_size: number;
  acknowledge: boolean;
  fail_create?: boolean;
}>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'test_counter',
  description: 'Numbered events.',
  optionsSchema: {
    type: 'object',
    properties: {
      count: { type: 'integer', description: 'stop after' },
      batch_size: { type: 'integer', default: 10, description: 'events per batch' },
      acknowledge: { type: 'boolean', default: false, description: 'record statuses' },
      fail_create: { type: 'boolean', description: 'create() throws' },
    },
  },
  create(options, context) {
    if (options.fail_create) throw new Error('this source cannot be created');
    return {
      async close() {
        probe.closed.push(context.id);
      },
      async run(emit, signal) {
        const total = options.count ?? Number.POSITIVE_INFINITY;
        while (probe.emitted < total && !signal.aborted) {
          const size = Math.min(options.batch_size, total - probe.emitted);
          const batch: Batch = Array.from({ length: size }, (_, index) =>
            createLogEvent(
              { message: `event ${probe.emitted + index}`, sequence: probe.emitted + index },
              { byteSize: 100 },
            ),
          );
          if (options.acknowledge) attachFinalizer(batch, (status) => probe.sourceStatuses.push(status));
          probe.emitted += size;
          await emit(batch);
        }
      },
    };
  },
});

/**
 * Stands for a client connection to a socket source: `probe.send` emits events through the instance
 * that accepted it, and fails once that instance has stopped (the connection closed).
 */
export const connectionSource = defineSource<Record<string, never>>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'test_connection',
  description: 'Events sent by the test through one connection.',
  optionsSchema: { type: 'object', properties: {} },
  create(_options, context) {
    probe.connectionSources += 1;
    return {
      async close() {
        probe.closed.push(context.id);
      },
      async run(emit, signal) {
        let open = true;
        probe.send = async (sequences) => {
          if (!open) throw new Error('the connection was closed by the source');
          await emit(
            sequences.map((sequence) =>
              createLogEvent({ message: `event ${sequence}`, sequence }, { byteSize: 100 }),
            ),
          );
        };
        if (!signal.aborted)
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        open = false;
      },
    };
  },
});

/** Delivers, rejects or drops each event by its `outcome` field; waits on `probe.sinkGate` per batch. */
export const recordingSink = defineSink<{ flush_every?: number; never_finish: boolean; mark?: string }>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'test_recording',
  description: 'Records events.',
  optionsSchema: {
    type: 'object',
    properties: {
      flush_every: { type: 'integer', description: 'batch size; a partial batch is flushed at the end' },
      never_finish: { type: 'boolean', default: false, description: 'hang after the input ends' },
      mark: { type: 'string', description: 'set as `marked_by` on each delivered event' },
    },
  },
  create(options, context) {
    return {
      async close() {
        probe.closed.push(context.id);
      },
      async run(input) {
        let pending: LogEvent[] = [];
        const flush = () => {
          for (const event of pending) {
            const outcome = (event.fields.outcome as DeliveryStatus | undefined) ?? 'delivered';
            if (options.mark !== undefined) event.fields.marked_by = options.mark;
            if (outcome === 'delivered') probe.delivered.push(event);
            finalizeEvents([event], outcome);
          }
          pending = [];
        };
        for await (const batch of input) {
          await probe.sinkGate;
          pending.push(...batch);
          if (options.flush_every === undefined || pending.length >= options.flush_every) flush();
        }
        flush();
        if (options.never_finish) await new Promise(() => {});
      },
      async healthcheck() {
        return { status: 'healthy' };
      },
    };
  },
});

export const tagTransform = defineTransform<{ tag: string; throw_on?: number }>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'test_tag',
  description: 'Adds a tag.',
  optionsSchema: {
    type: 'object',
    properties: {
      tag: { type: 'string', default: 'tagged', description: 'tag' },
      throw_on: { type: 'integer', description: 'throw on a batch holding this sequence number' },
    },
  },
  create(options, context) {
    return {
      async close() {
        probe.closed.push(context.id);
      },
      transform(batch) {
        if (batch.some((event) => event.fields.sequence === options.throw_on))
          throw new Error(`cannot tag event ${options.throw_on}`);
        for (const event of batch) event.fields.tag = options.tag;
        return batch;
      },
    };
  },
});

/** Splits by the parity of `sequence`: named outputs `even` and `odd`, no default output. */
export const parityTransform = defineTransform<Record<string, never>>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'test_parity',
  description: 'Routes events by parity.',
  optionsSchema: { type: 'object' },
  outputs: () => ({ default: false, named: ['even', 'odd'] }),
  create() {
    return {
      transform(batch) {
        const even = batch.filter((event) => (event.fields.sequence as number) % 2 === 0);
        const odd = batch.filter((event) => (event.fields.sequence as number) % 2 === 1);
        return {
          default: [],
          named: new Map([
            ['even', even],
            ['odd', odd],
          ]),
        };
      },
    };
  },
});

export function testRegistry(): ComponentRegistry {
  const registry = new ComponentRegistry();
  registry.register(
    [counterSource, connectionSource, recordingSink, tagTransform, parityTransform, memoryBufferDefinition],
    'test',
  );
  return registry;
}
