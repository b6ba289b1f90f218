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

/**
 * `input`, ending as soon as `signal` aborts, even while the source awaits data that never comes:
 * a sink that loops over this returns promptly at the shutdown deadline. A batch the input yields
 * after the abort is never handed over: it stays unfinalized ("abandoned"), so a disk buffer sends
 * it again at the next start. One abort listener per iteration, removed when the iteration ends.
 */
export function untilAborted<Item>(input: AsyncIterable<Item>, signal: AbortSignal): AsyncIterable<Item> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Item> {
      const iterator = input[Symbol.asyncIterator]();
      const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
      let stopWaiting: (() => void) | undefined;
      let finished = false;
      const onAbort = () => stopWaiting?.();
      signal.addEventListener('abort', onAbort, { once: true });
      const finish = () => {
        if (finished) return;
        finished = true;
        signal.removeEventListener('abort', onAbort);
        // Not awaited: a generator busy awaiting its source only returns after that await.
        iterator.return?.().catch(() => undefined);
      };
      return {
        next() {
          if (finished) return Promise.resolve(done);
          if (signal.aborted) {
            finish();
            return Promise.resolve(done);
          }
          return new Promise<IteratorResult<Item>>((resolve, reject) => {
            stopWaiting = () => {
              finish();
              resolve(done);
            };
            iterator.next().then(
              (result) => {
                stopWaiting = undefined;
                if (result.done === true) {
                  finished = true;
                  signal.removeEventListener('abort', onAbort);
                }
                resolve(result);
              },
              (error: unknown) => {
                stopWaiting = undefined;
                finished = true;
                signal.removeEventListener('abort', onAbort);
                reject(error);
              },
            );
          });
        },
        return() {
          finish();
          return Promise.resolve(done);
        },
      };
    },
  };
}
