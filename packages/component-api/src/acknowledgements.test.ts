import { describe, expect, it, vi } from 'vitest';
import { attachFinalizer, EventFinalizer, finalizeEvents, worstStatus } from './acknowledgements.js';
import { cloneLogEvent, createLogEvent } from './event.js';

function events(count: number) {
  return Array.from({ length: count }, (_, index) => createLogEvent({ message: `line ${index}` }));
}

describe('acknowledgements', () => {
  it('reports the worst status of a batch to its source exactly once', () => {
    const onFinalized = vi.fn();
    const batch = events(3);
    attachFinalizer(batch, onFinalized);
    finalizeEvents(batch.slice(0, 1), 'delivered');
    finalizeEvents(batch.slice(1, 2), 'rejected');
    expect(onFinalized).not.toHaveBeenCalled();
    finalizeEvents(batch.slice(2), 'dropped');
    finalizeEvents(batch, 'delivered');
    expect(onFinalized).toHaveBeenCalledTimes(1);
    expect(onFinalized).toHaveBeenCalledWith('rejected');
  });

  it('orders statuses delivered < dropped < rejected', () => {
    expect(worstStatus('delivered', 'dropped')).toBe('dropped');
    expect(worstStatus('dropped', 'delivered')).toBe('dropped');
    expect(worstStatus('dropped', 'rejected')).toBe('rejected');
    expect(worstStatus('rejected', 'delivered')).toBe('rejected');
  });

  it('waits for every fan-out copy of an event', () => {
    const onFinalized = vi.fn();
    const [event] = events(1);
    if (event === undefined) throw new Error('no event');
    attachFinalizer([event], onFinalized);
    const copy = cloneLogEvent(event);
    finalizeEvents([event], 'delivered');
    expect(onFinalized).not.toHaveBeenCalled();
    finalizeEvents([copy], 'dropped');
    expect(onFinalized).toHaveBeenCalledWith('dropped');
  });

  it('settles an empty batch as delivered', async () => {
    const settled = new Promise((resolve) => new EventFinalizer(0, resolve));
    await expect(settled).resolves.toBe('delivered');
  });
});
