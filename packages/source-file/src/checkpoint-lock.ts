import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { ErrorCode, type Logger, SluiceError } from '@sluice/component-api';

/*
 * Two processes reading the same files into one checkpoint directory would each overwrite the
 * other's checkpoints: a restart would then resume from positions the other process wrote. The
 * directory is locked as the disk buffer's is: `flock(2)` on `checkpoints.lock`, taken by
 * util-linux's `flock` command (Node has no flock, and the single executable cannot load a native
 * addon), which holds it while its child `cat` reads our pipe. When this process ends, even by
 * kill -9, the pipe closes, `flock` exits and the kernel frees the lock: no stale lock, and it holds
 * across PID namespaces (containers sharing a volume).
 */

export const LOCK_FILE = 'checkpoints.lock';

type Taken =
  | { state: 'held'; holder: ChildProcess }
  | { state: 'busy' }
  | { state: 'unavailable'; reason: string };

/**
 * The directories this process holds, with how many sources use each: a reload's new source
 * shares the lock of the one it replaces (both run in this process for a moment).
 */
const held = new Map<string, { taking: Promise<ChildProcess | undefined>; users: number }>();
/** Directories being given up: taken again only once their `flock` has exited. */
const releasing = new Map<string, Promise<void>>();
/** Holders ended on purpose (their exit is no lost lock). */
const ended = new WeakSet<ChildProcess>();

/**
 * How long a lock held by another process is waited for: a process killed a moment ago holds it
 * until its `flock` notices (its pipe closed), and a restart right after kill -9 must not be refused.
 */
const HANDOVER_WAIT_SECONDS = 3;

/**
 * `flock --timeout 3 --close path cat`: held once `cat` echoes a byte; `busy` when flock exits
 * silent (the lock stayed held by another open file all that time).
 */
function take(path: string): Promise<Taken> {
  return new Promise((resolve) => {
    let settled = false;
    let stderr = '';
    const settle = (taken: Taken) => {
      if (settled) return;
      settled = true;
      resolve(taken);
    };
    // --close: only flock holds the lock, so it ends with flock whatever becomes of `cat`.
    const holder = spawn('flock', ['--timeout', String(HANDOVER_WAIT_SECONDS), '--close', path, 'cat'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    holder.once('error', (error) => settle({ state: 'unavailable', reason: error.message }));
    // Writing to a holder that exited (busy) fails with EPIPE: that is its answer.
    holder.stdin?.on('error', () => {});
    holder.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    holder.stdout?.once('data', () => {
      // Never keeps this process alive; ends with it (the pipe closes).
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

async function stop(holder: ChildProcess): Promise<void> {
  ended.add(holder);
  if (holder.exitCode === null && holder.signalCode === null) {
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.ref();
    holder.stdin?.end();
    await exited;
  }
  holder.stdout?.destroy();
  holder.stderr?.destroy();
}

async function takeDirectory(directory: string, logger: Logger): Promise<ChildProcess | undefined> {
  await releasing.get(directory);
  const path = join(directory, LOCK_FILE);
  // Created before flock opens it, so both refer to the file this directory keeps (never replaced).
  await writeFile(path, '', { flag: 'a' });
  const taken = await take(path);
  if (taken.state === 'busy') {
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    const owner =
      Number.isInteger(pid) && pid > 0 ? `pid ${pid}, maybe in another PID namespace` : 'it holds its lock';
    throw new SluiceError(
      ErrorCode.componentCreate,
      `the checkpoint directory ${directory} is in use by another process (${owner}): two processes cannot share a file source's checkpoints; give each its own data_dir`,
    );
  }
  if (taken.state === 'unavailable') {
    logger.warn(
      `the flock command (util-linux) cannot lock ${path} (${taken.reason}): another process using the same data_dir would not be refused`,
    );
    return undefined;
  }
  // The owner, for the message another process gets (written in place: the lock is on this file).
  await writeFile(path, `${process.pid}\n`);
  taken.holder.once('exit', () => {
    if (!ended.has(taken.holder))
      logger.error(
        `the lock of checkpoint directory ${directory} was lost (its flock process ended): another process could use it`,
      );
  });
  return taken.holder;
}

export interface CheckpointLock {
  /** Gives the directory up (when no other source of this process uses it). Idempotent. */
  release(): Promise<void>;
}

/**
 * Locks a source's checkpoint directory for this process, or refuses (`ErrorCode.componentCreate`)
 * when another process holds it. Without the `flock` command it warns and goes on unlocked.
 */
export async function lockCheckpoints(directory: string, logger: Logger): Promise<CheckpointLock> {
  let entry = held.get(directory);
  if (entry === undefined) {
    entry = { taking: takeDirectory(directory, logger), users: 0 };
    held.set(directory, entry);
  }
  entry.users += 1;
  const current = entry;
  let holder: ChildProcess | undefined;
  try {
    holder = await current.taking;
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
      if (holder === undefined) return;
      const stopping = stop(holder);
      releasing.set(directory, stopping);
      await stopping;
      if (releasing.get(directory) === stopping) releasing.delete(directory);
    },
  };
}
