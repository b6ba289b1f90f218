import { appendFileSync, existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { unreadOptions } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMaxOpenFiles, fileSource, fileSourceProblems } from './file-source.js';
import { numbered, Scratch, sourceOptions } from './test-helpers/harness.js';

let scratch: Scratch;
afterEach(async () => {
  await scratch?.cleanup();
});

const sequence = (prefix: string, from: number, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix} ${from + index}`);

const base = sourceOptions({ include: ['/var/log/*.log'] });

describe('file source options', () => {
  it('reads every option it documents', () => {
    // Accepted for compatibility and documented as such: log_namespace (only false), the deprecated
    // source-level acknowledgements.enabled (no effect, as in Vector; warned about).
    expect(
      unreadOptions(
        fileSource.optionsSchema,
        [new URL('.', import.meta.url).pathname],
        ['log_namespace', 'enabled'],
      ),
    ).toEqual([]);
  });

  it('refuses what Vector refuses, naming the option', () => {
    const problems = fileSourceProblems(
      {
        ...base,
        include: ['/var/log/a**'],
        exclude: ['[x'],
        multiline: { start_pattern: '(', condition_pattern: 'x', mode: 'halt_before', timeout_ms: 1 },
        encoding: { charset: 'klingon' },
        line_delimiter: '',
        log_namespace: true,
      },
      { dataDir: undefined },
    );
    expect(problems.map((problem) => problem.path).sort()).toEqual(
      [
        'data_dir',
        'encoding.charset',
        'exclude[0]',
        'include[0]',
        'line_delimiter',
        'log_namespace',
        'multiline.start_pattern',
      ].sort(),
    );
    expect(fileSourceProblems({ ...base, include: [] }, { dataDir: '/var/lib/sluice' })).toEqual([
      { path: 'include', message: 'must contain at least one file pattern' },
    ]);
    expect(fileSourceProblems(base, { dataDir: '/var/lib/sluice' })).toEqual([]);
  });

  it('holds at most a quarter of the open-file limit by default', () => {
    expect(
      defaultMaxOpenFiles('Max open files            1024                 4096                 files'),
    ).toBe(256);
    expect(
      defaultMaxOpenFiles('Max open files            1048576              1048576              files'),
    ).toBe(10_000);
    expect(
      defaultMaxOpenFiles('Max open files            unlimited            unlimited            files'),
    ).toBe(10_000);
    expect(defaultMaxOpenFiles('nothing here')).toBe(256);
  });
});

describe('file source behaviour options', () => {
  it('multiline joins lines; an open message holds the checkpoint back until it is sent', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, 'ERROR boom\n  at a\n  at b\nINFO next\n  at c\n');
    const multiline = {
      start_pattern: '^[^\\s]',
      condition_pattern: '^[\\s]+at',
      mode: 'continue_through' as const,
      timeout_ms: 60_000,
    };
    const first = scratch.start({ multiline });
    await first.received(1);
    expect(first.messages()).toEqual(['ERROR boom\n  at a\n  at b']);
    await first.stop();
    // Stopped with "INFO next\n  at c" open: sent at shutdown, as Vector drains its aggregator.
    expect(first.messages()).toEqual(['ERROR boom\n  at a\n  at b', 'INFO next\n  at c']);
    appendFileSync(path, 'WARN last\n');
    const second = scratch.start({ multiline: { ...multiline, timeout_ms: 10 } });
    await second.received(1);
    expect(second.messages()).toEqual(['WARN last']);
  });

  it('multiline: the legacy message_start_indicator (halt_before) and its timeout', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), '2024-01-01 a\n  detail\n2024-01-02 b\n');
    const running = scratch.start({ message_start_indicator: '^\\d{4}-', multi_line_timeout: 10 });
    await running.received(2);
    expect(running.messages()).toEqual(['2024-01-01 a\n  detail', '2024-01-02 b']);
    expect(
      running.logger.find('`message_start_indicator` and `multi_line_timeout` are deprecated'),
    ).toHaveLength(1);
  });

  it('encoding.charset = "utf-16le": lines transcoded to UTF-8, the delimiter encoded too', async () => {
    scratch = new Scratch();
    writeFileSync(
      scratch.path('app.log'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo\nwörld\n', 'utf16le')]),
    );
    const running = scratch.start({ encoding: { charset: 'utf-16le' } });
    await running.received(2);
    expect(running.messages()).toEqual(['héllo', 'wörld']);
  });

  it('encoding.charset = "utf-16be" and a "\\r\\n" line_delimiter', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), Buffer.from('one\r\ntwo\r\n', 'utf16le').swap16());
    const running = scratch.start({ encoding: { charset: 'UTF-16BE' }, line_delimiter: '\r\n' });
    await running.received(2);
    expect(running.messages()).toEqual(['one', 'two']);
  });

  it('exclude takes precedence over include (with Vector\'s * that crosses "/")', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('keep.log'), 'kept\n');
    writeFileSync(scratch.path('skip.log'), 'skipped\n');
    const running = scratch.start({ exclude: [`${scratch.root}/*skip*`] });
    await running.received(1);
    writeFileSync(scratch.path('late.log'), 'late\n');
    await running.received(2);
    expect(running.messages()).toEqual(['kept', 'late']);
  });

  it('host_key, file_key and offset_key name the fields ("" leaves one out; dots nest)', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), 'x\n');
    const running = scratch.start({ host_key: '', file_key: 'log.path', offset_key: 'log.offset' });
    await running.received(1);
    expect(running.events[0]?.fields).toEqual({
      message: 'x',
      source_type: 'file',
      timestamp: expect.any(Date),
      log: { path: scratch.path('app.log'), offset: 0 },
    });
  });

  it('ignore_older_secs: an old file is read from its end (new lines only)', async () => {
    scratch = new Scratch();
    const path = scratch.path('old.log');
    writeFileSync(path, 'ancient\n');
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(path, past, past);
    writeFileSync(scratch.path('new.log'), 'fresh\n');
    const running = scratch.start({ ignore_older_secs: 600 });
    await running.received(1);
    appendFileSync(path, 'recent\n');
    await running.received(2);
    expect(running.messages().sort()).toEqual(['fresh', 'recent']);
  });

  it('ignore_checkpoints starts every file as read_from says (and still writes checkpoints)', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), numbered('a', 0, 2));
    const first = scratch.start();
    await first.received(2);
    await first.stop();
    const second = scratch.start({ ignore_checkpoints: true });
    await second.received(2);
    await second.stop();
    expect(second.messages()).toEqual(sequence('a', 0, 2));
    expect(scratch.checkpoints()).toContain('"position":8');
  });

  it('start_at_beginning = true (deprecated) ignores checkpoints, with a warning', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), numbered('a', 0, 2));
    const first = scratch.start();
    await first.received(2);
    await first.stop();
    const second = scratch.start({ start_at_beginning: true });
    await second.received(2);
    expect(second.logger.find('`start_at_beginning` is deprecated')).toHaveLength(1);
  });

  it('remove_after_secs deletes a file read to its end only once its lines were delivered', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, numbered('a', 0, 3));
    const running = scratch.start({ remove_after_secs: 0 }, { settle: 'manual' });
    await running.received(3);
    // Several discoveries while the lines are not delivered: the file stays.
    writeFileSync(scratch.path('other.log'), 'other\n');
    await running.received(4);
    expect(existsSync(path)).toBe(true);
    running.settle();
    await running.until(() => running.metrics.total('files_deleted_total') === 2, 'both files to be deleted');
    expect(existsSync(path)).toBe(false);
  });

  it('oldest_first reads the oldest file to its end before a newer one', async () => {
    scratch = new Scratch();
    // Created first, and named to be listed last.
    writeFileSync(scratch.path('z-old.log'), numbered('old', 0, 3000));
    const past = new Date(Date.now() - 60_000);
    utimesSync(scratch.path('z-old.log'), past, past);
    writeFileSync(scratch.path('a-new.log'), numbered('new', 0, 3));
    const running = scratch.start({ oldest_first: true });
    await running.received(3003);
    const firstNew = running.messages().findIndex((line) => line.startsWith('new'));
    expect(firstNew).toBe(3000);
  });

  it('reads a gzip file once, decompressed; with a checkpoint for it, never again', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('old.log'), gzipSync(Buffer.from(numbered('z', 0, 5000))));
    const first = scratch.start();
    await first.received(5000);
    expect(first.messages()).toEqual(sequence('z', 0, 5000));
    await first.stop();
    writeFileSync(scratch.path('new.log'), 'new\n');
    const second = scratch.start();
    await second.received(1);
    expect(second.messages()).toEqual(['new']);
  });

  it('internal_metrics.include_file_tag counts per file too', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), 'x\n');
    const running = scratch.start({ internal_metrics: { include_file_tag: true } });
    await running.received(1);
    expect(running.metrics.total('component_received_events_total', { file: scratch.path('app.log') })).toBe(
      1,
    );
    expect(running.metrics.total('component_received_bytes_total', { file: scratch.path('app.log') })).toBe(
      2,
    );
  });

  it('keeps its checkpoints under <data_dir>/<source id>/ (data_dir of its own when given)', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), 'x\n');
    const own = join(scratch.root, 'own');
    const running = scratch.start({ data_dir: own }, { id: 'mine' });
    await running.received(1);
    await running.stop();
    expect(readFileSync(join(own, 'mine', 'checkpoints.sluice'), 'utf8')).toContain('"position":2');
  });
});
