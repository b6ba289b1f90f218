import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, SluiceError } from '@sluice/component-api';
import { LOCK_FILE } from './scan.js';

/** Linux reports process start times in clock ticks of 1/100 s (USER_HZ) in /proc, whatever the kernel's HZ. */
const TICKS_PER_SECOND = 100;

/** Field 22 of /proc/<pid>/stat: when the process started, in ticks since boot; undefined off Linux or when gone. */
async function startTime(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

async function bootTimeMs(): Promise<number | undefined> {
  try {
    const line = /^btime (\d+)$/m.exec(await readFile('/proc/stat', 'utf8'));
    return line === null ? undefined : Number(line[1]) * 1000;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the lock's owner still runs. A pid alone is not enough: after the owner died the pid may
 * have been given to another process. The lock records the owner's start time (`<pid> <start>`);
 * a live pid with another start time is someone else. A lock of the previous release (pid only)
 * is stale when that pid's process started after the lock was written.
 */
async function ownerRuns(path: string, text: string): Promise<number | undefined> {
  const [pidText, recordedStart] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return undefined;
  const currentStart = await startTime(pid);
  if (currentStart === undefined) return pid;
  if (recordedStart !== undefined) return recordedStart === currentStart ? pid : undefined;
  const boot = await bootTimeMs();
  if (boot === undefined) return pid;
  const startedAt = boot + (Number(currentStart) / TICKS_PER_SECOND) * 1000;
  const lockedAt = (await stat(path)).mtimeMs;
  // One second of slack: btime has whole seconds.
  return startedAt > lockedAt + 1000 ? undefined : pid;
}

/**
 * Takes the directory's lock file, or refuses when a live process holds it. An advisory `flock`
 * would be tied to the open descriptor, but Node has none without a native addon.
 */
export async function lockDirectory(directory: string): Promise<void> {
  const path = join(directory, LOCK_FILE);
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    // No lock: free.
  }
  const owner = text === undefined ? undefined : await ownerRuns(path, text);
  if (owner !== undefined) {
    throw new SluiceError(
      ErrorCode.bufferLocked,
      `disk buffer ${directory} is in use by another process (pid ${owner}); two processes cannot share a buffer`,
    );
  }
  const own = await startTime(process.pid);
  await writeFile(path, own === undefined ? `${process.pid}\n` : `${process.pid} ${own}\n`);
}
