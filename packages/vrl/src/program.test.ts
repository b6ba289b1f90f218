import { describe, expect, it } from 'vitest';
import { CompileError, compile, FloatValue, formatDiagnostics, Timestamp } from './index.js';
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
