import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { ErrorCode, type KnownErrorCode, SluiceError } from './errors.js';
import type { Logger } from './observability.js';

/*
 * The lock of a directory a component keeps state in (a disk buffer, a file source's checkpoints)
 * is a kernel lock: `flock(2)` on a lock file, as Vector's (its `fslock` crate). The kernel holds
 * it for whoever has the file open, across PID namespaces (two containers sharing a volume, a host
 * process and a container), and frees it when that process dies, even by kill -9: there is no
 * stale lock to clean up. Node has no flock, and a native addon cannot be loaded by the single
 * executable, so the lock is taken by util-linux's `flock` command, which holds it while its child
 * (`cat`, reading our pipe) runs: when this process ends, even killed, the pipe closes, `cat` and
 * `flock` exit, and the kernel frees the lock.
 *
 * The file also records its owner, `<pid> <start time> flock`, for the message a second process
 * gets. A lock file without `flock` comes from a previous release (or a system without the
 * command), whose owner took no kernel lock: it still refuses while that owner runs (pid and start
 * time, so a reused pid does not count).
 */

/** Marks a lock file whose owner holds the kernel lock. */
const KERNEL_MARK = 'flock';

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
 * Whether the owner a lock file without a kernel lock names still runs. A pid alone is not enough:
 * after the owner died the pid may have been given to another process. The file records the
 * owner's start time (`<pid> <start>`); a live pid with another start time is someone else. A lock
 * of an older release (pid only) is stale when that pid's process started after it was written.
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

type KernelLock =
  | { state: 'held'; holder: ChildProcess }
  | { state: 'busy' }
  | { state: 'unavailable'; reason: string };

/**
 * How long a start waits for the lock. A process killed with -9 frees it only once its `flock`
 * notices the closed pipe, a moment later: a restart right after such a death (systemd, a crash
 * test) waits for that instead of being refused.
 */
const LOCK_WAIT_SECONDS = 5;

/**
 * Takes `flock(2)` on `path` through util-linux's `flock --timeout path cat`: held once `cat`
 * echoes a byte back; `busy` when flock exits without a word (another open file kept it).
 */
