import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import memoryBuffers from '@sluice/buffer-memory';
import {
  attachFinalizer,
  type Batch,
  createLogEvent,
  defineSink,
  EventFinalizer,
  type LogEvent,
  silentLogger,
} from '@sluice/component-api';
import { ComponentRegistry, MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { createEncoder } from '@sluice/encoding';
import {
  createTestContext,
  inputOf,
  makeEvents,
  nestedFields,
  nestedJson,
  testSink,
  testSource,
} from '@sluice/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import definitions, {
  addFieldsTransform,
  blackholeSink,
  type ConsoleOptions,
  consoleSink,
  createConsoleSink,
  createStdinSource,
  demoLogsSource,
  fileSink,
  jsonParserTransform,
  paceUntil,
  parseJsonTransform,
  removeFieldsTransform,
} from './index.js';

testSource(demoLogsSource, { options: { format: 'json', sequence: false, interval: 0 } });
testSink(blackholeSink, { options: { print_interval_secs: 0 } });
testSink(consoleSink, { options: { target: 'stderr', encoding: 'text' } });
const fileSinkDirectory = mkdtempSync(join(tmpdir(), 'sluice-file-sink-'));
afterAll(() => rmSync(fileSinkDirectory, { recursive: true, force: true }));
testSink(fileSink, { options: { path: join(fileSinkDirectory, 'out.ndjson'), encoding: 'json' } });

function registry(): ComponentRegistry {
  const registry = new ComponentRegistry();
  registry.register(definitions, '@sluice/basic-components');
  registry.register(memoryBuffers, '@sluice/buffer-memory');
  return registry;
}

/** The console sink writing to a stream of the test instead of stdout. */
function consoleTo(type: string, stream: Writable) {
  return defineSink<ConsoleOptions>({
    ...consoleSink,
    type,
    create: (options, context) => createConsoleSink(options, stream, context),
  });
}

function collectingStream() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString() };
}

describe('a pipeline in a few lines', () => {
  it('demo_logs → add_fields → console, built from a plain object config, runs to completion', async () => {
    const output = collectingStream();
    const registry_ = registry();
    // The console sink writes to a stream of the test instead of stdout.
    registry_.register([consoleTo('test_console', output.stream)], 'test');
    const plan = await planTopology(
      {
        sources: {
          demo: {
            type: 'demo_logs',
            format: 'shuffle',
            lines: ['hello'],
            sequence: true,
            count: 25,
            interval: 0,
          },
        },
        transforms: {
          enrich: { type: 'add_fields', inputs: ['demo'], fields: { env: 'test', app: { name: 'sluice' } } },
        },
        sinks: { out: { type: 'test_console', inputs: ['enrich'], encoding: 'json' } },
      },
      { registry: registry_ },
    );
    const topology = await Topology.build(plan, { logger: silentLogger });
    await topology.run();
    const lines = output
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(25);
    expect(lines[24]).toMatchObject({
      message: '24 hello',
      env: 'test',
      app: { name: 'sluice' },
      source_type: 'demo_logs',
    });
  });

  it('backpressure: a slow sink slows a fast source; buffered events never exceed the capacities', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        void gate.then(() => callback());
      },
    });
    const registry_ = registry();
    registry_.register([consoleTo('slow_console', slow)], 'test');
    const metrics = new MetricsRegistry();
    const plan = await planTopology(
      {
        sources: { demo: { type: 'demo_logs', interval: 0 } },
        sinks: {
          out: { type: 'slow_console', inputs: ['demo'], buffer: { type: 'memory', max_events: 1000 } },
        },
      },
      { registry: registry_ },
    );
    const topology = await Topology.build(plan, { logger: silentLogger, metrics });
    const running = topology.run();
    const sent = async () =>
      Number(
        /component_sent_events_total\{component_id="demo"[^}]*\} (\d+)/.exec(await metrics.render())?.[1] ??
          0,
      );
    for (let turn = 0; turn < 100; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    const first = await sent();
    for (let turn = 0; turn < 100; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    // The source is stalled: one 500-event batch in the sink, the buffer's 1,000 (+ one batch), one batch in emit.
    expect(await sent()).toBe(first);
    expect(first).toBeLessThanOrEqual(500 + 1000 + 500 + 500);
    release();
    await topology.shutdown({ deadlineMs: 5_000 });
    await running;
  });
});

