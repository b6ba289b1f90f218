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
  reset(): void {
    this.emitted = 0;
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

export const tagTransform = defineTransform<{ tag: string }>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'test_tag',
  description: 'Adds a tag.',
  optionsSchema: {
    type: 'object',
    properties: { tag: { type: 'string', default: 'tagged', description: 'tag' } },
  },
  create(options, context) {
    return {
      async close() {
        probe.closed.push(context.id);
      },
      transform(batch) {
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
    [counterSource, recordingSink, tagTransform, parityTransform, memoryBufferDefinition],
    'test',
  );
  return registry;
}
