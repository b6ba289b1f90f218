import { spawn } from 'node:child_process';
import { readdir, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finalizeEvents } from '@sluice/component-api';
import { makeEvents } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiskBuffer } from './disk-buffer.js';
import { inspectDiskBuffer } from './inspect.js';
import { openBuffer, removeDirectories, temporaryDirectory } from './test-helpers/open.js';

afterEach(removeDirectories);

const ids = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => `event ${from + index}`);

async function readAll(buffer: DiskBuffer): Promise<string[]> {
  const messages: string[] = [];
  for (;;) {
    const batch = await buffer.read(1000);
    if (batch.length === 0) return messages;
    finalizeEvents(batch, 'delivered');
    messages.push(...batch.map((event) => String(event.fields.message)));
  }
}

/** 15 records of 10 events in data files of 4 KiB (5 records each), closed, then opened again: nothing in memory. */
async function reopenedWithBacklog() {
  const directory = await temporaryDirectory();
  const first = await openBuffer(directory, { maxDataFileSize: 4096 });
  for (let index = 0; index < 15; index += 1) await first.buffer.write(makeEvents(10, {}, index * 10));
  await first.buffer.close();
  const files = (await readdir(directory)).filter((name) => name.endsWith('.dat')).sort();
  const opened = await openBuffer(directory, { maxDataFileSize: 4096 });
  return { directory, files, ...opened };
}

async function recordOffsets(path: string): Promise<number[]> {
  const data = await readFile(path);
  const offsets: number[] = [];
  for (let offset = 0; offset < data.length; offset += 8 + data.readUInt32LE(offset)) offsets.push(offset);
  return offsets;
}

/** Resolves true when the buffer signals data before the event loop turns once: a reader would spin. */
async function wouldSpin(buffer: DiskBuffer): Promise<boolean> {
  const controller = new AbortController();
  const result = await Promise.race([
    buffer.waitForData(controller.signal).then(() => true),
    new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
  ]);
  controller.abort();
  return result;
}

describe('DiskBuffer faults found while running', () => {
  it('a record corrupted while running is skipped like recovery does: counted from the id gap, logged, no spin', async () => {
    const { directory, files, buffer, metrics, logger } = await reopenedWithBacklog();
    const path = join(directory, files[0]!);
    const offsets = await recordOffsets(path);
    const data = await readFile(path);
    data.writeUInt8(data.readUInt8(offsets[1]! + 30) ^ 0x01, offsets[1]! + 30);
    await writeFile(path, data);
    expect(await readAll(buffer)).toEqual([...ids(0, 10), ...ids(20, 150)]);
    expect(metrics.total('buffer_discarded_events_total', { intentional: 'false' })).toBe(10);
    expect(metrics.total('buffer_errors_total', { error_code: 'checksum_mismatch' })).toBe(1);
    expect(logger.records.some((record) => record.level === 'error' && /lost/.test(record.message))).toBe(
      true,
    );
    expect(buffer.unreadEvents).toBe(0);
    expect(await wouldSpin(buffer)).toBe(false);
    // It keeps serving.
    await buffer.write(makeEvents(5, {}, 150));
    expect(await readAll(buffer)).toEqual(ids(150, 155));
    await buffer.close();
  });

  it('corruption of the last records (no record after the gap) is counted too', async () => {
    const { directory, files, buffer, metrics } = await reopenedWithBacklog();
    const path = join(directory, files.at(-2)!);
    const data = await readFile(path);
    data.fill(0x55, 100);
    await writeFile(path, data);
    const messages = await readAll(buffer);
    expect(messages.length + metrics.total('buffer_discarded_events_total', { intentional: 'false' })).toBe(
      150,
    );
    expect(buffer.unreadEvents).toBe(0);
    expect(await wouldSpin(buffer)).toBe(false);
    await buffer.close();
  });

  it('a data file truncated while running: the reader skips the rest, counts it, does not loop', async () => {
    const { directory, files, buffer, metrics } = await reopenedWithBacklog();
    await truncate(join(directory, files[0]!), 1000);
    const messages = await readAll(buffer);
    const lost = metrics.total('buffer_discarded_events_total', { intentional: 'false' });
    expect(lost).toBeGreaterThan(0);
    expect(messages.length + lost).toBe(150);
    expect(messages.at(-1)).toBe('event 149');
    await buffer.close();
  });

  it('a data file deleted while running: the loss is counted and logged, reading goes on', async () => {
    const { directory, files, buffer, metrics, logger } = await reopenedWithBacklog();
    const inSecond = (await recordOffsets(join(directory, files[1]!))).length * 10;
    const inFirst = (await recordOffsets(join(directory, files[0]!))).length * 10;
    await rm(join(directory, files[1]!));
    expect(await readAll(buffer)).toEqual([...ids(0, inFirst), ...ids(inFirst + inSecond, 150)]);
    expect(metrics.total('buffer_discarded_events_total', { intentional: 'false' })).toBe(inSecond);
    expect(metrics.total('buffer_errors_total', { error_code: 'missing_data_file' })).toBe(1);
    expect(logger.records.some((record) => record.level === 'error')).toBe(true);
    await buffer.close();
    // Recovery does not count the same loss again.
    const reopened = await openBuffer(directory, { maxDataFileSize: 4096 });
    expect(reopened.metrics.total('buffer_discarded_events_total')).toBe(0);
    await reopened.buffer.close();
  });
});

