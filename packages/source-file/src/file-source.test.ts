import { appendFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
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
