import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { finalizeEvents } from '@sluice/component-api';
import { makeEvents } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiskBuffer } from './disk-buffer.js';
import { openBuffer } from './test-helpers/open.js';

const run = promisify(execFile);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A volume of its own, so that filling it hurts nothing else: an 8 MiB tmpfs. Tests run as root
 * (locally and in CI); without the right to mount, this fails with the reason instead of passing.
 */
async function smallVolume(): Promise<string> {
  const mountPoint = await mkdtemp(join(tmpdir(), 'sluice-full-'));
  cleanups.push(() => rm(mountPoint, { recursive: true, force: true }));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint]);
  } catch (error) {
    throw new Error(
      `the disk-full test needs to mount a small tmpfs (run it as root): ${String((error as Error).message)}`,
    );
  }
  cleanups.push(async () => {
    await run('umount', [mountPoint]);
  });
  return mountPoint;
}

/** Another process fills the volume to its last byte (it fails with "No space left on device"). */
async function fillFromOutside(path: string): Promise<void> {
  await run('sh', ['-c', `cat /dev/zero > '${path}'`]).catch(() => {});
  const volume = await statfs(path);
  expect(volume.bavail).toBe(0);
}

async function readAndAcknowledge(buffer: DiskBuffer): Promise<string[]> {
  const messages: string[] = [];
  for (;;) {
    const batch = await buffer.read(1000);
    if (batch.length === 0) return messages;
    finalizeEvents(batch, 'delivered');
    messages.push(...batch.map((event) => String(event.fields.message)));
  }
}

describe('DiskBuffer on a volume another process filled to zero', () => {
  it('deletes acknowledged files without needing new space, resumes writing by itself, and redelivers nothing after a restart', async () => {
    const volume = await smallVolume();
    const directory = join(volume, 'buffer');
    const options = { maxSize: 6 * 1024 * 1024, maxDataFileSize: 256 * 1024 };
    const { buffer, metrics } = await openBuffer(directory, options);
    // Closed before the volume is unmounted, even when an assertion failed.
    cleanups.push(() => buffer.close());
    let written = 0;
    const padding = 'x'.repeat(200);
    while (written < 8000) {
      expect(await buffer.write(makeEvents(100, { padding }, written))).toBe(100);
      written += 100;
    }
    const filler = join(volume, 'filler');
    await fillFromOutside(filler);

    // Full: writes fail, are counted and the buffer acts as full.
    expect(await buffer.write(makeEvents(100, { padding }, written))).toBe(0);
    expect(metrics.total('buffer_errors_total', { error_code: 'write_failed' })).toBeGreaterThan(0);

    // Everything is delivered and acknowledged: the files go although the volume is still full.
    const delivered = await readAndAcknowledge(buffer);
    expect(delivered).toHaveLength(written);
    await buffer.sync();
    expect((await readdir(directory)).filter((name) => name.endsWith('.dat'))).toHaveLength(1);
    expect((await statfs(volume)).bavail).toBeGreaterThan(0);

    // The freed space is used again without anyone's help.
    const controller = new AbortController();
    let accepted = 0;
    while (accepted === 0) {
      await buffer.waitForSpace(controller.signal);
      accepted = await buffer.write(makeEvents(100, { padding }, written));
    }
    expect(accepted).toBe(100);
    expect(await readAndAcknowledge(buffer)).toHaveLength(100);
    await rm(filler);
    await buffer.close();

    // After a restart nothing is delivered again.
    const reopened = await openBuffer(directory, options);
    cleanups.push(() => reopened.buffer.close());
    expect(reopened.buffer.unreadEvents).toBe(0);
    expect(await readAndAcknowledge(reopened.buffer)).toEqual([]);
    await reopened.buffer.close();
  });
});
