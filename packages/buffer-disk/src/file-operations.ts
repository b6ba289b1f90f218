import { writeSync } from 'node:fs';

/**
 * The write primitive, swappable in tests to inject ENOSPC and other I/O errors. Synchronous on
 * purpose: one record lands in the page cache in tens of microseconds, less than a round trip
 * through libuv's thread pool; fsync stays asynchronous.
 */
export interface FileOperations {
  write(fd: number, data: Buffer, position: number): number;
}

export const defaultFileOperations: FileOperations = {
  write: (fd, data, position) => writeSync(fd, data, 0, data.length, position),
};
