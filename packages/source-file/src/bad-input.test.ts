import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type FileOperations, nodeFileOperations } from './io.js';
import { numbered, Scratch } from './test-helpers/harness.js';

let scratch: Scratch;
afterEach(async () => {
  await scratch.cleanup();
});

describe('file source: bad input is logged and counted, never a crash or a hang', () => {
  it('skips a line longer than max_line_bytes (counted as Vector counts it); the next lines are read', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), `short\n${'x'.repeat(5_000_000)}\nafter\n`);
    const running = scratch.start({ max_line_bytes: 1000 });
    await running.received(2);
    expect(running.messages()).toEqual(['short', 'after']);
    expect(running.metrics.total('component_discarded_events_total', { intentional: 'true' })).toBe(1);
    expect(
      running.metrics.total('component_errors_total', {
        error_code: 'reading_line_from_file',
        error_type: 'condition_failed',
        stage: 'receiving',
      }),
    ).toBe(1);
    expect(running.logger.find('exceeds max_line_bytes', 'error')).toHaveLength(1);
  });

  it('replaces invalid UTF-8 with U+FFFD, counting the lines', async () => {
    scratch = new Scratch();
    writeFileSync(
      scratch.path('app.log'),
      Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]),
    );
    const running = scratch.start();
    await running.received(2);
    expect(running.messages()).toEqual(['ok', 'bad \ufffd\ufffd']);
    expect(running.metrics.total('component_errors_total', { error_code: 'invalid_utf8' })).toBe(1);
  });

  it('reads a binary file without failing (garbage lines, counted)', async () => {
    scratch = new Scratch();
    const bytes = Buffer.alloc(256 * 1024);
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 7919) % 256;
    writeFileSync(scratch.path('binary.log'), bytes);
    writeFileSync(scratch.path('text.log'), 'still read\n');
    const running = scratch.start({ max_line_bytes: 4096 });
    await running.until(() => running.messages().includes('still read'), 'the text file');
    expect(running.metrics.total('component_received_bytes_total')).toBeGreaterThan(0);
  });

  it('skips a directory, a FIFO and a dangling symbolic link matched by include: each logged and counted once', async () => {
    scratch = new Scratch();
    mkdirSync(scratch.path('dir.log'));
    execFileSync('mkfifo', [scratch.path('fifo.log')]);
    symlinkSync(scratch.path('missing'), scratch.path('dangling.log'));
    writeFileSync(scratch.path('app.log'), 'line\n');
    const running = scratch.start();
    await running.received(1);
    await running.until(() => running.metrics.total('files_skipped_total') === 3, 'three skipped paths');
    expect(running.metrics.total('files_skipped_total', { reason: 'directory' })).toBe(1);
    expect(running.metrics.total('files_skipped_total', { reason: 'fifo' })).toBe(1);
    expect(running.metrics.total('files_skipped_total', { reason: 'dangling_symlink' })).toBe(1);
    // New files are found by later discoveries, which see the same paths again: counted once each.
    writeFileSync(scratch.path('later.log'), 'later\n');
    await running.received(2);
    writeFileSync(scratch.path('later2.log'), 'later again\n');
    await running.received(3);
    expect(running.metrics.total('files_skipped_total')).toBe(3);
    expect(running.logger.find('skipping a fifo')).toHaveLength(1);
  });

  it('ignore_not_found silences dangling symbolic links', async () => {
    scratch = new Scratch();
    symlinkSync(scratch.path('missing'), scratch.path('dangling.log'));
    writeFileSync(scratch.path('app.log'), 'line\n');
    const running = scratch.start({ ignore_not_found: true });
    await running.received(1);
    expect(running.metrics.total('files_skipped_total')).toBe(0);
  });

  it('a file it may not open is reported once and read once it can be', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('secret.log'), 'hidden\n');
    let denied = true;
    const files: FileOperations = {
      ...nodeFileOperations,
      open: async (path) => {
        if (denied && path.endsWith('secret.log'))
          throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
        return nodeFileOperations.open(path);
      },
    };
    const running = scratch.start({}, { hooks: { files } });
    await running.until(
      () => running.metrics.total('component_errors_total', { error_code: 'watching' }) === 1,
      'the refusal to be counted',
    );
    writeFileSync(scratch.path('other.log'), 'other\n');
    await running.received(1);
    expect(running.metrics.total('component_errors_total', { error_code: 'watching' })).toBe(1);
    denied = false;
    await running.received(2);
    expect(running.messages().sort()).toEqual(['hidden', 'other']);
  });

  it('a file that vanishes between the glob and the open is no error', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('gone.log'), 'x\n');
    writeFileSync(scratch.path('app.log'), 'kept\n');
    const files: FileOperations = {
      ...nodeFileOperations,
      open: async (path) => {
        if (path.endsWith('gone.log'))
          throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
        return nodeFileOperations.open(path);
      },
    };
    const running = scratch.start({}, { hooks: { files } });
    await running.received(1);
    expect(running.metrics.total('component_errors_total')).toBe(0);
  });

  it('an include pattern that matches nothing is logged once', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), 'x\n');
    const running = scratch.start({ include: [scratch.path('*.log'), scratch.path('nothing/*.txt')] });
    await running.received(1);
    // Two files found later: two more discoveries, one log line still.
    writeFileSync(scratch.path('b.log'), numbered('y', 0, 1));
    await running.received(2);
    writeFileSync(scratch.path('c.log'), numbered('y', 1, 1));
    await running.received(3);
    expect(running.logger.find('matches no file')).toHaveLength(1);
  });
});
