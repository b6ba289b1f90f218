import { PassThrough, Readable, Writable } from 'node:stream';
import memoryBuffers from '@sluice/buffer-memory';
import { createLogEvent, defineSink, silentLogger } from '@sluice/component-api';
import { ComponentRegistry, MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { createTestContext, inputOf, makeEvents, testSink, testSource } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import definitions, {
  addFieldsTransform,
  blackholeSink,
  type ConsoleOptions,
  consoleSink,
  createConsoleSink,
  createStdinSource,
  demoLogsSource,
  parseJsonTransform,
  removeFieldsTransform,
} from './index.js';

testSource(demoLogsSource, { options: { format: 'json', sequence: false, interval: 0 } });
testSink(blackholeSink, { options: { print_interval_secs: 0 } });
testSink(consoleSink, { options: { target: 'stderr', encoding: 'text' } });

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
    create: (options, context) => createConsoleSink(options, stream, context.metrics),
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

  it('remove_fields removes dotted paths', async () => {
    const transform = await removeFieldsTransform.create({ fields: ['a.b', 'gone'] }, createTestContext());
    const [event] = (await transform.transform([
      createLogEvent({ a: { b: 1, c: 2 }, gone: 1, kept: 1 }),
    ])) as [ReturnType<typeof createLogEvent>];
    expect(event.fields).toEqual({ a: { c: 2 }, kept: 1 });
  });

  it('parse_json merges the object into the root, drops the field, marks the event structured', async () => {
    const context = createTestContext();
    const transform = await parseJsonTransform.create({ field: 'message', drop_field: true }, context);
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
      { field: 'message', drop_field: false },
      createTestContext(),
    );
    const [event] = (await transform.transform([createLogEvent({ message: '{"a":1}' })])) as [
      ReturnType<typeof createLogEvent>,
    ];
    expect(event.fields).toEqual({ message: '{"a":1}', a: 1 });
  });
});

describe('console sink', () => {
  it('writes one line per event with the encoding and counts what it sent', async () => {
    const output = collectingStream();
    const context = createTestContext();
    const sink = createConsoleSink({ target: 'stdout', encoding: 'text' }, output.stream, context.metrics);
    await sink.run(inputOf([makeEvents(3)]));
    expect(output.text()).toBe('event 0\nevent 1\nevent 2\n');
    expect(context.metrics.total('component_sent_events_total')).toBe(3);
  });
});