describe('demo_logs', () => {
  it('stops after count', async () => {
    const source = await demoLogsSource.create(
      { format: 'shuffle', sequence: false, interval: 0, count: 1234 },
      createTestContext(),
    );
    let total = 0;
    await source.run(async (batch) => {
      total += batch.length;
    }, new AbortController().signal);
    expect(total).toBe(1234);
  });
});

describe('stdin', () => {
  it('reads lines, strips \\r, emits the last line at the end', async () => {
    const input = Readable.from([Buffer.from('one\r\ntw'), Buffer.from('o\nthree')]);
    const source = createStdinSource({ max_length: 100, host_key: 'host' }, () => input, createTestContext());
    const messages: unknown[] = [];
    await source.run(async (batch) => {
      messages.push(...batch.map((event) => event.fields.message));
    }, new AbortController().signal);
    expect(messages).toEqual(['one', 'two', 'three']);
  });

  it('stops when its signal aborts', async () => {
    const input = new PassThrough();
    const source = createStdinSource({ max_length: 100, host_key: '' }, () => input, createTestContext());
    const controller = new AbortController();
    const running = source.run(async () => {}, controller.signal);
    controller.abort();
    await running;
    expect(input.destroyed).toBe(true);
  });
});

describe('transforms', () => {
  it('add_fields adds nested and dotted fields, honouring overwrite', async () => {
    const transform = await addFieldsTransform.create(
      { fields: { a: { b: 1 }, 'c.d': 'x', keep: 'new' }, overwrite: false },
      createTestContext(),
    );
    const [event] = (await transform.transform([createLogEvent({ keep: 'old' })])) as [
      ReturnType<typeof createLogEvent>,
    ];
    expect(event.fields).toEqual({ keep: 'old', a: { b: 1 }, c: { d: 'x' } });
  });

  it("add_fields renders templates as old Vector's did (its add_fields_templating test), skipping a field it cannot render", async () => {
    const context = createTestContext();
    const transform = await addFieldsTransform.create(
      {
        fields: {
          some_key: '{{message}} {{message}}',
          day: 'day %Y-%m-%d',
          nested: '{{ a.b }}',
          missing: 'x {{ nope }}',
          plain: '100%%',
          count: 3,
        },
        overwrite: true,
      },
      context,
    );
    const timestamp = new Date(Date.UTC(2024, 4, 6, 7, 8, 9));
    const [event] = (await transform.transform([
      createLogEvent({ message: 'augment me', timestamp, a: { b: 1.5 } }),
    ])) as [ReturnType<typeof createLogEvent>];
    expect(event.fields).toEqual({
      message: 'augment me',
      timestamp,
      a: { b: 1.5 },
      some_key: 'augment me augment me',
      day: 'day 2024-05-06',
      nested: '1.5',
      plain: '100%%',
      count: 3,
    });
    expect(context.metrics.total('component_errors_total', { error_type: 'template_failed' })).toBe(1);
    expect(context.logger.find('failed to render a template', 'warn')).toHaveLength(1);
  });

  it('remove_fields removes dotted paths', async () => {
    const transform = await removeFieldsTransform.create(
      { fields: ['a.b', 'gone'], drop_empty: false },
      createTestContext(),
    );
    const [event] = (await transform.transform([
      createLogEvent({ a: { b: 1, c: 2 }, gone: 1, kept: 1 }),
    ])) as [ReturnType<typeof createLogEvent>];
    expect(event.fields).toEqual({ a: { c: 2 }, kept: 1 });
  });

  it('parse_json merges the object into the root, drops the field, marks the event structured', async () => {
    const context = createTestContext();
    const transform = await parseJsonTransform.create(
      { field: 'message', drop_field: true, drop_invalid: false, overwrite_target: false },
      context,
    );
    const [parsed, invalid, notObject] = (await transform.transform([
      createLogEvent({ message: '{"level":"info","user":"ada"}', host: 'h' }),
      createLogEvent({ message: 'not json' }),
      createLogEvent({ message: '[1,2]' }),
    ])) as Array<ReturnType<typeof createLogEvent>>;
    expect(parsed?.fields).toEqual({ level: 'info', user: 'ada', host: 'h' });
    expect(parsed?.metadata.structured).toBe(true);
    expect(invalid?.fields).toEqual({ message: 'not json' });
    expect(invalid?.metadata.structured).toBe(false);
    expect(notObject?.fields).toEqual({ message: '[1,2]' });
    expect(context.metrics.total('component_errors_total', { error_type: 'parser_failed' })).toBe(2);
    expect(context.logger.find('not a JSON object', 'warn')).toHaveLength(1);
  });

  it('parse_json keeps the field with drop_field = false', async () => {
    const transform = await parseJsonTransform.create(
      { field: 'message', drop_field: false, drop_invalid: false, overwrite_target: false },
      createTestContext(),
    );
    const [event] = (await transform.transform([createLogEvent({ message: '{"a":1}' })])) as [
      ReturnType<typeof createLogEvent>,
    ];
    expect(event.fields).toEqual({ message: '{"a":1}', a: 1 });
  });

  it('parse_json reads numbers as Vector: 2.0 a float, i64 exact', async () => {
    const transform = await parseJsonTransform.create(
      { field: 'message', drop_field: true, drop_invalid: false, overwrite_target: false },
      createTestContext(),
    );
    const [event] = (await transform.transform([
      createLogEvent({ message: '{"f":2.0,"i":9223372036854775807}' }),
    ])) as [ReturnType<typeof createLogEvent>];
    expect(createEncoder('json').encodeToString(event)).toBe('{"f":2.0,"i":9223372036854775807}');
  });
  it('parse_json leaves a text nested past the limit unparsed and counted, also under a target_field', async () => {
    const context = createTestContext();
    const options = { field: 'message', drop_field: true, drop_invalid: false, overwrite_target: false };
    const transform = await parseJsonTransform.create(options, context);
    const deep = createLogEvent({ message: nestedJson(5000) });
    const [left, parsed] = (await transform.transform([
      deep,
      createLogEvent({ message: nestedJson(127) }),
    ])) as Array<ReturnType<typeof createLogEvent>>;
    expect(left?.fields.message).toBe(nestedJson(5000));
    expect(left?.metadata.structured).toBe(false);
    expect(parsed?.fields).toEqual(nestedFields(127));
    // 126 levels under `a.b` (the event's map, a, b) reach level 128.
    const targeted = await parseJsonTransform.create({ ...options, target_field: 'a.b' }, context);
    const [under] = (await targeted.transform([createLogEvent({ message: nestedJson(126) })])) as Array<
      ReturnType<typeof createLogEvent>
    >;
    expect(under?.fields).toEqual({ message: nestedJson(126) });
    expect(context.metrics.total('component_errors_total', { error_type: 'parser_failed' })).toBe(2);
  });
});

