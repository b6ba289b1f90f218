import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDirectory } from './directory-lock.js';
import { ErrorCode, SluiceError } from './errors.js';

const options = { file: 'state.lock', what: 'state directory', reason: 'give each process its own' };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratch(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-lock-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

/** Whether another process can take `flock(2)` on `path` now. */
const othersCanLock = (path: string) => spawnSync('flock', ['--nonblock', path, 'true']).status === 0;

/** Another process holding `flock(2)` on `path` until killed. */
async function holdElsewhere(path: string): Promise<ChildProcess> {
  const holder = spawn('flock', ['--nonblock', path, 'sh', '-c', 'echo held; exec cat'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  cleanups.push(async () => {
    if (holder.exitCode === null && holder.signalCode === null) {
      holder.kill('SIGKILL');
      await once(holder, 'exit');
    }
  });
  await once(holder.stdout, 'data');
  return holder;
}

describe('lockDirectory', () => {
  it('holds flock(2) on the lock file, records its owner, and frees both at release', async () => {
    const directory = await scratch();
    const path = join(directory, 'state.lock');
    const lock = await lockDirectory(directory, options);
    expect(othersCanLock(path)).toBe(false);
    expect((await readFile(path, 'utf8')).trim()).toMatch(new RegExp(`^${process.pid} \\d+ flock$`));
    await lock.release();
    await lock.release();
    expect(othersCanLock(path)).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('');
  });

  it('refuses while another process holds it, naming the owner, with the code asked for (directoryLocked by default)', async () => {
    const directory = await scratch();
    const path = join(directory, 'state.lock');
    await writeFile(path, '4242 1 flock\n');
    const holder = await holdElsewhere(path);
    const refusal = await lockDirectory(directory, options).catch((error: unknown) => error);
    expect(SluiceError.isInstance(refusal) && refusal.code).toBe(ErrorCode.directoryLocked);
    expect((refusal as Error).message).toBe(
      `state directory ${directory} is in use by another process (pid 4242, maybe in another PID namespace); give each process its own`,
    );
    const coded = await lockDirectory(directory, { ...options, code: ErrorCode.bufferLocked }).catch(
      (error: unknown) => error,
    );
    expect(SluiceError.isInstance(coded) && coded.code).toBe(ErrorCode.bufferLocked);
    // kill -9 leaves no stale lock: the kernel frees it with the process.
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    const lock = await lockDirectory(directory, options);
    await lock.release();
  }, 30_000);

  it('a lock file of a release without flock still refuses while its owner runs (pid and start time)', async () => {
    const directory = await scratch();
    const path = join(directory, 'state.lock');
    const sleeper = spawn('sleep', ['60']);
    cleanups.push(async () => {
      sleeper.kill('SIGKILL');
      await once(sleeper, 'exit');
    });
    await once(sleeper, 'spawn');
    const stat = await readFile(`/proc/${sleeper.pid}/stat`, 'utf8');
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    await writeFile(path, `${sleeper.pid} ${start}\n`);
    await expect(lockDirectory(directory, options)).rejects.toThrow(`(pid ${sleeper.pid})`);
    // The same pid with another start time is someone else: stale.
    await writeFile(path, `${sleeper.pid} 1\n`);
    const lock = await lockDirectory(directory, options);
    await lock.release();
  });
});
