import { describe, expect, it } from 'vitest';
import {
  type Abort,
  CompileError,
  compile,
  FloatValue,
  formatDiagnostics,
  type RuntimeError,
  Timestamp,
} from './index.js';
import { standardLibrary } from './stdlib/index.js';
import { VRL_FUNCTION_NAMES } from './stdlib/vrl-function-names.js';

function run(source: string, event: unknown = {}) {
  return compile(source).run(event as never);
}

describe('compile and run', () => {
  it('keeps VRL value semantics: assigning copies, so later changes do not leak back', () => {
    const event = { foo: { a: 1 }, list: [{ n: 1 }] };
    const result = run(
      'x = .foo\nx.changed = true\n.copy = .foo\n.copy.also = true\nlist = [.foo]\nlist[0].third = true\nfor_each(array!(.list)) -> |_index, item| { item.n = 2 }\n[x, list]',
      event,
    );
    expect(result.status).toBe('ok');
    expect(event.foo).toEqual({ a: 1 });
    expect(event.list).toEqual([{ n: 1 }]);
    expect((result.event as Record<string, unknown>).copy).toEqual({ a: 1, also: true });
    expect(result).toMatchObject({ value: [{ a: 1, changed: true }, [{ a: 1, third: true }]] });
  });

  it('changes the event in place, and `. = …` replaces it (an array makes several events)', () => {
    const event = { message: 'm' };
    expect(run('.added = 1', event).event).toBe(event);
    expect(event).toEqual({ message: 'm', added: 1 });
    expect(run('. = [{ "a": 1 }, { "a": 2 }]', event).event).toEqual([{ a: 1 }, { a: 2 }]);
    expect(run('%tag = "t"\n%', {})).toMatchObject({ value: { tag: 't' }, metadata: { tag: 't' } });
  });

  it('with preserveInput, leaves the event and metadata it was given as they were, on success or failure', () => {
    const given = () => ({
      event: { a: { b: 1 }, list: [1], message: '{"x":1}' },
      metadata: { m: { n: 1 } },
    });
    const programs = [
      '.a.b = 2\n.list[1] = 2\n%m.n = 2\ndel(.message)',
      '.a.c = 1\n%z = 1\nparse_json!("nope")',
      'x = del(.)\nx.a.b = 3\n. = x',
      'del(.a.b, compact: true)\ndel(%m.n, compact: true)\nabort',
      '. = parse_json!(.message)\n.y = 2',
      '%m = 1\n.a = 1',
    ];
    for (const source of programs) {
      const runner = compile(source).runner({ preserveInput: true });
      const { event, metadata } = given();
      const status = runner.run(event, metadata);
      expect({ source, event, metadata }).toEqual({ source, ...given() });
      if (status === 'ok') expect(runner.event).not.toBe(event);
    }
    const runner = compile('.a.b = 2\n%m.n = 2').runner({ preserveInput: true });
    const { event, metadata } = given();
    expect(runner.run(event, metadata)).toBe('ok');
    expect(runner.event).toEqual({ ...given().event, a: { b: 2 } });
    expect(runner.metadata).toEqual({ m: { n: 2 } });
    // A runner reused: each run keeps its own input.
    const second = given();
    runner.run(second.event, second.metadata);
    expect(second).toEqual(given());
    // Without the option, changes are in place.
    const inPlace = given();
    compile('.a.b = 2').runner().run(inPlace.event, inPlace.metadata);
    expect(inPlace.event.a.b).toBe(2);
  });

  it('`??` takes its right side on any failure of a call on its left; elsewhere the error names the call', () => {
    expect(run('to_int("x") ?? 7')).toMatchObject({ value: 7 });
    expect(run('parse_json("{") ?? to_int("y") ?? "last"')).toMatchObject({ value: 'last' });
    expect(run('to_int(.n) ?? 0', { n: '12' })).toMatchObject({ value: 12 });
    expect(run('_x, err = to_int("x")\nerr')).toMatchObject({
      value:
        'function call error for "to_int" at (10:21): Invalid integer "x": invalid digit found in string',
    });
  });

  it('deletes fields of small and large objects alike, nested, compacted, `__proto__` included', () => {
    const large: Record<string, number> = {};
    for (let index = 0; index < 100; index++) large[`f${index}`] = index;
    const event = JSON.parse(
      '{"a":1,"secret":2,"__proto__":3,"nested":{"b":{"c":1}},"list":[{"d":1,"e":2}]}',
    );
    const result = run(
      'x = del(.secret)\ndel(.__proto__)\ndel(.nested.b.c, compact: true)\ndel(.list[0].d)\ndel(.large.f7)\n.x = x',
      { ...event, large },
    );
    expect(result.status).toBe('ok');
    const after = result.event as Record<string, unknown>;
    expect(Object.keys(after)).toEqual(['a', 'list', 'large', 'x']);
    expect(after).toMatchObject({ a: 1, list: [{ e: 2 }], x: 2 });
    expect(Object.keys(after.large as object)).toHaveLength(99);
    expect((after.large as Record<string, number>).f7).toBeUndefined();
    expect(Object.getPrototypeOf(after)).toBe(Object.prototype);
    expect(run('del(.a)\nkeys(.)', { a: 1, b: 2, c: 3 })).toMatchObject({ value: ['b', 'c'] });
  });

  it('keeps integers and floats apart, wraps i64, and carries bigints and nanoseconds', () => {
    expect(run('10 / 2').status === 'ok' && (run('10 / 2') as { value: unknown }).value).toEqual(
      new FloatValue(5),
    );
    expect(run('1.0')).toMatchObject({ value: new FloatValue(1) });
    expect(run('1 + 1.5')).toMatchObject({ value: 2.5 });
    expect(run('9007199254740993 + 1')).toMatchObject({ value: 9007199254740994n });
    expect(run('9223372036854775807 + 1')).toMatchObject({ value: -9223372036854775808n });
    expect(run('3 * 3')).toMatchObject({ value: 9 });
    const stamp = (run("t'2021-02-11T10:32:50.553955473Z'") as unknown as { value: Timestamp }).value;
    expect(stamp).toBeInstanceOf(Timestamp);
    expect([stamp.getTime(), stamp.submillisecondNanos]).toEqual([
      Date.UTC(2021, 1, 11, 10, 32, 50, 553),
      955473,
    ]);
    expect(run('int!(.big) + 1', { big: 2n ** 60n })).toMatchObject({ value: 2n ** 60n + 1n });
  });

  it('reports runtime errors, aborts and returns as VRL does', () => {
    expect(run('parse_json!(.text)', { text: '{' })).toMatchObject({
      status: 'error',
      message:
        'function call error for "parse_json" at (0:18): unable to parse json: EOF while parsing an object at line 1 column 1',
    });
    expect(run('.before = 1\nabort "stop"\n.after = 1', {})).toMatchObject({
      status: 'abort',
      message: 'stop',
      event: { before: 1 },
    });
    expect(run('abort', {})).toMatchObject({ status: 'abort', message: 'aborted' });
    expect(run('return 5\n.never = 1', {})).toMatchObject({ status: 'ok', value: 5, event: {} });
    expect(run('x, err = parse_json(.text)\n[x, err]', { text: '{' })).toMatchObject({
      value: [
        null,
        'function call error for "parse_json" at (9:26): unable to parse json: EOF while parsing an object at line 1 column 1',
      ],
    });
    expect(run('to_int(.x) ?? -1', { x: 'nope' })).toMatchObject({ value: -1 });
    expect(run('x = "b"\n"a{{ x }}c"')).toMatchObject({ value: 'abc' });
  });

  it('refuses what VRL refuses, with its diagnostics and a CompileError carrying them', () => {
    let error: unknown;
    try {
      compile('upcase(.message)');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CompileError);
    const compileError = error as CompileError;
    expect(compileError.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([110]);
    expect(compileError.message).toBe(formatDiagnostics('upcase(.message)', compileError.diagnostics).trim());
    expect(compileError.message).toContain('but the parameter "value" expects the exact type string');
  });

  it('refuses by name a VRL function that is not implemented, distinctly from an unknown one', () => {
    // Any VRL function this package does not implement (yet).
    const implemented = new Set(standardLibrary.map((vrlFunction) => vrlFunction.name));
    const missing = VRL_FUNCTION_NAMES.find((name) => !implemented.has(name));
    if (missing === undefined) return;
    const refused = (() => {
      try {
        compile(`${missing}(.message)`);
      } catch (caught) {
        return caught as CompileError;
      }
      return undefined;
    })();
    expect(refused?.diagnostics[0]?.unsupportedFunction).toBe(missing);
    expect(() => compile('no_such_function()')).toThrow(/call to undefined function/);
  });

  it('tells whether a program can fail or abort, so a caller knows when to keep the original event', () => {
    expect(compile('.a = 1')).toMatchObject({ fallible: false, abortable: false });
    expect(compile('.a = parse_json!(.b)')).toMatchObject({ fallible: true, abortable: false });
    expect(compile('if .a == 1 { abort }')).toMatchObject({ abortable: true });
  });
});

describe('what the compiler tells of a program', () => {
  it('usesMetadata: whether the program reads or writes %', () => {
    expect(compile('.a = 1').usesMetadata).toBe(false);
    expect(compile('.a = %b').usesMetadata).toBe(true);
    expect(compile('%b = 1').usesMetadata).toBe(true);
    expect(compile('del(%b)').usesMetadata).toBe(true);
  });

  it('mayHoldRegex: a regex literal that is not only a pattern argument', () => {
    expect(compile('.a = 1\n.b = replace(string!(.m), r\'a+\', "b")').mayHoldRegex).toBe(false);
    expect(compile('split("a,b", r\',\')').mayHoldRegex).toBe(false);
    expect(compile(".re = r'a+'").mayHoldRegex).toBe(true);
    expect(compile('x = r\'a+\'\n.b = replace(string!(.m), x, "b")').mayHoldRegex).toBe(true);
    expect(compile(".list = push([], r'a+')").mayHoldRegex).toBe(true);
  });

  it("resultType: the type of the program's value, as VRL's final_type_info().result", () => {
    expect(compile('.a == 1').resultType.kind.isBoolean()).toBe(true);
    expect(compile('exists(.a)\n.b').resultType.kind.isBoolean()).toBe(false);
    expect(compile('if .a == 1 { true }').resultType.kind.isBoolean()).toBe(false);
    expect(compile('if .a == 1 { true } else { false }').resultType.kind.isBoolean()).toBe(true);
  });
});

describe('a runner: many runs with one context', () => {
  it('each run leaves the event, metadata and value, or the message', () => {
    const runner = compile('.n = to_int!(.n)\n%m = .n\n.n').runner();
    const first = { n: '5' };
    expect(runner.run(first, {})).toBe('ok');
    expect([runner.event, runner.metadata, runner.value]).toEqual([{ n: 5 }, { m: 5 }, 5]);
    expect(runner.event).toBe(first);
    expect(runner.run({ n: '6' }, {})).toBe('ok');
    expect(runner.event).toEqual({ n: 6 });
    expect(runner.run({ n: 'x' }, {})).toBe('error');
    expect(runner.message).toBe(
      'function call error for "to_int" at (5:16): Invalid integer "x": invalid digit found in string',
    );
    expect(runner.event).toEqual({ n: 'x' });
  });

  it('an abort, and a return', () => {
    expect(compile('abort "stop"').runner().run({}, {})).toBe('abort');
    const runner = compile('return 7\n.never = true').runner();
    expect(runner.run({}, {})).toBe('ok');
    expect([runner.value, runner.event]).toEqual([7, {}]);
  });
});

describe('runtime errors as diagnostics (what Vector prints for a failing unit-test condition)', () => {
  it("a function call error: the inner message labels the call, the author's message is a note", () => {
    const source = 'assert!(.code == 201, message: "wrong code")';
    const runner = compile(source).runner();
    expect(runner.run({ code: 200 }, {})).toBe('error');
    expect(formatDiagnostics(source, [(runner.failure as RuntimeError).diagnostic()])).toBe(
      [
        '',
        'error[E000]: function call error for "assert" at (0:44): wrong code',
        '  ┌─ :1:1',
        '  │',
        '1 │ assert!(.code == 201, message: "wrong code")',
        '  │ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ wrong code',
        '  │',
        '  = wrong code',
        '  = see language documentation at https://vrl.dev',
        '  = try your code in the VRL REPL, learn more at https://vrl.dev/examples',
        '',
        '',
      ].join('\n'),
    );
    expect((runner.failure as RuntimeError).userMessage).toBe('wrong code');
  });

  it('an abort is labelled "aborted"', () => {
    const runner = compile('.a = 1\nabort').runner();
    expect(runner.run({}, {})).toBe('abort');
    expect(formatDiagnostics('.a = 1\nabort', [(runner.failure as Abort).diagnostic()])).toContain(
      '2 │ abort\n  │ ^^^^^ aborted',
    );
  });
});
