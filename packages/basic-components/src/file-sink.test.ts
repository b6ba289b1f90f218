import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachFinalizer, createLogEvent, type DeliveryStatus, type LogEvent } from '@sluice/component-api';
import { ControllableInput, createTestContext, inputOf } from '@sluice/testkit';
import { expect, it, onTestFinished } from 'vitest';
import { createFileSink, fileSink } from './file-sink.js';

it('appends one line per event to the file its path template names; an event without the field is rejected and counted', async () => {
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
  // A field never climbs out of the directory.
  expect(await read('.._up.log')).toEqual(['e']);
  expect(statuses.filter((status) => status === 'delivered')).toHaveLength(4);
  expect(statuses.filter((status) => status === 'rejected')).toHaveLength(1);
  expect(context.metrics.total('component_sent_events_total')).toBe(4);
  expect(context.metrics.total('component_errors_total', { error_type: 'template_failed' })).toBe(1);
});

it("renders strftime specifiers in the path from each event's timestamp (UTC), and now when it has none, as Vector", async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  const context = createTestContext({ id: 'dated' });
  const sink = createFileSink(
    { path: join(directory, '%Y', '{{ app }}-%Y-%m-%d.log'), encoding: { codec: 'text' } },
    context,
  );
  const today = () => new Date().toISOString().slice(0, 10);
  const before = today();
  await sink.run(
    inputOf([
      [
        createLogEvent({ message: 'a', app: 'web', timestamp: new Date('2026-12-31T23:59:59.999Z') }),
        createLogEvent({ message: 'b', app: 'web', timestamp: new Date('2027-01-01T00:00:00Z') }),
        createLogEvent({ message: 'c', app: 'web' }),
      ],
    ]),
  );
  const after = today();
  expect(await readFile(join(directory, '2026', 'web-2026-12-31.log'), 'utf8')).toBe('a\n');
  expect(await readFile(join(directory, '2027', 'web-2027-01-01.log'), 'utf8')).toBe('b\n');
  const undated = [before, after].map((day) => join(directory, day.slice(0, 4), `web-${day}.log`));
  expect(undated.some((path) => existsSync(path))).toBe(true);
  expect(context.metrics.total('component_sent_events_total')).toBe(3);
});

it('renders the time at the offset of its timezone option', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  const context = createTestContext({ id: 'zoned' });
  // Asia/Kolkata has no daylight saving time: +05:30 whenever the test runs.
  const sink = createFileSink(
    { path: join(directory, '%Y-%m-%dT%H%z.log'), timezone: 'Asia/Kolkata', encoding: { codec: 'text' } },
    context,
  );
  await sink.run(
    inputOf([[createLogEvent({ message: 'late', timestamp: new Date('2027-01-03T20:00:00Z') })]]),
  );
  expect(await readFile(join(directory, '2027-01-04T01+0530.log'), 'utf8')).toBe('late\n');
});

it('refuses a path with a strftime item chrono does not know and an unknown timezone, as configuration errors', () => {
  const validate = (options: { path: string; timezone?: string }) =>
    fileSink.validate?.(options, { dataDir: undefined });
  expect(validate({ path: '/var/log/%Q.log' })).toEqual([
    { path: 'path', message: 'invalid strftime item "%Q" in "/var/log/%Q.log"' },
  ]);
  // Only the text between references is strftime: a `%` inside a field's name is the field's.
  expect(validate({ path: '/var/log/{{ a%b }}-%F.log', timezone: 'local' })).toEqual([]);
  expect(validate({ path: '/var/log/app.log', timezone: 'Mars/Olympus_Mons' })).toEqual([
    { path: 'timezone', message: 'unknown time zone "Mars/Olympus_Mons"' },
  ]);
  expect(validate({ path: '/var/log/app.log', timezone: 'Europe/Paris' })).toEqual([]);
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
