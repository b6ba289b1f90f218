import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Signal, untilAborted } from './signal.js';

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

describe('untilAborted', () => {
  it('passes every item through, then ends with the input; its listener is gone', async () => {
    const controller = new AbortController();
    async function* numbers() {
      yield 1;
      yield 2;
    }
    const seen: number[] = [];
    for await (const item of untilAborted(numbers(), controller.signal)) seen.push(item);
    expect(seen).toEqual([1, 2]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends the iteration when the signal aborts while the input never yields, and closes the input', async () => {
    const controller = new AbortController();
    let closed = false;
    let release: () => void = () => {};
    const input = {
      async *[Symbol.asyncIterator]() {
        try {
          yield 'first';
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          yield 'after the abort';
        } finally {
          closed = true;
        }
      },
    };
    const seen: string[] = [];
    const loop = (async () => {
      for await (const item of untilAborted(input, controller.signal)) {
        seen.push(item);
        controller.abort();
      }
    })();
    await loop;
    expect(seen).toEqual(['first']);
    // The generator was awaiting its source: it returns once that await is over, without yielding.
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });

  it('yields nothing when the signal is already aborted, and passes on an error of the input', async () => {
    const aborted = new AbortController();
    aborted.abort();
    async function* one() {
      yield 1;
    }
    for await (const _ of untilAborted(one(), aborted.signal)) throw new Error('nothing expected');
    async function* failing(): AsyncGenerator<number> {
      yield* [];
      throw new Error('input failed');
    }
    const iterating = (async () => {
      for await (const _ of untilAborted(failing(), new AbortController().signal)) {
      }
    })();
    await expect(iterating).rejects.toThrow('input failed');
  });
});
