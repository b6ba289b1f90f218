import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib, { gunzipSync } from 'node:zlib';
import { attachFinalizer, createLogEvent, type DeliveryStatus, type LogEvent } from '@sluice/component-api';
import { ControllableInput, createTestContext, inputOf } from '@sluice/testkit';
import { expect, it, onTestFinished, vi } from 'vitest';
import { createFileSink, fileSink } from './file-sink.js';

it('appends one line per event to the file its path template names; an event without the field, or whose path leaves the base, is rejected and counted', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  const context = createTestContext({ id: 'kept' });
  const events = [
    createLogEvent({ message: 'a', app: 'web' }),
    createLogEvent({ message: 'b', app: 'db' }),
    createLogEvent({ message: 'c', app: 'web' }),
    createLogEvent({ message: 'd' }),
    createLogEvent({ message: 'e', app: '../up' }),
  ];
  const statuses: DeliveryStatus[] = [];
  for (const event of events) attachFinalizer([event], (status) => statuses.push(status));
  const sink = createFileSink(
    { path: join(directory, 'logs', '{{ app }}.log'), encoding: { codec: 'json' } },
    context,
  );
  await sink.run(inputOf([events.slice(0, 2), events.slice(2)]));
  const read = async (name: string) =>
    (await readFile(join(directory, 'logs', name), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).message);
  expect(await read('web.log')).toEqual(['a', 'c']);
  expect(await read('db.log')).toEqual(['b']);
  // A field never climbs out of the directory of the path's literal prefix (Vector's confinement).
  expect(existsSync(join(directory, 'up.log'))).toBe(false);
  expect(statuses.filter((status) => status === 'delivered')).toHaveLength(3);
  expect(statuses.filter((status) => status === 'rejected')).toHaveLength(2);
  expect(context.metrics.total('component_sent_events_total')).toBe(3);
  expect(context.metrics.total('component_errors_total', { error_type: 'template_failed' })).toBe(1);
  expect(context.metrics.total('component_errors_total', { error_type: 'confinement_failed' })).toBe(1);
});

it('frames with framing and rejects (counted) an event over max_frame_length', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  const context = createTestContext({ id: 'framed' });
  const sink = createFileSink(
    {
      path: join(directory, 'out.bin'),
      encoding: { codec: 'text' },
      framing: {
        method: 'length_delimited',
        length_delimited: { length_field_length: 2, max_frame_length: 3 },
      },
    },
    context,
  );
  await sink.run(inputOf([[createLogEvent({ message: 'abc' }), createLogEvent({ message: 'toolong' })]]));
  expect(await readFile(join(directory, 'out.bin'))).toEqual(Buffer.from('\0\x03abc', 'latin1'));
  expect(context.metrics.total('component_sent_events_total')).toBe(1);
  expect(context.metrics.total('component_errors_total', { error_type: 'encoder_failed' })).toBe(1);
});

/** Events with one finalizer each; their statuses by message, and a promise of each one's status. */
function tracked(...fields: Array<Record<string, string>>) {
  const statuses = new Map<string, DeliveryStatus>();
  const settled = new Map<string, Promise<DeliveryStatus>>();
  const events = fields.map((one) => {
    const event = createLogEvent(one);
    settled.set(
      one.message as string,
      new Promise((resolve) =>
        attachFinalizer([event], (status) => {
          statuses.set(one.message as string, status);
          resolve(status);
        }),
      ),
    );
    return event;
  });
  return { events, statuses, settled: (message: string) => settled.get(message) };
}

it('rejects (counted, logged) the events of a path that is a directory, and keeps writing the others', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  await mkdir(join(directory, 'taken.log'));
  const context = createTestContext({ id: 'kept' });
  const { events, statuses } = tracked(
    { message: 'a', app: 'taken' },
    { message: 'b', app: 'taken' },
    { message: 'c', app: 'good' },
  );
  const sink = createFileSink(
    { path: join(directory, '{{ app }}.log'), encoding: { codec: 'text' } },
    context,
  );
  await sink.run(inputOf([events.slice(0, 2), events.slice(2)]));
  expect(Object.fromEntries(statuses)).toEqual({ a: 'rejected', b: 'rejected', c: 'delivered' });
  expect(await readFile(join(directory, 'good.log'), 'utf8')).toBe('c\n');
  expect(
    context.metrics.total('component_errors_total', {
      error_code: 'failed_opening_file',
      error_type: 'io_failed',
      stage: 'sending',
    }),
  ).toBe(1);
  expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(2);
  expect(context.metrics.total('component_sent_events_total')).toBe(1);
  expect(context.logger.find('Unable to open the file', 'error')).toHaveLength(1);
});

