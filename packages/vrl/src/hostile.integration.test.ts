import { describe, expect, it } from 'vitest';
import { CompileError } from './diagnostic/diagnostic.js';
import { compile } from './index.js';
import { MAX_NESTING_DEPTH } from './parser/parser.js';
import { MAX_REPEATED_LENGTH } from './runtime/arithmetic.js';

/** Hostile programs and events: one clear error, or bounded time and memory; never a hang or a crash. */
describe('hostile input', () => {
  it('compiles a 1 MB program of 60,000 assignments (the type state is persistent: no quadratic copies)', () => {
    const source = Array.from({ length: 60_000 }, (_, index) => `.field_${index} = "value ${index}"`).join(
      '\n',
    );
    expect(source.length).toBeGreaterThan(1_000_000);
    const result = compile(source).run({});
    expect(result.status).toBe('ok');
    expect((result.event as Record<string, unknown>).field_59999).toBe('value 59999');
  });

  it('compiles a 1 MB program of 60,000 variables', () => {
    const source = `${Array.from({ length: 60_000 }, (_, index) => `variable_${index} = ${index}`).join('\n')}\nvariable_59999`;
    expect(source.length).toBeGreaterThan(1_000_000);
    expect(compile(source).run({})).toMatchObject({ status: 'ok', value: 59_999 });
  });

  it('refuses nesting deeper than the limit with one syntax error instead of overflowing the stack', () => {
    for (const source of [
      `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      `${'('.repeat(20_000)}1${')'.repeat(20_000)}`,
      `${'!'.repeat(20_000)}true`,
      `${'{ '.repeat(20_000)}1${' }'.repeat(20_000)}`,
      Array(20_000).fill('1').join(' + '),
      `${'upcase('.repeat(20_000)}"a"${')'.repeat(20_000)}`,
    ]) {
      let error: unknown;
      try {
        compile(source);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CompileError);
      const diagnostics = (error as CompileError).diagnostics;
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]?.labels[0]?.message).toBe(
        `expressions nest more than ${MAX_NESTING_DEPTH} levels deep`,
      );
    }
  });

  it('runs programs nested just under the limit', () => {
    const depth = MAX_NESTING_DEPTH - 10;
    expect(compile(`${'['.repeat(depth)}1${']'.repeat(depth)}`).run({}).status).toBe('ok');
    expect(compile(Array(depth).fill('1').join(' + ')).run({})).toMatchObject({ value: depth });
    expect(compile(`${'if true { '.repeat(depth)}1${' }'.repeat(depth)}`).run({})).toMatchObject({
      value: 1,
    });
  });

  it('works through an event of 100,000 fields', () => {
    const event: Record<string, number> = {};
    for (let index = 0; index < 100_000; index++) event[`f${index}`] = index;
    const program = compile(
      '.a = 1\ndel(.f5)\n.count = length(keys(.))\n.json = length(encode_json(.))\n.count',
    );
    const result = program.run(event);
    expect(result).toMatchObject({ status: 'ok', value: 100_000 });
    expect((result.event as Record<string, unknown>).f5).toBeUndefined();
  });

  it('matches a regex that makes a backtracking engine explode, in linear time', () => {
    // `(a+)+$` against a long run of `a` ending in `!` takes exponential time in JavaScript's RegExp.
    const program = compile(`replace(string!(.text), r'(a+)+$', "z")`);
    expect(program.run({ text: `${'a'.repeat(50_000)}!` })).toMatchObject({
      status: 'ok',
      value: `${'a'.repeat(50_000)}!`,
    });
  });

  it('refuses JSON nested deeper than serde_json does, as a runtime error', () => {
    const result = compile('parse_json!(.text)').run({ text: `${'['.repeat(10_000)}${']'.repeat(10_000)}` });
    expect(result).toMatchObject({ status: 'error' });
    expect((result as { message: string }).message).toContain('recursion limit exceeded');
  });

  it('bounds string repetition instead of exhausting memory', () => {
    // VRL types `string * integer` as infallible and aborts the process on a huge one; here the run fails.
    expect(compile('.x = "ab" * 9223372036854775807').run({})).toMatchObject({
      status: 'error',
      message: `can't repeat a string to more than ${MAX_REPEATED_LENGTH} characters`,
    });
  });

  it('never treats a field named after an Object.prototype member as present', () => {
    const program = compile('[exists(.constructor), .toString, .__proto__, exists(.__proto__)]');
    expect(program.run({})).toMatchObject({ status: 'ok', value: [false, null, null, false] });
    const assigned = compile('.__proto__ = { "polluted": true }\n.constructor = 1\n.').run({});
    expect(Object.getPrototypeOf(assigned.event)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(assigned.event as object).sort()).toEqual(['__proto__', 'constructor']);
  });
});
