import { createLogEvent } from '@sluice/component-api';
import { makeEvents, testBuffer } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { MemoryBuffer, memoryBufferDefinition } from './memory-buffer.js';

testBuffer(memoryBufferDefinition, { options: { max_events: 10 }, capacity: 10 });

describe('MemoryBuffer', () => {
  it('defaults to 500 events', () => {
    expect(new MemoryBuffer().usage()).toEqual({ events: 0, bytes: 0, maxEvents: 500, maxBytes: undefined });
  });

  it('is bounded by bytes with max_size, counting the estimated event size', () => {
    const buffer = new MemoryBuffer({ max_size: 250 });
    const events = Array.from({ length: 5 }, (_, index) =>
      createLogEvent({ message: String(index) }, { byteSize: 100 }),
    );
    expect(buffer.write(events.slice(0, 1))).toBe(1);
    expect(buffer.write(events.slice(1))).toBe(1);
    expect(buffer.usage()).toEqual({ events: 2, bytes: 200, maxEvents: undefined, maxBytes: 250 });
    expect(buffer.read(1)).toHaveLength(1);
    expect(buffer.usage().bytes).toBe(100);
  });

  it('frees space on read and keeps passing the writer finalizers through', () => {
    const buffer = new MemoryBuffer({ max_events: 2 });
    const events = makeEvents(2);
    buffer.write(events);
    const read = buffer.read(10);
    expect(read[0]).toBe(events[0]);
    expect(buffer.unreadEvents).toBe(0);
  });

  it('reads across many small batches in order without unbounded bookkeeping', () => {
    const buffer = new MemoryBuffer({ max_events: 100_000 });
    for (let index = 0; index < 5000; index += 1) buffer.write(makeEvents(3, {}, index * 3));
    const messages: unknown[] = [];
    for (;;) {
      const batch = buffer.read(7);
      if (batch.length === 0) break;
      messages.push(...batch.map((event) => event.fields.message));
    }
    expect(messages).toHaveLength(15_000);
    expect(messages[14_999]).toBe('event 14999');
  });
});