function takeKernelLock(path: string): Promise<KernelLock> {
  return new Promise((resolve) => {
    let settled = false;
    let stderr = '';
    const settle = (lock: KernelLock) => {
      if (settled) return;
      settled = true;
      resolve(lock);
    };
    // --close: only flock holds the lock, so it ends with flock whatever becomes of `cat`.
    const holder = spawn('flock', ['--timeout', String(LOCK_WAIT_SECONDS), '--close', path, 'cat'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    holder.once('error', (error) => settle({ state: 'unavailable', reason: error.message }));
    // Writing to a holder that exited at once (busy) fails with EPIPE: that is its answer, not an error.
    holder.stdin?.on('error', () => {});
    holder.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    holder.stdout?.once('data', () => {
      // The holder must never keep this process alive, nor outlive it: unreferenced, it ends with
      // the pipe when this process does.
      holder.unref();
      for (const stream of [holder.stdin, holder.stdout, holder.stderr])
        (stream as unknown as Socket)?.unref?.();
      settle({ state: 'held', holder });
    });
    holder.once('exit', (code) => {
      if (code === 1 && stderr.trim() === '') settle({ state: 'busy' });
      else settle({ state: 'unavailable', reason: stderr.trim() || `flock exited with ${code}` });
    });
    holder.stdin?.write('\n');
  });
}

/** Ends the holder: its `cat` at the end of its input (or flock killed), and with it the lock. */
async function stopHolder(holder: ChildProcess, signal?: NodeJS.Signals): Promise<void> {
  if (holder.exitCode === null && holder.signalCode === null) {
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    // Waited for: it keeps the process alive again until it has ended.
    holder.ref();
    if (signal !== undefined) holder.kill(signal);
    holder.stdin?.end();
    await exited;
  }
  holder.stdin?.destroy();
  holder.stdout?.destroy();
  holder.stderr?.destroy();
}

export interface DirectoryLockOptions {
  /** The lock file, inside the directory: `buffer.lock`, `checkpoints.lock`. */
  readonly file: string;
  /** What the directory is, for messages: `disk buffer`, `checkpoint directory`. */
  readonly what: string;
  /** Why a second process is refused, for its message: `two processes cannot share a buffer`. */
  readonly reason: string;
  /** The code of that refusal; `ErrorCode.directoryLocked` by default (exit 78). */
  readonly code?: KnownErrorCode;
  readonly logger?: Logger | undefined;
}

export interface DirectoryLock {
  /** Frees the directory (ends the kernel lock; marks the file free). Idempotent. */
  release(): Promise<void>;
  /** Ends the lock as a kill -9 would (the kernel frees it, the file keeps its owner): crash tests. */
  abandon(): Promise<void>;
}

/**
 * Takes a directory's lock for this process, or refuses (a `SluiceError` naming the owner) when
 * another process holds it. A process killed a moment ago is waited for (up to 5 s). Without the
 * `flock` command (not util-linux, busybox, …) it falls back to the lock file alone, with a
 * warning: that holds only among processes that see each other's pids. A second take in the same
 * process is another holder too: it waits up to 5 s for the first release, then is refused.
 */
export async function lockDirectory(
  directory: string,
  options: DirectoryLockOptions,
): Promise<DirectoryLock> {
  const { what, logger } = options;
  const path = join(directory, options.file);
  const refuse = (owner: string) =>
    new SluiceError(
      options.code ?? ErrorCode.directoryLocked,
      `${what} ${directory} is in use by another process (${owner}); ${options.reason}`,
    );
  // Opened (and created) before flock opens it, so both refer to the file this directory keeps.
  await writeFile(path, '', { flag: 'a' });
  const kernel = await takeKernelLock(path);
  const recorded = await readFile(path, 'utf8').catch(() => '');
  if (kernel.state === 'busy') {
    const pid = Number(recorded.trim().split(/\s+/)[0]);
    throw refuse(
      Number.isInteger(pid) && pid > 0 ? `pid ${pid}, maybe in another PID namespace` : 'it holds its lock',
    );
  }
  if (kernel.state === 'unavailable')
    logger?.warn(
      `the flock command (util-linux) cannot lock ${path} (${kernel.reason}): the lock of ${what} ${directory} holds only among processes that see each other's pids`,
    );
  const markedKernel = recorded.trim().split(/\s+/)[2] === KERNEL_MARK;
  const owner = markedKernel ? undefined : await ownerRuns(path, recorded);
  if (owner !== undefined) {
    if (kernel.state === 'held') await stopHolder(kernel.holder);
    throw refuse(`pid ${owner}`);
  }
  const start = await startTime(process.pid);
  const token = [process.pid, start ?? '', kernel.state === 'held' ? KERNEL_MARK : '']
    .filter((part) => part !== '')
    .join(' ');
  // Written in place: the kernel lock is on this file, which must never be replaced or removed.
  await writeFile(path, `${token}\n`);
  let released = false;
  const holder = kernel.state === 'held' ? kernel.holder : undefined;
  holder?.once('exit', () => {
    if (!released)
      logger?.error(
        `the lock of ${what} ${directory} was lost (its flock process ended): another process could use it`,
      );
  });
  return {
    async release() {
      if (released) return;
      released = true;
      // Marked free only while still ours: a lock file another owner rewrote is theirs.
      const current = await readFile(path, 'utf8').catch(() => undefined);
      if (current?.trim() === token) await writeFile(path, '').catch(() => {});
      if (holder !== undefined) await stopHolder(holder);
    },
    async abandon() {
      if (released) return;
      released = true;
      if (holder !== undefined) await stopHolder(holder, 'SIGKILL');
    },
  };
}
