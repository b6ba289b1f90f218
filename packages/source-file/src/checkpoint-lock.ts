import { type DirectoryLock, type Logger, lockDirectory } from '@sluice/component-api';

/*
 * Two processes reading the same files into one checkpoint directory would each overwrite the
 * other's checkpoints: a restart would then resume from positions the other process wrote. The
 * directory is locked as a disk buffer's is (`lockDirectory`: `flock(2)`, held across PID
 * namespaces, freed by the kernel even at kill -9), on `checkpoints.lock`.
 */

export const LOCK_FILE = 'checkpoints.lock';

/**
 * The directories this process holds, with how many sources use each: a reload's new source
 * shares the lock of the one it replaces (both run in this process for a moment).
 */
const held = new Map<string, { taking: Promise<DirectoryLock>; users: number }>();

export interface CheckpointLock {
  /** Gives the directory up (when no other source of this process uses it). Idempotent. */
  release(): Promise<void>;
}

/**
 * Locks a source's checkpoint directory for this process, or refuses
 * (`ErrorCode.directoryLocked`) when another process holds it.
 */
export async function lockCheckpoints(directory: string, logger: Logger): Promise<CheckpointLock> {
  let entry = held.get(directory);
  if (entry === undefined) {
    const taking = lockDirectory(directory, {
      file: LOCK_FILE,
      what: 'the checkpoint directory',
      reason: "two processes cannot share a file source's checkpoints; give each its own data_dir",
      logger,
    });
    entry = { taking, users: 0 };
    held.set(directory, entry);
  }
  entry.users += 1;
  const current = entry;
  let lock: DirectoryLock;
  try {
    lock = await current.taking;
  } catch (error) {
    current.users -= 1;
    if (held.get(directory) === current) held.delete(directory);
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      current.users -= 1;
      if (current.users > 0) return;
      if (held.get(directory) === current) held.delete(directory);
      await lock.release();
    },
  };
}
