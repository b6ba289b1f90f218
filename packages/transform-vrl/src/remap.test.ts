import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  attachFinalizer,
  type Batch,
  ConfigError,
  createLogEvent,
  type DeliveryStatus,
  estimateByteSize,
  FloatValue,
  finalizeEvents,
  type LogEvent,
  type OutputBatches,
  Timestamp,
} from '@sluice/component-api';
import { createTestContext, metricKey } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type RemapOptions, remapTransform } from './remap.js';

const defaults = {
  drop_on_error: false,
  drop_on_abort: true,
  reroute_dropped: false,
  metric_tag_values: 'single',
  runtime: 'ast',
} as const;

function remap(options: Partial<RemapOptions>) {
  const context = createTestContext({ id: 'my_remap' });
  const full = { ...defaults, ...options } as RemapOptions;
  const problems = remapTransform.validate?.(full, { dataDir: undefined }) ?? [];
  if (problems.length > 0)
    throw new Error(problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'));
  const transform = remapTransform.create(full, context) as {
    transform(batch: Batch): Batch | OutputBatches;
  };
  const run = (batch: Batch) => transform.transform(batch);
  const counter = (name: string, labels: Record<string, string>) =>
    context.metrics.values.get(metricKey(name, { ...labels })) ?? 0;
  return { run, context, counter };
}

const line = (message: string, extra: Record<string, unknown> = {}) =>
  createLogEvent({
    message,
    host: 'web-1',
    source_type: 'socket',
    timestamp: new Timestamp(Date.UTC(2026, 0, 2), 123_456),
    ...extra,
  } as never);

/** Events that record the status their source learns. */
function acknowledged(events: LogEvent[]): DeliveryStatus[] {
  const statuses: DeliveryStatus[] = [];
  attachFinalizer(events, (status) => statuses.push(status));
  return statuses;
}

describe('remap', () => {
  it('runs a typical program (parse_json, del, a coercion, an if) over each event; the event is structured after', () => {
    const { run } = remap({
      source: [
        '. = parse_json!(.message)',
        'del(.password)',
        '.status = to_int(.status) ?? 0',
        'if .status >= 500 { .level = "error" } else { .level = "info" }',
      ].join('\n'),
    });
    const [event] = run([line('{"status":"503","password":"hunter2","user":"ann","took":1.5}')]) as Batch;
    expect(event?.fields).toEqual({ status: 503, user: 'ann', took: 1.5, level: 'error' });
    expect(event?.metadata.structured).toBe(true);
  });

  it("keeps Vector's value model: integers and floats apart, big integers exact, nanosecond timestamps", () => {
    const { run } = remap({
      source:
        '.float = 2.0\n.integer = 2\n.big = 9223372036854775807\n.copied = .timestamp\n.parsed = parse_json!("[1.0, 3]")',
    });
    const [event] = run([line('m')]) as Batch;
    const fields = event?.fields as Record<string, unknown>;
    expect(fields.float).toEqual(new FloatValue(2));
    expect(fields.integer).toBe(2);
    expect(fields.big).toBe(9223372036854775807n);
    expect(fields.copied).toBeInstanceOf(Timestamp);
    expect((fields.copied as Timestamp).submillisecondNanos).toBe(123_456);
    expect(fields.parsed).toEqual([new FloatValue(1), 3]);
  });

  it('an event whose program fails passes unchanged (changes before the error undone), counted and logged', () => {
    const { run, context, counter } = remap({ source: '.touched = true\n.n = to_int!(.n)' });
    const good = line('ok', { n: '5' });
    const bad = line('bad', { n: 'x', nested: { a: 1 } });
    const output = run([good, bad]) as Batch;
    expect(output).toHaveLength(2);
    expect(output[0]?.fields).toMatchObject({ touched: true, n: 5 });
    expect(output[1]?.fields).toEqual({ ...line('bad', { n: 'x', nested: { a: 1 } }).fields });
    expect(output[1]?.metadata.structured).toBe(false);
    expect(counter('component_errors_total', { error_type: 'conversion_failed', stage: 'processing' })).toBe(
      1,
    );
    expect(context.logger.find('Mapping failed with event.', 'error')[0]?.fields).toMatchObject({
      error:
        'function call error for "to_int" at (21:32): Invalid integer "x": invalid digit found in string',
      event_dropped: false,
    });
  });

  it('a failing run leaves nested fields and the metadata as they came, whatever it changed before', () => {
    const { run } = remap({
      source: '.nested.a = 2\n.list[0] = 9\n%seen = true\ndel(.host)\n.n = to_int!(.n)',
    });
    const given = () => line('bad', { n: 'x', nested: { a: 1 }, list: [1] });
    const event = given();
    event.metadata.value = { kept: { deep: 1 } };
    const [after] = run([event]) as Batch;
    expect(after?.fields).toEqual(given().fields);
    expect(after?.metadata.value).toEqual({ kept: { deep: 1 } });
    const good = line('good', { n: '1', nested: { a: 1 }, list: [1] });
    const [changed] = run([good]) as Batch;
    expect(changed?.fields).toMatchObject({ n: 1, nested: { a: 2 }, list: [9] });
    expect(changed?.fields).not.toHaveProperty('host');
    expect(changed?.metadata.value).toEqual({ seen: true });
  });

  it("each event's byte size is its fields' after the run (what *_event_bytes_total counts)", () => {
    const { run } = remap({
      source:
        'if .message == "many" { . = [{"a": 1}, {"b": "two"}] } else { . = parse_json!(.message)\ndel(.password) }',
    });
    const events = [line('{"status":"200","password":"hunter2"}'), line('not json'), line('many')];
    const sizesBefore = events.map((event) => event.metadata.byteSize);
    const output = run(events) as Batch;
    expect(output).toHaveLength(4);
    for (const event of output) expect(event.metadata.byteSize).toBe(estimateByteSize(event.fields));
    // The one that failed passes with its size as it came.
    expect(output[1]?.metadata.byteSize).toBe(sizesBefore[1]);
    expect(output[0]?.metadata.byteSize).toBeLessThan(sizesBefore[0] as number);
  });

  it('drop_on_error drops the failing event: finalized as dropped, counted as discarded (unintentional)', () => {
    const { run, counter } = remap({ source: '.n = to_int!(.n)', drop_on_error: true });
    const events = [line('a', { n: '1' }), line('b', { n: 'x' })];
    const statuses = acknowledged(events);
    const output = run(events) as Batch;
    expect(output.map((event) => event.fields.n)).toEqual([1]);
    finalizeEvents(output, 'delivered');
    expect(statuses).toEqual(['dropped']);
    expect(counter('component_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(counter('component_errors_total', { error_type: 'conversion_failed', stage: 'processing' })).toBe(
      1,
    );
  });

  it('abort drops the event by default (on purpose); with drop_on_abort false it passes unchanged', () => {
    const program = '.seen = true\nif .level == "debug" { abort }';
    const dropping = remap({ source: program });
    const output = dropping.run([line('a', { level: 'debug' }), line('b', { level: 'info' })]) as Batch;
    expect(output.map((event) => event.fields.message)).toEqual(['b']);
    expect(dropping.counter('component_discarded_events_total', { intentional: 'true' })).toBe(1);
    expect(
      dropping.counter('component_errors_total', { error_type: 'conversion_failed', stage: 'processing' }),
    ).toBe(0);

    const passing = remap({ source: program, drop_on_abort: false });
    const [kept] = passing.run([line('a', { level: 'debug' })]) as Batch;
    expect(kept?.fields).not.toHaveProperty('seen');
  });

  it("reroute_dropped: the event as it came, annotated as Vector does, goes to <id>.dropped (assert's message kept)", () => {
    const { run, counter } = remap({
      source:
        '.changed = true\nassert!(.ok == true, message: "not ok")\nif .level == "debug" { abort "no debug" }',
      drop_on_error: true,
      reroute_dropped: true,
    });
    const result = run([
      line('a', { ok: false }),
      line('b', { ok: true, level: 'debug' }),
      line('c', { ok: true }),
    ]) as OutputBatches;
    expect(result.default.map((event) => event.fields.message)).toEqual(['c']);
    const dropped = result.named.get('dropped') ?? [];
    expect(dropped.map((event) => event.fields)).toEqual([
      {
        ...line('a', { ok: false }).fields,
        metadata: {
          dropped: {
            reason: 'error',
            message: 'not ok',
            component_id: 'my_remap',
            component_type: 'remap',
            component_kind: 'transform',
          },
        },
      },
      {
        ...line('b', { ok: true, level: 'debug' }).fields,
        metadata: {
          dropped: {
            reason: 'abort',
            message: 'no debug',
            component_id: 'my_remap',
            component_type: 'remap',
            component_kind: 'transform',
          },
        },
      },
    ]);
    // As Vector: a rerouted event is neither an error nor a discard.
    expect(counter('component_errors_total', { error_type: 'conversion_failed', stage: 'processing' })).toBe(
      0,
    );
    expect(counter('component_discarded_events_total', { intentional: 'false' })).toBe(0);
  });

  it('. = [..] makes several events sharing the finalizer: the source learns the outcome once, when all are settled', () => {
    const { run } = remap({ source: '. = [{"n": 1}, {"n": 2}, "third"]' });
    const events = [line('x')];
    const statuses = acknowledged(events);
    const output = run(events) as Batch;
    expect(output.map((event) => event.fields)).toEqual([{ n: 1 }, { n: 2 }, { message: 'third' }]);
    finalizeEvents(output.slice(0, 2), 'delivered');
    expect(statuses).toEqual([]);
    finalizeEvents(output.slice(2), 'rejected');
    expect(statuses).toEqual(['rejected']);
  });

  it('. = [] drops the event on purpose; . = 5 makes it the message; an array holding one object twice gives two', () => {
    const empty = remap({ source: '. = []' });
    const events = [line('x')];
    const statuses = acknowledged(events);
    expect(empty.run(events)).toEqual([]);
    expect(statuses).toEqual(['dropped']);
    expect(empty.counter('component_discarded_events_total', { intentional: 'true' })).toBe(1);

    expect((remap({ source: '. = 5' }).run([line('x')]) as Batch)[0]?.fields).toEqual({ message: 5 });
    const twice = remap({ source: 'x = {"a": 1}\n. = [x, x]' }).run([line('x')]) as Batch;
    expect(twice).toHaveLength(2);
    expect(twice[0]?.fields).not.toBe(twice[1]?.fields);
  });

  it('a regex left in the event becomes its pattern (what Vector writes for one)', () => {
    const [event] = remap({ source: ".re = r'^a+$'\n.list = [r'b']" }).run([line('x')]) as Batch;
    expect(event?.fields).toMatchObject({ re: '^a+$', list: ['b'] });
  });

  it("% is the event's metadata: set by one program, read by the next, never encoded as a field", () => {
    const first = remap({ source: '%route = "billing"\n%seen = .message' });
    const second = remap({ source: '.routed_to = %route\n.seen = %seen' });
    const [event] = second.run(first.run([line('x')]) as Batch) as Batch;
    expect(event?.metadata.value).toEqual({ route: 'billing', seen: 'x' });
    expect(event?.fields).toMatchObject({ routed_to: 'billing', seen: 'x' });
    expect(event?.fields).not.toHaveProperty('route');
  });

  it('a hostile event (100,000 fields, nesting past the stack) fails alone; the batch goes on', () => {
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 20_000; level++) deep = { d: deep };
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`f${index}`, index]));
    const { run, counter } = remap({ source: '.copy = encode_json(.deep)\n.n = length(keys(.))' });
    // Built without the size estimate, which would overflow on it here.
    const hostile = createLogEvent({ ...line('deep').fields, deep } as never, { byteSize: 1 });
    const output = run([hostile, line('wide', wide), line('plain')]) as Batch;
    expect(output.map((event) => event.fields.message)).toEqual(['deep', 'wide', 'plain']);
    expect(output[1]?.fields.n).toBe(100_005);
    expect(output[2]?.fields.n).toBe(5);
    expect(counter('component_errors_total', { error_type: 'conversion_failed', stage: 'processing' })).toBe(
      1,
    );
  });
});

