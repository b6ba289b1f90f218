import {
  appendFileSync,
  copyFileSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FileOperations, nodeFileOperations } from './io.js';
import { numbered, Scratch } from './test-helpers/harness.js';

let scratch: Scratch;
afterEach(async () => {
  await scratch.cleanup();
});

const sequence = (prefix: string, from: number, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix} ${from + index}`);

describe('file source: reading', () => {
  it("reads every line of a file with Vector's fields, then the lines appended later", async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, 'first\nsecond\n');
    const running = scratch.start({ offset_key: 'offset' });
    await running.received(2);
    appendFileSync(path, 'third\n');
    await running.received(3);
    expect(running.messages()).toEqual(['first', 'second', 'third']);
    expect(running.events[2]?.fields).toMatchObject({
      message: 'third',
      file: path,
      host: hostname(),
      source_type: 'file',
      offset: 13,
    });
    expect(running.events[0]?.fields.timestamp).toBeInstanceOf(Date);
    expect(running.events[0]?.metadata.structured).toBe(false);
    expect(running.metrics.total('component_received_events_total')).toBe(3);
    expect(running.metrics.total('component_received_bytes_total', { protocol: 'file' })).toBe(19);
    expect(running.metrics.total('files_added_total')).toBe(1);
  });

  it('waits for the end of an unfinished line', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, 'one\ntw');
    const running = scratch.start();
    await running.received(1);
    appendFileSync(path, 'o\n');
    await running.received(2);
    expect(running.messages()).toEqual(['one', 'two']);
  });

  it('reads ASCII and multi-byte UTF-8 lines with their byte offsets, whichever a read holds', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, 'plain\nascii\n');
    const running = scratch.start({ offset_key: 'offset' });
    await running.received(2);
    appendFileSync(path, 'héllo wörld\n日本語\nafter\n');
    await running.received(5);
    expect(running.messages()).toEqual(['plain', 'ascii', 'héllo wörld', '日本語', 'after']);
    expect(running.events.map((event) => event.fields.offset)).toEqual([0, 6, 12, 26, 36]);
  });
});

describe('file source: checkpoints follow delivery', () => {
  it('advances a checkpoint only past lines whose events were finalized', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, numbered('line', 0, 10));
    const first = scratch.start({}, { settle: 'manual' });
    await first.received(10);
    await first.stop();
    // Nothing finalized: a restart reads every line again.
    const second = scratch.start({}, { settle: 'manual' });
    await second.received(10);
    second.settle('delivered');
    await second.stop();
    const third = scratch.start();
    appendFileSync(path, 'after\n');
    await third.received(1);
    expect(third.messages()).toEqual(['after']);
    expect(third.metrics.total('files_resumed_total')).toBe(1);
  });

  it('counts a rejected line as final (the sink counted it): the checkpoint passes it', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), numbered('line', 0, 3));
    const first = scratch.start({}, { settle: 'manual' });
    await first.received(3);
    first.settle('rejected');
    await first.stop();
    appendFileSync(scratch.path('app.log'), 'next\n');
    const second = scratch.start();
    await second.received(1);
    expect(second.messages()).toEqual(['next']);
  });

  it('read_from = "end" starts at the end, and records it: lines written while stopped are not lost', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, 'old\n');
    const first = scratch.start({ read_from: 'end' });
    await first.until(() => first.metrics.total('files_added_total') === 1, 'the file to be added');
    appendFileSync(path, 'new\n');
    await first.received(1);
    await first.stop();
    appendFileSync(path, 'while stopped\n');
    const second = scratch.start({ read_from: 'end' });
    await second.received(1);
    expect([...first.messages(), ...second.messages()]).toEqual(['new', 'while stopped']);
  });
});

describe('file source: rotation and truncation', () => {
  it('rename + create: lines added to the renamed file after the rename are read, the new file from its start', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, numbered('a', 0, 5));
    const running = scratch.start({ include: [path] });
    await running.received(5);
    renameSync(path, scratch.path('app.log.1'));
    // The writer has not reopened yet: it still appends to the renamed file.
    appendFileSync(scratch.path('app.log.1'), numbered('a', 5, 3));
    writeFileSync(path, numbered('b', 0, 4));
    await running.received(12);
    expect(running.messages().filter((line) => line.startsWith('a'))).toEqual(sequence('a', 0, 8));
    expect(running.messages().filter((line) => line.startsWith('b'))).toEqual(sequence('b', 0, 4));
  });

  it('truncation: the lines written after it are read from the start of the file, none twice', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, numbered('before', 0, 5));
    const running = scratch.start();
    await running.received(5);
    truncateSync(path, 0);
    await running.until(() => running.logger.find('truncated').length > 0, 'the truncation to be seen');
    appendFileSync(path, numbered('after', 0, 2));
    await running.received(7);
    expect(running.messages()).toEqual([...sequence('before', 0, 5), ...sequence('after', 0, 2)]);
  });

  it('a file truncated and written again past the old position is read again from its start', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, numbered('old', 0, 3));
    const running = scratch.start();
    await running.received(3);
    // Same first line, longer than before: neither the fingerprint nor the size tells.
    writeFileSync(path, `old 0\n${numbered('new', 0, 10)}`);
    await running.received(14);
    expect(running.messages().slice(3)).toEqual(['old 0', ...sequence('new', 0, 10)]);
  });

  it('a file deleted while read: what it held is read, its unfinished last line too, and it is let go', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, numbered('x', 0, 3));
    const running = scratch.start({ rotate_wait_secs: 1 });
    await running.received(3);
    appendFileSync(path, 'x 3\nunfinished');
    rmSync(path);
    await running.received(5);
    expect(running.messages()).toEqual([...sequence('x', 0, 4), 'unfinished']);
    await running.until(
      () => running.metrics.total('files_unwatched_total') === 1,
      'the file to be unwatched',
    );
  });
});

describe('file source: copies, collisions, replacements', () => {
  it('copytruncate with the copy in include: every line once (the copy continues where the original stood)', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, numbered('a', 0, 5));
    const running = scratch.start({ include: [`${path}*`] });
    await running.received(5);
    // Written, copied and truncated at once: lines 5-7 are only in the copy.
    appendFileSync(path, numbered('a', 5, 3));
    copyFileSync(path, `${path}.1`);
    truncateSync(path, 0);
    appendFileSync(path, numbered('b', 0, 2));
    await running.received(10);
    expect(running.messages().filter((line) => line.startsWith('a'))).toEqual(sequence('a', 0, 8));
    expect(running.messages().filter((line) => line.startsWith('b'))).toEqual(sequence('b', 0, 2));
  });

  it('copytruncate with the copy out of reach: what was seen and never read is counted and logged, never silently lost', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, numbered('a', 0, 5));
    let sawUnfinished: () => void = () => {};
    const seen = new Promise<void>((resolve) => {
      sawUnfinished = resolve;
    });
    const files: FileOperations = {
      ...nodeFileOperations,
      read: async (descriptor, buffer, length, position) => {
        const bytesRead = await nodeFileOperations.read(descriptor, buffer, length, position);
        if (buffer.subarray(0, bytesRead).includes('unfinished')) sawUnfinished();
        return bytesRead;
      },
    };
    const running = scratch.start({ include: [path] }, { hooks: { files, deadRetentionMs: 0 } });
    await running.received(5);
    appendFileSync(path, 'a 5 unfinished');
    await seen;
    // Rotated before the line was finished: its bytes are only in the copy, out of reach.
    copyFileSync(path, scratch.path('app.old'));
    truncateSync(path, 0);
    appendFileSync(path, numbered('b', 0, 2));
    await running.until(
      () => running.metrics.total('component_errors_total', { error_code: 'unread_data_lost' }) === 1,
      'the unread bytes to be counted',
    );
    await running.received(7);
    expect(running.messages().slice(5)).toEqual(sequence('b', 0, 2));
    expect(running.logger.find('never read')[0]?.fields).toMatchObject({
      unread_bytes: 'a 5 unfinished'.length,
    });
  });

  it('two files with the same first line (a fingerprint collision) are both read in full', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('one.log'), `# header\n${numbered('one', 0, 3)}`);
    writeFileSync(scratch.path('two.log'), `# header\n${numbered('two', 0, 4)}`);
    const running = scratch.start();
    await running.received(9);
    expect(running.messages().filter((line) => line.startsWith('one'))).toEqual(sequence('one', 0, 3));
    expect(running.messages().filter((line) => line.startsWith('two'))).toEqual(sequence('two', 0, 4));
  });

  it('a file replaced by another with the same first line is read in full', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, `# header\n${numbered('old', 0, 3)}`);
    const running = scratch.start();
    await running.received(4);
    rmSync(path);
    writeFileSync(path, `# header\n${numbered('new', 0, 5)}`);
    await running.received(10);
    expect(running.messages().slice(4)).toEqual(['# header', ...sequence('new', 0, 5)]);
  });

  it('a copy of a watched file that stays whole is read as a file of its own (duplicates, never loss)', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    writeFileSync(path, numbered('a', 0, 5));
    const running = scratch.start();
    await running.received(5);
    copyFileSync(path, scratch.path('copy.log'));
    appendFileSync(scratch.path('copy.log'), 'only in the copy\n');
    await running.received(11);
    expect(running.messages().slice(5)).toEqual([...sequence('a', 0, 5), 'only in the copy']);
  });

  it('copytruncate of a large file: a copy seen half-written waits, then continues the original once it is truncated', async () => {
    scratch = new Scratch();
    const path = scratch.path('app.log');
    const content = numbered('a', 0, 2000);
    writeFileSync(path, content);
    const running = scratch.start({ include: [`${path}*`] });
    await running.received(2000);
    appendFileSync(path, numbered('a', 2000, 10));
    const full = readFileSync(path);
    // logrotate is still copying when discovery looks.
    writeFileSync(`${path}.1`, full.subarray(0, 5000));
    await running.until(
      () => running.logger.find('waiting for the copy to finish').length === 1,
      'the copy to be seen',
    );
    writeFileSync(`${path}.1`, full);
    truncateSync(path, 0);
    appendFileSync(path, numbered('b', 0, 3));
    await running.received(2013);
    expect(running.messages().filter((line) => line.startsWith('a'))).toEqual(sequence('a', 0, 2010));
    expect(running.messages().filter((line) => line.startsWith('b'))).toEqual(sequence('b', 0, 3));
  });

  it('two files with the same lines so far are both read in full', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('one.log'), 'started\nready\n');
    const running = scratch.start();
    await running.received(2);
    writeFileSync(scratch.path('two.log'), 'started\nready\n');
    await running.received(4);
    appendFileSync(scratch.path('two.log'), 'two only\n');
    await running.received(5);
    expect(running.messages()).toEqual(['started', 'ready', 'started', 'ready', 'two only']);
  });

  it('a file renamed while Sluice was stopped resumes where it stood', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), numbered('a', 0, 3));
    const first = scratch.start();
    await first.received(3);
    await first.stop();
    renameSync(scratch.path('app.log'), scratch.path('app.1.log'));
    appendFileSync(scratch.path('app.1.log'), 'a 3\n');
    const second = scratch.start();
    await second.received(1);
    expect(second.messages()).toEqual(['a 3']);
    expect(second.metrics.total('files_resumed_total')).toBe(1);
  });
});

