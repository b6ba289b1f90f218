import { describe, expect, it } from 'vitest';
import { Signal } from './signal.js';

describe('Signal', () => {
  it('wakes every waiter once on notify', async () => {
    const signal = new Signal();
    const woken = [signal.wait(new AbortController().signal), signal.wait(new AbortController().signal)];
    expect(signal.waiting).toBe(2);
    signal.notify();
    await Promise.all(woken);
    expect(signal.waiting).toBe(0);
  });

  it('forgets a waiter as soon as its wait is aborted, with no notify in between', async () => {
    const signal = new Signal();
    for (let count = 0; count < 1000; count += 1) {
      const controller = new AbortController();
      const waited = signal.wait(controller.signal);
      controller.abort();
      await waited;
    }
    expect(signal.waiting).toBe(0);
  });
});