describe('DiskBuffer ledger integrity', () => {
  async function prepared() {
    const directory = await temporaryDirectory();
    const { buffer } = await openBuffer(directory, { maxDataFileSize: 4096 });
    for (let index = 0; index < 15; index += 1) await buffer.write(makeEvents(10, {}, index * 10));
    await buffer.close();
    return directory;
  }

  it('a previous-release (JSON) ledger that claims more was acknowledged than the data shows loses nothing, and inspect says so', async () => {
    const directory = await prepared();
    for (const acked of [8, 15_000]) {
      await writeFile(
        join(directory, 'buffer.ledger'),
        JSON.stringify({ version: 1, ackedEventId: acked, ackedFileId: 0, ackedOffset: 0, nextEventId: 150 }),
      );
      const report = await inspectDiskBuffer(directory);
      expect(report.healthy).toBe(false);
      expect(report.problems.map((problem) => problem.code)).toContain('ledger_mismatch');
      expect(report.unreadEvents).toBe(150);
    }
    const { buffer, metrics } = await openBuffer(directory, { maxDataFileSize: 4096 });
    expect(await readAll(buffer)).toEqual(ids(0, 150));
    expect(metrics.total('buffer_discarded_events_total')).toBe(0);
    expect(metrics.total('buffer_errors_total', { error_code: 'ledger_mismatch' })).toBe(1);
    await buffer.close();
  });

  it('a previous-release (JSON) ledger is read and migrated', async () => {
    const directory = await prepared();
    const offsets = await recordOffsets(join(directory, 'buffer-data-000000.dat'));
    await writeFile(
      join(directory, 'buffer.ledger'),
      JSON.stringify({
        version: 1,
        ackedEventId: 20,
        ackedFileId: 0,
        ackedOffset: offsets[2],
        nextEventId: 150,
      }),
    );
    expect((await inspectDiskBuffer(directory)).healthy).toBe(true);
    const { buffer } = await openBuffer(directory, { maxDataFileSize: 4096 });
    await buffer.close();
    expect((await readFile(join(directory, 'buffer.ledger'))).subarray(0, 1).toString()).not.toBe('{');
    const reopened = await openBuffer(directory, { maxDataFileSize: 4096 });
    expect(await readAll(reopened.buffer)).toEqual(ids(20, 150));
    await reopened.buffer.close();
  });

  it('a ledger whose bytes were changed fails its checksum: reported, and recovery loses nothing', async () => {
    const directory = await prepared();
    const path = join(directory, 'buffer.ledger');
    const ledger = await readFile(path);
    // Every byte of the ledger changed in turn must be caught (here: the whole file, one byte each time).
    for (const offset of [0, 8, 16, 24, 40, 48, 128 + 20]) {
      const damaged = Buffer.from(ledger);
      damaged.writeUInt8(damaged.readUInt8(offset) ^ 0x08, offset);
      await writeFile(path, damaged);
      const report = await inspectDiskBuffer(directory);
      expect(report.unreadEvents).toBe(150);
      expect(report.lostEvents).toBe(0);
    }
    // Both slots destroyed: reported as a bad ledger; the data files say what is there.
    await writeFile(path, Buffer.alloc(ledger.length, 0x11));
    const report = await inspectDiskBuffer(directory);
    expect(report.healthy).toBe(false);
    expect(report.problems.map((problem) => problem.code)).toContain('bad_ledger');
    const { buffer, metrics } = await openBuffer(directory, { maxDataFileSize: 4096 });
    expect(await readAll(buffer)).toEqual(ids(0, 150));
    expect(metrics.total('buffer_errors_total', { error_code: 'bad_ledger' })).toBe(1);
    await buffer.close();
  });
});