describe('config values nested past the limit', () => {
  it('add_fields refuses a table or a dotted key that would nest 128 levels deep in the event', () => {
    const problems = (fields: Record<string, unknown>) =>
      addFieldsTransform.validate?.({ fields, overwrite: true } as never, { dataDir: undefined }) ?? [];
    expect(problems({ deep: nestedFields(127) })).toEqual([
      { path: 'fields', message: expect.stringMatching(/nests 128 or more levels deep/) },
    ]);
    expect(problems({ deep: nestedFields(5000) })).toHaveLength(1);
    expect(problems({ [Array.from({ length: 128 }, () => 'a').join('.')]: 1 })).toHaveLength(1);
    expect(problems({ [Array.from({ length: 127 }, () => 'a').join('.')]: 1 })).toEqual([]);
    expect(problems({ deep: nestedFields(126) })).toEqual([]);
  });
});

describe("Vector's older transform options (from Vector's tests/behavior/transforms, before #13315)", () => {
  it('add_fields: "a[0]" keys build arrays, holes are null', async () => {
    const transform = await addFieldsTransform.create(
      {
        fields: { 'a[0]': 0, 'a[1]': '1', 'a[2]': 2.5, 'b[2]': 'two', 'b[0]': 0, 'c.d[1].e': true },
        overwrite: true,
      },
      createTestContext(),
    );
    const [event] = (await transform.transform([createLogEvent({ message: '' })])) as [
      ReturnType<typeof createLogEvent>,
    ];
    expect(event.fields).toEqual({
      message: '',
      a: [0, '1', 2.5],
      b: [0, null, 'two'],
      c: { d: [null, { e: true }] },
    });
  });

  it('remove_fields with drop_empty removes the tables it leaves empty', async () => {
    const transform = await removeFieldsTransform.create(
      { fields: ['a.c', 'a.b', 'b.a', 'x.y.z'], drop_empty: true },
      createTestContext(),
    );
    const [event] = (await transform.transform([
      createLogEvent({ a: { b: 3, c: 4 }, b: { a: 3, b: 4 }, x: { y: { z: 1 } }, keep: {} }),
    ])) as [ReturnType<typeof createLogEvent>];
    expect(event.fields).toEqual({ b: { b: 4 }, keep: {} });
  });

  it('json_parser: drop_invalid drops (counted, logged, finalized), target_field nests the object', async () => {
    const jsonParser = definitions.find((definition) => definition.type === 'json_parser');
    expect(jsonParser?.kind).toBe('transform');
    const context = createTestContext();
    const transform = await jsonParserTransform.create(
      {
        field: 'message',
        drop_field: true,
        drop_invalid: true,
        target_field: 'data',
        overwrite_target: false,
      },
      context,
    );
    const output = (await transform.transform([
      createLogEvent({ message: '{"a":1}' }),
      createLogEvent({ message: 'not json' }),
      createLogEvent({ message: '{"b":2}', data: 'taken' }),
    ])) as Array<ReturnType<typeof createLogEvent>>;
    expect(output.map((event) => event.fields)).toEqual([
      { data: { a: 1 } },
      { message: '{"b":2}', data: 'taken' },
    ]);
    expect(context.metrics.total('component_discarded_events_total')).toBe(1);
    expect(context.metrics.total('component_errors_total', { error_type: 'parser_failed' })).toBe(2);
    expect(context.logger.find('events dropped (drop_invalid)', 'warn')).toHaveLength(1);
    expect(context.logger.find('target field already exists', 'warn')).toHaveLength(1);
  });
});

