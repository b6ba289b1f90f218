import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingLogger, RecordingMetrics } from '@sluice/testkit';
import { DiskBuffer } from '../disk-buffer.js';
import type { FileOperations } from '../file-operations.js';

export const directories: string[] = [];
const opened: DiskBuffer[] = [];

export async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-disk-'));
  directories.push(directory);
  return directory;
}

export async function removeDirectories(): Promise<void> {
  // A buffer still open may be writing into its directory; removing it then fails with ENOTEMPTY.
  await Promise.allSettled(opened.splice(0).map((buffer) => buffer.close()));
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
}

export async function openBuffer(
  directory: string,
  overrides: {
    maxSize?: number;
    maxDataFileSize?: number;
    fileOperations?: FileOperations;
    syncIntervalMs?: number;
    signal?: AbortSignal;
  } = {},
) {
  const metrics = new RecordingMetrics();
  const logger = new RecordingLogger();
  const buffer = await DiskBuffer.open({
    directory,
    maxSize: overrides.maxSize ?? 64 * 1024 * 1024,
    maxDataFileSize: overrides.maxDataFileSize ?? 4096,
    syncIntervalMs: overrides.syncIntervalMs ?? 60_000,
    logger,
    metrics,
    retryIntervalMs: 20,
    ...(overrides.fileOperations === undefined ? {} : { fileOperations: overrides.fileOperations }),
    ...(overrides.signal === undefined ? {} : { signal: overrides.signal }),
  });
  opened.push(buffer);
  return { buffer, metrics, logger };
}