describe('DiskBuffer lock', () => {
  async function livePid(): Promise<{ pid: number; stop: () => Promise<void> }> {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('spawn', resolve));
    return {
      pid: child.pid as number,
      stop: async () => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      },
    };
  }

  it('a stale lock whose pid now belongs to another live process (started later) does not block start-up', async () => {
    const directory = await temporaryDirectory();
    const other = await livePid();
    try {
      // Written by the previous owner long before this pid was reused.
      const lock = join(directory, 'buffer.lock');
      await writeFile(lock, `${other.pid}\n`);
      const past = new Date(Date.now() - 3600_000);
      await utimes(lock, past, past);
      const { buffer } = await openBuffer(directory);
      await buffer.close();
      // A lock that records the owner's start time: another start time means another process.
      await writeFile(lock, `${other.pid} 1\n`);
      const again = await openBuffer(directory);
      await again.buffer.close();
    } finally {
      await other.stop();
    }
  });

  it('a lock held by a live process (same start time) still refuses a second owner', async () => {
    const directory = await temporaryDirectory();
    const other = await livePid();
    try {
      const stat = await readFile(`/proc/${other.pid}/stat`, 'utf8');
      const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      await writeFile(join(directory, 'buffer.lock'), `${other.pid} ${startTime}\n`);
      await expect(openBuffer(directory)).rejects.toThrow(/in use by another process/);
    } finally {
      await other.stop();
    }
  });

  it('one directory is open once per process: a second open waits for the first to close, then takes what it left', async () => {
    const directory = await temporaryDirectory();
    const first = await openBuffer(directory);
    await first.buffer.write(makeEvents(3));
    // Without a signal to bound the wait, refused at once.
    await expect(openBuffer(directory)).rejects.toThrow(/already open in this process/);
    const controller = new AbortController();
    let secondOpened = false;
    const second = openBuffer(directory, { signal: controller.signal }).then((opened) => {
      secondOpened = true;
      return opened;
    });
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(secondOpened).toBe(false);
    await first.buffer.close();
    const { buffer } = await second;
    const batch = await buffer.read(10);
    expect(batch.map((event) => event.fields.message)).toEqual(['event 0', 'event 1', 'event 2']);
    // Closing the first again (idempotent) leaves the second's lock alone.
    await first.buffer.close();
    expect((await readFile(join(directory, 'buffer.lock'), 'utf8')).split(' ')[0]).toBe(String(process.pid));
    // An abort ends the wait with a clear refusal.
    const aborted = new AbortController();
    const third = openBuffer(directory, { signal: aborted.signal });
    aborted.abort();
    await expect(third).rejects.toThrow(/open in this process/);
  });
});
