/** Resolves every waiter once; new waiters wait for the next `notify`. */
export class Signal {
  #waiters = new Set<() => void>();

  /** Waiters not yet woken or aborted. */
  get waiting(): number {
    return this.#waiters.size;
  }

  wait(abortSignal: AbortSignal): Promise<void> {
    if (abortSignal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      // An aborted waiter leaves at once: a reader that waits often must not pile them up until the next notify.
      const done = () => {
        this.#waiters.delete(done);
        abortSignal.removeEventListener('abort', done);
        resolve();
      };
      this.#waiters.add(done);
      abortSignal.addEventListener('abort', done, { once: true });
    });
  }

  notify(): void {
    if (this.#waiters.size === 0) return;
    const waiters = this.#waiters;
    this.#waiters = new Set();
    for (const waiter of waiters) waiter();
  }
}

/** Waits `milliseconds`, or less when `signal` aborts (never rejects). */
export function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, milliseconds);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
