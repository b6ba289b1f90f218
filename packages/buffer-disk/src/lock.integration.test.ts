import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDirectories, temporaryDirectory } from './test-helpers/open.js';

afterAll(removeDirectories);

const holder = fileURLToPath(new URL('./test-helpers/lock-holder.mjs', import.meta.url));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * The lock holder in a PID namespace of its own (`unshare --pid --fork --mount-proc`, as root): it
 * is pid 1 there, and sees no other sluice process, as in a container sharing the volume.
 */
async function inOwnPidNamespace(directory: string): Promise<{ child: ChildProcess; said: string }> {
  const child = spawn(
    'unshare',
    ['--pid', '--fork', '--mount-proc', '--kill-child', process.execPath, holder, directory],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  return { child, said: chunk.toString().trim() };
}

describe('the disk buffer lock across PID namespaces (issue 24, item 4)', () => {
  it('a second process in another PID namespace is refused while the first holds the buffer; free once it ends or is killed', async () => {
    const directory = await temporaryDirectory();
    const first = await inOwnPidNamespace(directory);
    expect(first.said).toBe('opened');
    const second = await inOwnPidNamespace(directory);
    expect(second.said).toMatch(/^refused: disk buffer .* is in use by another process/);
    // A clean end releases it.
    first.child.stdin?.end();
    await once(first.child, 'exit');
    const third = await inOwnPidNamespace(directory);
    expect(third.said).toBe('opened');
    // So does a kill -9: the kernel frees the lock with the process, no stale lock to clean up.
    third.child.kill('SIGKILL');
    await once(third.child, 'exit');
    const fourth = await inOwnPidNamespace(directory);
    expect(fourth.said).toBe('opened');
    fourth.child.stdin?.end();
    await once(fourth.child, 'exit');
  });
});
