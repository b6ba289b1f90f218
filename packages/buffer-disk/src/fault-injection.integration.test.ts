import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { finalizeEvents } from '@sluice/component-api';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectDiskBuffer } from './inspect.js';
import { openBuffer, removeDirectories, temporaryDirectory } from './test-helpers/open.js';

const children: Child[] = [];
afterAll(async () => {
  // A child left running by a failed assertion is killed, not left spinning.
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await removeDirectories();
});

type Child = ChildProcessByStdio<Writable, Readable, null>;

const runner = fileURLToPath(new URL('./test-helpers/fault-runner.mjs', import.meta.url));
const TOTAL = 40_000;

interface Report {
  state: 'running' | 'reading' | 'written' | 'idle' | 'stopped';
  delivered?: number | number[];
  unread?: number;
  counters?: Record<string, number>;
}

/** The child's reports, one JSON object a line, awaited by predicate. */
function reports(child: Child) {
  const seen: Report[] = [];
  const waiters: {
    test: (report: Report) => boolean;
    resolve: (report: Report) => void;
    reject: (error: Error) => void;
  }[] = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const report = JSON.parse(line) as Report;
      seen.push(report);
      for (const waiter of waiters.splice(0)) {
        if (waiter.test(report)) waiter.resolve(report);
        else waiters.push(waiter);
      }
    }
  });
  let closed = false;
  child.once('close', (code, signal) => {
    closed = true;
    for (const waiter of waiters.splice(0))
      waiter.reject(new Error(`the buffer process ended (${code ?? signal}) before reporting that`));
  });
  return (test: (report: Report) => boolean): Promise<Report> => {
    const found = seen.find(test);
    if (found !== undefined) return Promise.resolve(found);
    if (closed) return Promise.reject(new Error('the buffer process has ended'));
    return new Promise((resolve, reject) => waiters.push({ test, resolve, reject }));
  };
}

async function dataFiles(directory: string): Promise<string[]> {
  return (await readdir(directory)).filter((name) => name.endsWith('.dat')).sort();
}

async function corrupt(path: string): Promise<void> {
  const data = await readFile(path).catch(() => undefined);
  if (data === undefined || data.length < 200) return;
  for (let index = 0; index < 10; index += 1) {
    const offset = Math.floor((data.length * (index + 1)) / 12);
    data.writeUInt8(data.readUInt8(offset) ^ 0x5a, offset);
  }
  await writeFile(path, data);
}

const counter = (counters: Record<string, number>, name: string, labels: Record<string, string>) =>
  counters[`${name}${JSON.stringify(labels)}`] ?? 0;

describe('disk buffer fault injection while running under load', () => {
  it('corrupted, truncated and deleted data files: the process stays up and stoppable, every event is delivered or counted, inspect agrees', async () => {
    const directory = await temporaryDirectory();
    const child = spawn(process.execPath, [runner, directory, String(TOTAL)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const next = reports(child);
    await next((report) => report.state === 'running');

    // Round 1, while the writer runs and before the reader starts: damage in the backlog on disk.
    const backlog = await dataFiles(directory);
    expect(backlog.length).toBeGreaterThan(30);
    await corrupt(join(directory, backlog[5]!));
    await truncate(join(directory, backlog[10]!), 3000);
    await rm(join(directory, backlog[15]!));
    await corrupt(join(directory, backlog[20]!));
    await truncate(join(directory, backlog[25]!), 0);
    child.stdin.write('go\n');

    // Round 2, while writer and reader both run: whatever files exist now, ahead of or behind the reader.
    await next((report) => report.state === 'reading' && Number(report.delivered) >= 2_000);
    const current = await dataFiles(directory);
    const middle = Math.floor(current.length / 2);
    await corrupt(join(directory, current[middle]!));
    await truncate(join(directory, current[middle + 2]!), 1000).catch(() => {});
    await rm(join(directory, current[middle + 4]!), { force: true });
    await corrupt(join(directory, current.at(-2)!));

    // Still up under load (a process that died would have ended the reports), and it stops when asked.
    await next((report) => report.state === 'written');
    child.kill('SIGTERM');
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const stopped = await next((report) => report.state === 'stopped');
    expect(await exited).toBe(0);
    clearTimeout(guard);

    const delivered = stopped.delivered as number[];
    const counters = stopped.counters ?? {};
    const discardedWhileRunning = counter(counters, 'buffer_discarded_events_total', {
      intentional: 'false',
    });
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(discardedWhileRunning).toBeGreaterThan(0);
    expect(counter(counters, 'buffer_errors_total', { error_code: 'missing_data_file' })).toBeGreaterThan(0);

    // Inspect, then recovery: they agree on what is left and what was lost.
    const report = await inspectDiskBuffer(directory);
    const recovered = await openBuffer(directory, { maxDataFileSize: 64 * 1024 });
    expect(recovered.buffer.unreadEvents).toBe(report.unreadEvents);
    const redelivered: number[] = [];
    for (;;) {
      const batch = await recovered.buffer.read(1000);
      if (batch.length === 0) break;
      redelivered.push(...batch.map((event) => Number(event.fields.message)));
      finalizeEvents(batch, 'delivered');
    }
    await recovered.buffer.close();
    const discardedAtRecovery = recovered.metrics.total('buffer_discarded_events_total', {
      intentional: 'false',
    });
    expect(discardedAtRecovery).toBe(report.lostEvents);
    expect(redelivered).toHaveLength(report.unreadEvents);

    // Every event was delivered or counted, exactly: none twice, none missing.
    const all = new Set([...delivered, ...redelivered]);
    expect(all.size + discardedWhileRunning + discardedAtRecovery).toBe(TOTAL);
    expect([...all].every((id) => Number.isInteger(id) && id >= 0 && id < TOTAL)).toBe(true);
  });
});
