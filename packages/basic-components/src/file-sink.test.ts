import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachFinalizer, createLogEvent, type DeliveryStatus } from '@sluice/component-api';
import { createTestContext, inputOf } from '@sluice/testkit';
import { expect, it, onTestFinished } from 'vitest';
import { createFileSink } from './file-sink.js';

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