it('rejects the events of a path whose parent is a file, and does not keep the failed open: the path works once fixed', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  await writeFile(join(directory, 'blocker'), 'a file where a directory should be');
  const context = createTestContext({ id: 'kept' });
  const { events, statuses, settled } = tracked({ message: 'a' }, { message: 'b' });
  const input = new ControllableInput();
  const sink = createFileSink(
    { path: join(directory, 'blocker', 'out.log'), encoding: { codec: 'text' } },
    context,
  );
  const running = sink.run(input);
  input.push([events[0] as LogEvent]);
  expect(await settled('a')).toBe('rejected');
  await rm(join(directory, 'blocker'));
  input.push([events[1] as LogEvent]);
  input.end();
  await running;
  expect(Object.fromEntries(statuses)).toEqual({ a: 'rejected', b: 'delivered' });
  expect(await readFile(join(directory, 'blocker', 'out.log'), 'utf8')).toBe('b\n');
  expect(
    context.metrics.total('component_errors_total', {
      error_code: 'failed_opening_file',
      error_type: 'io_failed',
    }),
  ).toBe(1);
  expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
});

// Linux's /dev/full opens and refuses every write (ENOSPC), and neither it nor /dev/null can be
// synced (EINVAL): a failed write and failed closes without mocks.
it.runIf(existsSync('/dev/full'))(
  'rejects the events of a failed write (failed_writing_file), counts failed closes without throwing, and keeps going',
  async () => {
    const context = createTestContext({ id: 'kept' });
    const { events, statuses } = tracked({ message: 'a', device: 'full' }, { message: 'b', device: 'null' });
    const sink = createFileSink({ path: '/dev/{{ device }}', encoding: { codec: 'text' } }, context);
    await sink.run(inputOf([[events[0] as LogEvent], [events[1] as LogEvent]]));
    expect(Object.fromEntries(statuses)).toEqual({ a: 'rejected', b: 'delivered' });
    const errors = (code: string) =>
      context.metrics.total('component_errors_total', {
        error_code: code,
        error_type: 'io_failed',
        stage: 'sending',
      });
    expect(errors('failed_writing_file')).toBe(1);
    expect(errors('failed_closing_file')).toBe(2);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(context.logger.find('Failed to write the file', 'error')).toHaveLength(1);
  },
);

it("renders strftime in the path from each event's timestamp, in UTC or the sink's timezone (Vector's examples)", async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  const timestamp = new Date(Date.UTC(2024, 0, 31, 23, 30));
  const events = [
    createLogEvent({ message: 'a', application_id: 'web', timestamp }),
    createLogEvent({ message: 'b', application_id: 'db', timestamp }),
  ];
  await createFileSink(
    { path: join(directory, 'application-{{ application_id }}-%Y-%m-%d.log'), encoding: { codec: 'text' } },
    createTestContext(),
  ).run(inputOf([events]));
  expect(await readFile(join(directory, 'application-web-2024-01-31.log'), 'utf8')).toBe('a\n');
  expect(await readFile(join(directory, 'application-db-2024-01-31.log'), 'utf8')).toBe('b\n');
  await createFileSink(
    { path: join(directory, 'vector-%Y-%m-%d.log'), encoding: { codec: 'text' }, timezone: 'Asia/Singapore' },
    createTestContext(),
  ).run(inputOf([[createLogEvent({ message: 'c', timestamp })]]));
  expect(await readFile(join(directory, 'vector-2024-02-01.log'), 'utf8')).toBe('c\n');
});

