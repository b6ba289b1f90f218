import { resolve } from 'node:path';
import { ErrorCode, type Logger, SluiceError } from '@sluice/component-api';

/**
 * The disk buffers open in this process, by directory, each with the promise of its close. One
 * directory is never open twice in a process: a buffer opened while another instance still has
 * its directory (a sink removed by one reload and added back by the next, its old buffer still
 * draining) waits for that instance to close, then recovers what it left.
 */
const openDirectories = new Map<string, Promise<void>>();

/**
 * Claims `directory` for one buffer of this process, waiting while another has it (until `signal`
 * aborts: then `ErrorCode.bufferLocked`). Returns the release, to call once the buffer closed.
 */
export async function claimDirectory(
  directory: string,
  options: { signal?: AbortSignal | undefined; logger?: Logger | undefined },
): Promise<() => void> {
  const key = resolve(directory);
  for (let closing = openDirectories.get(key); closing !== undefined; closing = openDirectories.get(key)) {
    const { signal } = options;
    if (signal === undefined || signal.aborted)
      throw new SluiceError(
        ErrorCode.bufferLocked,
        `disk buffer ${directory} is already open in this process`,
      );
    options.logger?.info(`waiting for the disk buffer still open on ${directory} in this process to close`);
    await new Promise<void>((done, fail) => {
      const abort = () =>
        fail(
          new SluiceError(ErrorCode.bufferLocked, `disk buffer ${directory} is still open in this process`),
        );
      signal.addEventListener('abort', abort, { once: true });
      void closing.then(() => {
        signal.removeEventListener('abort', abort);
        done();
      });
    });
  }
  let closed: () => void = () => {};
  openDirectories.set(
    key,
    new Promise((done) => {
      closed = done;
    }),
  );
  return () => {
    openDirectories.delete(key);
    closed();
  };
}
