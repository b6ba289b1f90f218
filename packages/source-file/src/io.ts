import { close, constants, fstat, open, read, type Stats } from 'node:fs';

/**
 * The few file operations the source does, as promises over the callback API (lighter than
 * `FileHandle`s, which also warn when garbage collected open). A test may replace them to inject
 * failures (permission denied, I/O errors, descriptors running out).
 */
export interface FileOperations {
  /** Opens for reading without blocking (a FIFO that slipped in between stat and open never hangs). */
  open(path: string): Promise<number>;
  fstat(descriptor: number): Promise<Stats>;
  read(descriptor: number, buffer: Buffer, length: number, position: number): Promise<number>;
  close(descriptor: number): Promise<void>;
}

export const nodeFileOperations: FileOperations = {
  open: (path) =>
    new Promise((resolve, reject) =>
      open(path, constants.O_RDONLY | constants.O_NONBLOCK, (error, descriptor) =>
        error === null ? resolve(descriptor) : reject(error),
      ),
    ),
  fstat: (descriptor) =>
    new Promise((resolve, reject) =>
      fstat(descriptor, (error, stats) => (error === null ? resolve(stats) : reject(error))),
    ),
  read: (descriptor, buffer, length, position) =>
    new Promise((resolve, reject) =>
      read(descriptor, buffer, 0, length, position, (error, bytesRead) =>
        error === null ? resolve(bytesRead) : reject(error),
      ),
    ),
  close: (descriptor) =>
    new Promise((resolve) => {
      // A close that fails has still released the descriptor (POSIX): nothing to retry.
      close(descriptor, () => resolve());
    }),
};