it('gzip: each batch is flushed before it is acknowledged; a file closed when idle and reopened is read back whole', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
  const context = createTestContext();
  const { events, settled } = tracked(
    { message: 'a', app: 'one' },
    { message: 'b', app: 'two' },
    { message: 'c', app: 'one' },
  );
  const input = new ControllableInput();
  const sink = createFileSink(
    {
      path: join(directory, '{{ app }}.log.gz'),
      encoding: { codec: 'text' },
      compression: 'gzip',
      idle_timeout_secs: 5,
    },
    context,
  );
  const running = sink.run(input);
  input.push([events[0] as LogEvent]);
  expect(await settled('a')).toBe('delivered');
  // Acknowledged means in the file, before any close.
  expect(gunzipSync(await readFile(join(directory, 'one.log.gz')), { finishFlush: 2 }).toString()).toBe(
    'a\n',
  );
  expect(context.metrics.total('open_files')).toBe(1);
  // Idle for 5 s: one.log.gz is finished and closed (the write that follows waits for the close).
  vi.advanceTimersByTime(5_000);
  input.push([events[1] as LogEvent]);
  expect(await settled('b')).toBe('delivered');
  expect(context.metrics.total('open_files')).toBe(1);
  expect(gunzipSync(await readFile(join(directory, 'one.log.gz'))).toString()).toBe('a\n');
  input.push([events[2] as LogEvent]);
  input.end();
  await running;
  // Reopened: a second gzip member, read back as one stream.
  expect(gunzipSync(await readFile(join(directory, 'one.log.gz'))).toString()).toBe('a\nc\n');
  expect(gunzipSync(await readFile(join(directory, 'two.log.gz'))).toString()).toBe('b\n');
  expect(context.metrics.total('open_files')).toBe(0);
});

it('refuses at validation what Vector refuses at build: no base to confine to, a relative base_dir, a bad strftime, zstd without Node support', () => {
  const problems = (options: Record<string, unknown>) =>
    fileSink.validate?.({ encoding: { codec: 'text' }, ...options } as never, { dataDir: undefined }) ?? [];
  expect(problems({ path: '{{ host }}.log' })).toEqual([
    {
      path: 'path',
      message:
        'the path names event fields (host) but has no literal directory to confine them to; set base_dir, or dangerously_allow_unconfined_template_resolution = true (not recommended)',
    },
  ]);
  expect(problems({ path: '/{{ tenant }}/app.log' })[0]?.message).toMatch(/is the file system root/);
  expect(problems({ path: '{{ host }}.log', base_dir: 'logs' })[0]).toMatchObject({ path: 'base_dir' });
  expect(problems({ path: '/tmp/a.log', base_dir: '/var/log' })[0]?.message).toMatch(/outside base_dir/);
  expect(problems({ path: '/tmp/%E.log' })[0]).toMatchObject({
    path: 'path',
    message: expect.stringMatching(/strftime/),
  });
  expect(problems({ path: '{{ host }}.log', base_dir: '/var/log/vector' })).toEqual([]);
  expect(
    problems({ path: '{{ host }}.log', dangerously_allow_unconfined_template_resolution: true }),
  ).toEqual([]);
  expect(problems({ path: '/tmp/x', timezone: 'Mars/Olympus' })[0]).toMatchObject({ path: 'timezone' });
  const zstd = problems({ path: '/tmp/x.zst', compression: 'zstd' });
  if ('createZstdCompress' in zlib) expect(zstd).toEqual([]);
  else
    expect(zstd[0]).toMatchObject({
      path: 'compression',
      message: expect.stringMatching(/zstd needs Node 22.15/),
    });
});

it('a symbolic link under the base that leads out of it does not take events out', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  const outside = await mkdtemp(join(tmpdir(), 'sluice-file-sink-outside-'));
  onTestFinished(async () => {
    await rm(directory, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });
  await symlink(outside, join(directory, 'escape'));
  const context = createTestContext();
  const { events, statuses } = tracked({ message: 'a', dir: 'escape' }, { message: 'b', dir: 'fine' });
  await createFileSink(
    { path: join(directory, '{{ dir }}', 'out.log'), encoding: { codec: 'text' } },
    context,
  ).run(inputOf([events]));
  expect(Object.fromEntries(statuses)).toEqual({ a: 'rejected', b: 'delivered' });
  expect(existsSync(join(outside, 'out.log'))).toBe(false);
  expect(context.metrics.total('component_errors_total', { error_type: 'confinement_failed' })).toBe(1);
});
