/** Resolves every waiter once; new waiters wait for the next `notify`. */
export class Signal {
  #waiters: Array<() => void> = [];

  wait(abortSignal: AbortSignal): Promise<void> {
    if (abortSignal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        abortSignal.removeEventListener('abort', done);
        resolve();
      };
      this.#waiters.push(done);
      abortSignal.addEventListener('abort', done, { once: true });
    });
  }

  notify(): void {
    if (this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
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
