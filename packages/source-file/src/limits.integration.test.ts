import { execFile } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Scratch } from './test-helpers/harness.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'sluice-file-limits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Reads every file under `logs` with the built package in a process limited to 512 descriptors. */
const CHILD = `
import { readdirSync } from 'node:fs';
const { createFileSource } = await import(process.argv[1]);
const [logs, data, expected] = process.argv.slice(2);
const counters = new Map();
const metric = (name, labels = {}) => {
  const key = name + JSON.stringify(labels);
  return { increment: (value = 1) => counters.set(key, (counters.get(key) ?? 0) + value), set() {}, decrement() {} };
};
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child() { return quiet; } };
const source = await createFileSource(
  { include: [logs + '/**/*.log'], exclude: [], file_key: 'file', read_from: 'beginning', max_line_bytes: 102400,
    max_read_bytes: 2048, line_delimiter: '\\n', glob_minimum_cooldown_ms: 200, ignore_not_found: false,
    multi_line_timeout: 1000, oldest_first: false },
  { id: 'many', logger: quiet, metrics: { counter: metric, gauge: metric, histogram: metric }, dataDir: data },
);
const controller = new AbortController();
let events = 0;
let mostDescriptors = 0;
const seen = new Set();
await source.run(async (batch) => {
  for (const event of batch) seen.add(event.fields.message);
  events += batch.length;
  mostDescriptors = Math.max(mostDescriptors, readdirSync('/proc/self/fd').length);
  for (const event of batch) event.metadata.finalizer?.finalize('delivered');
  if (seen.size >= Number(expected)) controller.abort();
}, controller.signal);
await source.close();
const errors = [...counters].filter(([key]) => key.startsWith('component_errors_total'));
console.log(JSON.stringify({ events, distinct: seen.size, mostDescriptors, errors }));
`;

describe('file source limits', () => {
  it('reads 10,000 files in a process allowed 512 descriptors, never running out', async () => {
    const logs = join(root, 'many');
    const count = 10_000;
    for (let directory = 0; directory < 10; directory += 1) {
      mkdirSync(join(logs, `d${directory}`), { recursive: true });
      for (let index = 0; index < count / 10; index += 1)
        writeFileSync(join(logs, `d${directory}`, `f${index}.log`), `file ${directory}/${index}\n`);
    }
    const entry = pathToFileURL(new URL('../dist/index.js', import.meta.url).pathname).href;
    const { stdout } = await run(
      'prlimit',
      [
        '--nofile=512:512',
        process.execPath,
        '--input-type=module',
        '-e',
        CHILD,
        entry,
        logs,
        join(root, 'data'),
        String(count),
      ],
      { maxBuffer: 1024 * 1024, timeout: 110_000 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    expect(result.distinct).toBe(count);
    expect(result.errors).toEqual([]);
    // The default budget is a quarter of the limit: far from it, with room for everything else.
    expect(result.mostDescriptors).toBeLessThan(512);
  });

  it('skips a 1 GB line (a sparse file) in bounded memory, counted, and reads what follows', async () => {
    const scratch = new Scratch();
    try {
      const path = scratch.path('huge.log');
      const descriptor = openSync(path, 'w');
      writeSync(descriptor, 'before\n');
      // A 1 GiB hole reads as NUL bytes: one line of 1 GiB, without writing it.
      writeSync(descriptor, 'x\nafter\n', 1024 ** 3 + 7);
      closeSync(descriptor);
      const before = process.memoryUsage().rss;
      const running = scratch.start({ max_line_bytes: 102_400 });
      let most = before;
      await running.until(
        () => {
          most = Math.max(most, process.memoryUsage().rss);
          return running.messages().includes('after');
        },
        'the line after the huge one',
        100_000,
      );
      expect(running.messages()).toEqual(['before', 'after']);
      expect(running.metrics.total('component_discarded_events_total', { intentional: 'true' })).toBe(1);
      expect(most - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await scratch.cleanup();
    }
  });
});
