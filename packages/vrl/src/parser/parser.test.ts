import { describe, expect, it } from 'vitest';
import type { CompileError } from '../diagnostic/diagnostic.js';
import { compile } from '../index.js';
import { parse } from './parser.js';

function codes(source: string): number[] {
  try {
    compile(source);
    return [];
  } catch (error) {
    return (error as CompileError).diagnostics.map((diagnostic) => diagnostic.code);
  }
}

describe("VRL's grammar", () => {
  it('reads a path only where its segments touch (whitespace ends it)', () => {
    expect(compile('.a.b[0]."c d"').run({ a: { b: [{ 'c d': 1 }] } })).toMatchObject({ value: 1 });
    expect(compile('%x').run({}, { metadata: { x: 2 } })).toMatchObject({ value: 2 });
    expect(compile('{ "a": [1, 2] }.a[-1]').run({})).toMatchObject({ value: 2 });
    expect(codes('.a .b')).toEqual([203]);
  });

  it("cuts tokens as VRL's lexer does: `-1` is a literal, operators are maximal runs, `1e5` a name", () => {
    expect(compile('3 - -1').run({})).toMatchObject({ value: 4 });
    expect(codes('3 -1')).toEqual([203]);
    expect(codes('x = 1\nx==-1')).toEqual([203]);
    expect(codes('1e5')).toEqual([701]);
  });

  it('recovers after a syntax error and reports the next one too', () => {
    const result = parse('.a = ]\n.b = 1\n.c = )\n.d = 2');
    expect('program' in result && result.program.expressions.map((root) => root.type)).toEqual([
      'error',
      'expression',
      'error',
      'expression',
    ]);
    expect(codes('.a = ]\n.b = 1\n.c = )')).toEqual([203, 203]);
  });

  it('refuses an invalid literal alone, wherever it is', () => {
    expect(codes('.a = 1\n"bad \\q escape"\n.c = )')).toEqual([209]);
  });

  it("takes `else` on the line after `}`, templates, raw strings and VRL's escapes", () => {
    expect(compile('if false { 1 }\nelse if false { 2 }\n\nelse { 3 }').run({})).toMatchObject({ value: 3 });
    expect(compile('name = "x"\n"{{ name }}-\\{{ not }}-\\u{1F600}"').run({})).toMatchObject({
      value: 'x-{{ not }}-😀',
    });
    expect(compile("s'no \\n escape'").run({})).toMatchObject({ value: 'no \\n escape' });
    expect(compile('"line \\\n    continued"').run({})).toMatchObject({ value: 'line continued' });
  });

  it('reserves the names VRL reserves', () => {
    expect(codes('string = 1')).toEqual([205]);
    expect(compile('string!(.a)').run({ a: 'ok' })).toMatchObject({ value: 'ok' });
  });
});
