import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestContext } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSource } from './file-source.js';
import { Scratch, sourceOptions } from './test-helpers/harness.js';

/** A second process running the built source on the same data_dir; says `running` once created. */
const CHILD = `
const { createFileSource } = await import(process.argv[1]);
const [logs, data] = process.argv.slice(2);
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child() { return quiet; } };
const metric = () => ({ increment() {}, set() {}, decrement() {}, record() {} });
const source = await createFileSource(
  { include: [logs + '/*.log'], exclude: [], file_key: 'file', read_from: 'beginning', max_line_bytes: 102400,
    max_read_bytes: 2048, line_delimiter: '\\n', glob_minimum_cooldown_ms: 200, ignore_not_found: false,
    multi_line_timeout: 1000, oldest_first: false },
  { id: 'files', logger: quiet, metrics: { counter: metric, gauge: metric, histogram: metric }, dataDir: data },
);
console.log('running');
await source.run(async () => {}, new AbortController().signal);
`;

let scratch: Scratch;
afterEach(() => scratch.cleanup());

describe('two processes on one data_dir', () => {
  it('the second is refused while the first runs, and starts once the first was killed with SIGKILL', async () => {
    scratch = new Scratch();
    const entry = pathToFileURL(new URL('../dist/index.js', import.meta.url).pathname).href;
    const first = spawn(
      process.execPath,
      ['--input-type=module', '--eval', CHILD, entry, scratch.logs, scratch.data],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const [said] = (await once(first.stdout, 'data')) as [Buffer];
      expect(said.toString()).toBe('running\n');
      const options = sourceOptions({ include: [join(scratch.logs, '*.log')] });
      const context = () => createTestContext({ id: 'files', dataDir: scratch.data });
      await expect(createFileSource(options, context())).rejects.toThrow(
        `the checkpoint directory ${join(scratch.data, 'files')} is in use by another process (pid ${first.pid}`,
      );
      first.kill('SIGKILL');
      await once(first, 'exit');
      const second = await createFileSource(options, context());
      await second.close?.();
    } finally {
      if (first.exitCode === null && first.signalCode === null) {
        first.kill('SIGKILL');
        await once(first, 'exit');
      }
    }
  });
});