describe('file source: damaged checkpoints', () => {
  it('reports a damaged checkpoint file, resumes the files whose checkpoint verifies, and reads the others from the beginning (not the end)', async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('kept.log'), numbered('kept', 0, 3));
    writeFileSync(scratch.path('lost.log'), numbered('lost', 0, 3));
    const first = scratch.start({ read_from: 'end' });
    await first.until(() => first.metrics.total('files_added_total') === 2, 'both files');
    appendFileSync(scratch.path('kept.log'), 'kept 3\n');
    appendFileSync(scratch.path('lost.log'), 'lost 3\n');
    await first.received(2);
    await first.stop();
    // Damage the line of lost.log (its position), in the current file and the previous one.
    const directory = join(scratch.data, 'files');
    for (const name of ['checkpoints.sluice', 'checkpoints.sluice.previous']) {
      const file = join(directory, name);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const lines = text
        .split('\n')
        .map((line) => (line.includes('lost.log') ? line.replace(/"position":\d+/, '"position":1') : line));
      writeFileSync(file, lines.join('\n'));
    }
    appendFileSync(scratch.path('kept.log'), 'kept 4\n');
    const second = scratch.start({ read_from: 'end' });
    await second.received(5);
    expect(second.messages().filter((line) => line.startsWith('kept'))).toEqual(['kept 4']);
    expect(second.messages().filter((line) => line.startsWith('lost'))).toEqual(sequence('lost', 0, 4));
    expect(second.metrics.total('component_errors_total', { error_code: 'reading_checkpoints' })).toBe(1);
    expect(second.logger.find('checkpoints are damaged', 'error')).toHaveLength(1);
  });

  it("resumes from Vector's checkpoints.json (same fingerprint, same position)", async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), 'first line\nsecond line\nthird line\n');
    // What Vector writes for this file after reading two lines: CRC-64/ECMA-182 of "first line\n".
    const { crc64 } = await import('./fingerprint.js');
    const checksum = BigInt(`0x${crc64(Buffer.from('first line\n'))}`).toString();
    const directory = join(scratch.data, 'files');
    (await import('node:fs')).mkdirSync(directory, { recursive: true });
    writeFileSync(
      join(directory, 'checkpoints.json'),
      `{"version":"1","checkpoints":[{"fingerprint":{"first_lines_checksum":${checksum}},"position":23,"modified":"2030-01-01T00:00:00Z"}]}`,
    );
    const running = scratch.start();
    await running.received(1);
    expect(running.messages()).toEqual(['third line']);
    expect(running.logger.find("imported the checkpoints of Vector's file source")).toHaveLength(1);
  });
});

describe('file source: a reload', () => {
  it("the new instance's checkpoints win: the old one, closed later, does not write over them", async () => {
    scratch = new Scratch();
    writeFileSync(scratch.path('app.log'), numbered('a', 0, 3));
    // The old instance read the lines; their outcomes never reached it.
    const old = scratch.start({}, { settle: 'manual' });
    await old.received(3);
    // The new one (same source id) reads them again and delivers them.
    const next = scratch.start();
    await next.received(3);
    await next.stop();
    await old.stop();
    appendFileSync(scratch.path('app.log'), 'a 3\n');
    const after = scratch.start();
    await after.received(1);
    expect(after.messages()).toEqual(['a 3']);
  });
});
