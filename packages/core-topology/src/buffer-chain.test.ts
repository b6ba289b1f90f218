import { MemoryBuffer } from '@sluice/buffer-memory';
import { attachFinalizer, type BufferStage } from '@sluice/component-api';
import { makeEvents, RecordingLogger, RecordingMetrics } from '@sluice/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferChain } from './buffer-chain.js';

function chainOf(first: number, second: number) {
  const stages = [
    { stage: new MemoryBuffer({ max_events: first }), whenFull: 'overflow' as const },
    { stage: new MemoryBuffer({ max_events: second }), whenFull: 'block' as const },
  ];
  return { stages, chain: new BufferChain(stages, { signal: new AbortController().signal }) };
}

describe('BufferChain', () => {
  it('reads nothing more once aborted (the shutdown deadline closes its stages next)', async () => {
    const controller = new AbortController();
    const stage = new MemoryBuffer({ max_events: 100 });
    const chain = new BufferChain([{ stage, whenFull: 'block' }], { signal: controller.signal });
    await chain.write(makeEvents(5));
    controller.abort();
    const read: unknown[] = [];
    for await (const batch of chain.read()) read.push(...batch);
    expect(read).toEqual([]);
    expect(stage.unreadEvents).toBe(5);
  });

  it('memory → memory overflow: every event exactly once, in order, within capacity, under random interleavings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ write: fc.integer({ min: 1, max: 12 }) }),
            fc.record({ read: fc.integer({ min: 1, max: 3 }) }),
          ),
          {
            maxLength: 60,
          },
        ),
        async (operations) => {
          const { chain, stages } = chainOf(5, 1000);
          const reader = chain.read();
          let next = 0;
          const read: unknown[] = [];
          for (const operation of operations) {
            if ('write' in operation) {
              await chain.write(makeEvents(operation.write, {}, next));
              next += operation.write;
            } else {
              for (let count = 0; count < operation.read && chain.unreadEvents > 0; count += 1) {
                const result = await reader.next();
                if (!result.done) read.push(...result.value.map((event) => event.fields.message));
              }
            }
            // The first stage never holds more than its capacity (or one whole batch when it was empty).
            expect(stages[0]?.stage.unreadEvents ?? 0).toBeLessThanOrEqual(12);
            expect(chain.unreadEvents).toBe(next - read.length);
          }
          chain.closeWrites();
          for await (const batch of { [Symbol.asyncIterator]: () => reader })
            read.push(...batch.map((event) => event.fields.message));
          expect(read).toEqual(Array.from({ length: next }, (_, index) => `event ${index}`));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('overflow spills only when the first stage is full, and the second drains completely afterwards', async () => {
    const { chain, stages } = chainOf(10, 1000);
    await chain.write(makeEvents(10));
    expect(stages[1]?.stage.unreadEvents).toBe(0);
    await chain.write(makeEvents(5, {}, 10));
    expect(stages[0]?.stage.unreadEvents).toBe(10);
    expect(stages[1]?.stage.unreadEvents).toBe(5);
    chain.closeWrites();
    const messages: unknown[] = [];
    for await (const batch of chain.read()) messages.push(...batch.map((event) => event.fields.message));
    expect(messages).toHaveLength(15);
    expect(stages[1]?.stage.unreadEvents).toBe(0);
  });

  it('an idle reader waits only on the stages that can get data: the untouched overflow stage keeps no waiters', async () => {
    /** The overflow stage, counting the waits still pending on it (a disk stage's would be its Signal's). */
    class CountingBuffer extends MemoryBuffer {
      pending = 0;
      calls = 0;
      override async waitForData(signal: AbortSignal): Promise<void> {
        this.calls += 1;
        this.pending += 1;
        try {
          await super.waitForData(signal);
        } finally {
          this.pending -= 1;
        }
      }
    }
    const overflow = new CountingBuffer({ max_events: 1000 });
    const chain = new BufferChain(
      [
        { stage: new MemoryBuffer({ max_events: 10 }), whenFull: 'overflow' },
        { stage: overflow, whenFull: 'block' },
      ],
      { signal: new AbortController().signal },
    );
    const reader = chain.read();
    for (let index = 0; index < 1000; index += 1) {
      const next = reader.next();
      await chain.write(makeEvents(1, {}, index));
      const result = await next;
      expect(result.done).toBe(false);
    }
    expect(overflow.calls).toBe(0);
    expect(overflow.pending).toBe(0);
    chain.closeWrites();
    expect((await reader.next()).done).toBe(true);
  });

  it('drop_newest drops what does not fit, finalizes it as dropped, counts it and logs once per episode', async () => {
    const logger = new RecordingLogger();
    const metrics = new RecordingMetrics();
    let dropped = 0;
    const stage = new MemoryBuffer({ max_events: 5 });
    const chain = new BufferChain([{ stage, whenFull: 'drop_newest', metrics }], {
      signal: new AbortController().signal,
      logger,
      onDropped: (count) => {
        dropped += count;
      },
    });
    const statuses: string[] = [];
    const events = makeEvents(8);
    for (const event of events) {
      event.metadata.finalizer = {
        finalize: (status: string) => statuses.push(status),
      } as never;
    }
    await chain.write(events.slice(0, 5));
    await chain.write(events.slice(5, 7));
    await chain.write(events.slice(7));
    expect(dropped).toBe(3);
    expect(statuses).toEqual(['dropped', 'dropped', 'dropped']);
    expect(metrics.total('buffer_discarded_events_total', { intentional: 'true' })).toBe(3);
    expect(logger.find('dropping newest', 'warn')).toHaveLength(1);
    stage.read(5);
    await chain.write(makeEvents(1));
    expect(logger.find('stopped dropping', 'info')).toHaveLength(1);
    expect(logger.find('stopped dropping')[0]?.fields.dropped_events).toBe(3);
  });

  it('block waits for space and never holds more than the capacity', async () => {
    const stage = new MemoryBuffer({ max_events: 4 });
    const chain = new BufferChain([{ stage, whenFull: 'block' }], { signal: new AbortController().signal });
    await chain.write(makeEvents(4));
    let written = false;
    const writing = chain.write(makeEvents(2, {}, 4)).then(() => {
      written = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toBe(false);
    expect(stage.unreadEvents).toBe(4);
    stage.read(2);
    await writing;
    expect(stage.unreadEvents).toBe(4);
  });

  it('after the runtime gave up, a write is rejected, counted as lost and logged, never buffered', async () => {
    const controller = new AbortController();
    const metrics = new RecordingMetrics();
    const logger = new RecordingLogger();
    const stage = new MemoryBuffer({ max_events: 10 });
    const chain = new BufferChain([{ stage, whenFull: 'block', metrics }], {
      signal: controller.signal,
      logger,
    });
    controller.abort();
    const statuses: string[] = [];
    const events = makeEvents(3);
    for (const event of events)
      event.metadata.finalizer = { finalize: (status: string) => statuses.push(status) } as never;
    await chain.write(events);
    expect(stage.unreadEvents).toBe(0);
    expect(statuses).toEqual(['rejected', 'rejected', 'rejected']);
    expect(metrics.total('buffer_discarded_events_total', { intentional: 'false' })).toBe(3);
    expect(logger.find('events were lost before reaching the buffer', 'error')).toHaveLength(1);
  });

  it('counts buffer metrics per stage', async () => {
    const metrics = new RecordingMetrics();
    const stage = new MemoryBuffer({ max_events: 10 });
    const chain = new BufferChain([{ stage, whenFull: 'block', metrics }], {
      signal: new AbortController().signal,
    });
    await chain.write(makeEvents(3));
    expect(metrics.total('buffer_received_events_total')).toBe(3);
    expect(metrics.total('buffer_size_events')).toBe(3);
    expect(metrics.total('buffer_max_size_events')).toBe(10);
    chain.closeWrites();
    for await (const _batch of chain.read()) {
      // drain
    }
    expect(metrics.total('buffer_sent_events_total')).toBe(3);
    expect(metrics.total('buffer_size_events')).toBe(0);
  });

  it('a stage whose write throws loses that batch counted and rejected, and the writer goes on', async () => {
    const stage = new MemoryBuffer({ max_events: 100 });
    const failing: BufferStage = {
      write: () => Promise.reject(new Error('disk buffer is closed')),
      waitForSpace: (signal) => stage.waitForSpace(signal),
      read: (maxEvents) => stage.read(maxEvents),
      waitForData: (signal) => stage.waitForData(signal),
      unreadEvents: 0,
      usage: () => stage.usage(),
      close: () => stage.close(),
    };
    const metrics = new RecordingMetrics();
    const logger = new RecordingLogger();
    const chain = new BufferChain([{ stage: failing, whenFull: 'block', metrics }], {
      signal: new AbortController().signal,
      logger,
    });
    const events = makeEvents(7);
    const statuses: string[] = [];
    attachFinalizer(events, (status) => statuses.push(status));
    await expect(chain.write(events)).resolves.toBeUndefined();
    expect(statuses).toEqual(['rejected']);
    expect(metrics.total('buffer_discarded_events_total', { intentional: 'false' })).toBe(7);
    expect(metrics.total('buffer_errors_total', { error_code: 'write_failed' })).toBe(1);
    expect(logger.find('disk buffer is closed', 'error')).toHaveLength(1);
  });
});