describe('blackhole sink', () => {
  it('rate paces batches as Vector does: each due count/rate seconds after the previous', () => {
    expect(paceUntil(undefined, 1000, 10, 100)).toBe(1100);
    expect(paceUntil(1100, 1050, 50, 100)).toBe(1600);
  });

  it('accepts rate and the old print_amount (warned), and delivers everything', async () => {
    const context = createTestContext();
    const sink = await blackholeSink.create(
      { print_interval_secs: 0, rate: 1_000_000, print_amount: 10 },
      context,
    );
    await sink.run(inputOf([makeEvents(3), makeEvents(2)]));
    expect(context.metrics.total('component_sent_events_total')).toBe(5);
    expect(context.logger.find('print_amount is an old Vector option', 'warn')).toHaveLength(1);
  });
});

describe('console sink', () => {
  it('writes one line per event with the encoding and counts what it sent', async () => {
    const output = collectingStream();
    const context = createTestContext();
    const sink = createConsoleSink({ target: 'stdout', encoding: 'text' }, output.stream, context);
    await sink.run(inputOf([makeEvents(3)]));
    expect(output.text()).toBe('event 0\nevent 1\nevent 2\n');
    expect(context.metrics.total('component_sent_events_total')).toBe(3);
  });

  it('frames events as framing says (Vector framing on console)', async () => {
    const output = collectingStream();
    const context = createTestContext();
    const sink = createConsoleSink(
      {
        target: 'stdout',
        encoding: { codec: 'logfmt' },
        framing: { method: 'character_delimited', character_delimited: { delimiter: ';' } },
      },
      output.stream,
      context,
    );
    await sink.run(inputOf([makeEvents(2)]));
    expect(output.text()).toMatch(/^message="event 0"[^;]*;message="event 1"[^;]*;$/);
  });

  it('rejects, counts and logs an event the codec cannot write, and writes the others', async () => {
    const output = collectingStream();
    const context = createTestContext();
    const sink = createConsoleSink({ target: 'stdout', encoding: { codec: 'gelf' } }, output.stream, context);
    const statuses: string[] = [];
    const finalizer = new EventFinalizer(2, (status) => statuses.push(status));
    const good = createLogEvent({ host: 'h', message: 'ok' }, { finalizer });
    const noHost = createLogEvent({ message: 'no host' }, { finalizer });
    await sink.run(inputOf([[good, noHost]]));
    expect(output.text()).toBe('{"host":"h","short_message":"ok","version":"1.1"}\0');
    expect(context.metrics.total('component_sent_events_total')).toBe(1);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(context.metrics.total('component_errors_total', { error_type: 'encoder_failed' })).toBe(1);
    expect(
      context.logger.find('events rejected: LogEvent does not contain required field', 'error'),
    ).toHaveLength(1);
    expect(statuses).toEqual(['rejected']);
  });

  it('a closed output (EPIPE): its events are rejected and counted, no error escapes, and the sink goes on to the end', async () => {
    const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        callback(epipe());
      },
    });
    const context = createTestContext();
    const sink = createConsoleSink({ target: 'stdout' }, output, context);
    const statuses: string[] = [];
    const batches = [makeEvents(3), makeEvents(2, {}, 3), makeEvents(4, {}, 5)];
    for (const batch of batches) attachFinalizer(batch, (status) => statuses.push(status));
    await expect(sink.run(inputOf(batches))).resolves.toBeUndefined();
    // The stream's own 'error' event, emitted after the write failed, was handled too.
    await new Promise((resolve) => setImmediate(resolve));
    expect(statuses).toEqual(['rejected', 'rejected', 'rejected']);
    expect(context.metrics.total('component_sent_events_total')).toBe(0);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(9);
    expect(context.metrics.total('component_errors_total', { error_code: 'write_failed' })).toBe(9);
    expect(context.logger.find('EPIPE', 'error')).toHaveLength(1);
  });

  it('an event nested past the limit is rejected alone: counted encode_failed, sent to <sink>.rejected; the sink goes on', async () => {
    const output = collectingStream();
    const rejected: LogEvent[] = [];
    const context = {
      ...createTestContext(),
      rejected: { send: async (events: Batch) => void rejected.push(...events) },
    };
    const sink = createConsoleSink({ target: 'stdout', encoding: { codec: 'json' } }, output.stream, context);
    const statuses: string[] = [];
    const poison = createLogEvent(nestedFields(5000), {
      structured: true,
      finalizer: new EventFinalizer(1, (status) => statuses.push(status)),
    });
    await sink.run(inputOf([makeEvents(2), [poison], makeEvents(2, {}, 2)]));
    expect(output.text().split('\n').filter(Boolean)).toHaveLength(4);
    expect(statuses).toEqual(['rejected']);
    expect(context.metrics.total('component_sent_events_total')).toBe(4);
    expect(context.metrics.total('component_errors_total', { error_code: 'encode_failed' })).toBe(1);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(rejected.map((event) => event.fields.rejection)).toEqual([
      {
        sink_id: context.id,
        error_code: 'encode_failed',
        error_message: expect.stringMatching(/nests 128 or more levels deep/),
        attempts: 0,
      },
    ]);
  });
});
