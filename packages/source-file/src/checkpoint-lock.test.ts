import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestContext } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockCheckpoints } from './checkpoint-lock.js';
import { createFileSource } from './file-source.js';
import { Scratch, sourceOptions } from './test-helpers/harness.js';

let scratch: Scratch;
const holders: ChildProcess[] = [];
afterEach(async () => {
  for (const holder of holders.splice(0))
    if (holder.exitCode === null && holder.signalCode === null) {
      holder.kill('SIGKILL');
      await once(holder, 'exit');
    }
  await scratch.cleanup();
});

/** Whether another process can take `flock(2)` on `path` now (util-linux `flock --nonblock`). */
function othersCanLock(path: string): boolean {
  return spawnSync('flock', ['--nonblock', path, 'true']).status === 0;
}

/** Another process holding `flock(2)` on `path` until killed; resolves once it holds it. */
async function holdFromAnotherProcess(path: string): Promise<ChildProcess> {
  const holder = spawn('flock', ['--nonblock', path, 'sh', '-c', 'echo held; exec cat'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  holders.push(holder);
  const [chunk] = (await once(holder.stdout, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('held\n');
  return holder;
}

describe('the checkpoint directory lock', () => {
  it('holds flock(2) on checkpoints.lock while a source runs, and frees it at close', async () => {
    scratch = new Scratch();
    const running = scratch.start();
    await running.source;
    const path = join(scratch.data, 'files', LOCK_FILE);
    expect(othersCanLock(path)).toBe(false);
    await running.stop();
    expect(othersCanLock(path)).toBe(true);
  });

  it('refuses a source whose checkpoint directory another process holds, and takes it once that process is killed', async () => {
    scratch = new Scratch();
    const directory = join(scratch.data, 'files');
    mkdirSync(directory);
    const holder = await holdFromAnotherProcess(join(directory, LOCK_FILE));
    const options = sourceOptions({ include: [join(scratch.logs, '*.log')] });
    const context = () => createTestContext({ id: 'files', dataDir: scratch.data });
    await expect(createFileSource(options, context())).rejects.toThrow(
      `the checkpoint directory ${directory} is in use by another process`,
    );
    // kill -9 leaves no stale lock: the kernel frees it with the process.
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    const source = await createFileSource(options, context());
    expect(othersCanLock(join(directory, LOCK_FILE))).toBe(false);
    await source.close?.();
  });

  it('is shared by the sources of one process (a reload) and freed when the last lets it go', async () => {
    scratch = new Scratch();
    const logger = createTestContext({ id: 'files' }).logger;
    const [first, second] = await Promise.all([
      lockCheckpoints(scratch.data, logger),
      lockCheckpoints(scratch.data, logger),
    ]);
    const path = join(scratch.data, LOCK_FILE);
    expect(othersCanLock(path)).toBe(false);
    await first.release();
    await first.release();
    expect(othersCanLock(path)).toBe(false);
    await second.release();
    expect(othersCanLock(path)).toBe(true);
    // Taken again at once after a release (its flock process has exited).
    const again = await lockCheckpoints(scratch.data, logger);
    expect(othersCanLock(path)).toBe(false);
    await again.release();
  });
});