describe('remap options', () => {
  const directories: string[] = [];
  afterEach(async () => {
    for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
  });
  const problems = (options: Partial<RemapOptions>) =>
    (
      remapTransform.validate?.({ ...defaults, ...options } as RemapOptions, { dataDir: undefined }) ?? []
    ).map((problem) => `${problem.path}: ${problem.message}`);

  it("a program VRL refuses is a problem at source, printed as VRL's diagnostics", () => {
    expect(problems({ source: '. = parse_json(.message)' })).toEqual([
      `source: ${[
        'error[E103]: unhandled fallible assignment',
        '  ┌─ :1:5',
        '  │',
        '1 │ . = parse_json(.message)',
        '  │ --- ^^^^^^^^^^^^^^^^^^^^',
        '  │ │   │',
        "  │ │   this expression is fallible because at least one argument's type cannot be verified to be valid",
        '  │ │   update the expression to be infallible by adding a `!`: `parse_json!(.message)`',
        '  │ │   `.message` argument type is `any` and this function expected a parameter `value` of type `string`',
        '  │ or change this to an infallible assignment:',
        '  │ ., err = parse_json(.message)',
        '  │',
        '  = see documentation about error handling at https://errors.vrl.dev/#handling',
        '  = see functions characteristics documentation at https://vrl.dev/expressions/#function-call-characteristics',
        '  = learn more about error code 103 at https://errors.vrl.dev/103',
        '  = see language documentation at https://vrl.dev',
        '  = try your code in the VRL REPL, learn more at https://vrl.dev/examples',
      ].join('\n')}`,
    ]);
  });

  it('exactly one of source, file, files; a file that cannot be read; an unknown time zone', () => {
    expect(problems({})).toEqual([
      ': must provide exactly one of `source` or `file` or `files` configuration',
    ]);
    expect(problems({ source: '.a = 1', file: 'x.vrl' })).toEqual([
      'file: must provide exactly one of `source` or `file` or `files` configuration',
    ]);
    expect(problems({ file: '/nonexistent/program.vrl' })).toEqual([
      'file: Could not open vrl program "/nonexistent/program.vrl": No such file or directory (os error 2)',
    ]);
    expect(problems({ source: '.a = 1', timezone: 'Mars/Olympus' })).toEqual([
      'timezone: No such time zone: "Mars/Olympus"',
    ]);
    expect(problems({ source: '.a = 1', timezone: 'Europe/Paris' })).toEqual([]);
    expect(problems({ source: '.a = 1', timezone: 'local' })).toEqual([]);
  });

  it('file and files: read as Vector reads them (files joined, each ending a line)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'remap-'));
    directories.push(directory);
    await writeFile(join(directory, 'a.vrl'), '.a = 1');
    await writeFile(join(directory, 'b.vrl'), '.b = .a + 1');
    const [fromFile] = remap({ file: join(directory, 'a.vrl') }).run([line('x')]) as Batch;
    expect(fromFile?.fields.a).toBe(1);
    const [fromFiles] = remap({ files: [join(directory, 'a.vrl'), join(directory, 'b.vrl')] }).run([
      line('x'),
    ]) as Batch;
    expect(fromFiles?.fields).toMatchObject({ a: 1, b: 2 });
    await writeFile(join(directory, 'bad.vrl'), '.a = ');
    expect(problems({ file: join(directory, 'bad.vrl') })[0]).toMatch(
      /^file: error\[E204\]: syntax error\n {2}┌─ :1:6\n/,
    );
  });

  it('create refuses what validate refuses (for direct callers), with the same paths', () => {
    expect(() =>
      remapTransform.create({ ...defaults, source: '.a = ' } as RemapOptions, createTestContext()),
    ).toThrow(ConfigError);
  });

  it("logs the compiler's warnings once, as Vector", () => {
    const { context } = remap({ source: '"x"\n.b = 2' });
    expect(context.logger.find('VRL compilation warning.', 'warn')[0]?.fields?.warnings).toMatch(
      /^warning\[E900\]: unused literal `"x"`/,
    );
  });

  it('declares <id>.dropped only with reroute_dropped', () => {
    expect(remapTransform.outputs?.({ ...defaults, source: '' } as RemapOptions)).toEqual({
      default: true,
      named: [],
    });
    expect(
      remapTransform.outputs?.({ ...defaults, source: '', reroute_dropped: true } as RemapOptions),
    ).toEqual({
      default: true,
      named: ['dropped'],
    });
  });
});
