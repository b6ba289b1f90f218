import { describe, expect, it } from 'vitest';
import {
  type Aggregate,
  aggregateLine,
  type MultilineRules,
  merged,
  type PositionedLine,
  rustRegExp,
} from './multiline.js';

function run(rules: Omit<MultilineRules, 'timeoutMs'>, lines: string[]): string[] {
  const out: string[] = [];
  let open: Aggregate | undefined;
  let offset = 0;
  for (const text of lines) {
    const line: PositionedLine = { text, start: offset, end: offset + text.length + 1 };
    offset = line.end;
    open = aggregateLine({ ...rules, timeoutMs: 1000 }, open, line, 0, (message) => out.push(message.text));
  }
  if (open !== undefined) out.push(merged(open).text);
  return out;
}

describe('multiline (Vector line_agg)', () => {
  it('continue_through: Ruby exceptions', () => {
    const lines = [
      "foobar.rb:6:in `/': divided by 0 (ZeroDivisionError)",
      "\tfrom foobar.rb:6:in `bar'",
      "\tfrom foobar.rb:2:in `foo'",
      'next message',
    ];
    expect(
      run(
        { start: rustRegExp('^[^\\s]'), condition: rustRegExp('^[\\s]+from'), mode: 'continue_through' },
        lines,
      ),
    ).toEqual([lines.slice(0, 3).join('\n'), 'next message']);
  });

  it('continue_past: line continuations', () => {
    const lines = ['First line\\', 'second line\\', 'third line', 'alone'];
    expect(
      run({ start: rustRegExp('\\\\$'), condition: rustRegExp('\\\\$'), mode: 'continue_past' }, lines),
    ).toEqual(['First line\\\nsecond line\\\nthird line', 'alone']);
  });

  it('halt_before: a start marker ends the previous message and opens the next (the legacy option)', () => {
    const marker = rustRegExp('^\\d{4}-');
    const lines = ['2024-01-01 a', '  detail', '2024-01-02 b', '2024-01-03 c', '  more'];
    expect(run({ start: marker, condition: marker, mode: 'halt_before' }, lines)).toEqual([
      '2024-01-01 a\n  detail',
      '2024-01-02 b',
      '2024-01-03 c\n  more',
    ]);
  });

  it('halt_with: up to and including the terminating line', () => {
    const lines = ['SELECT *', 'FROM t', 'WHERE x;', 'other'];
    expect(
      run({ start: rustRegExp('^SELECT'), condition: rustRegExp(';$'), mode: 'halt_with' }, lines),
    ).toEqual(['SELECT *\nFROM t\nWHERE x;', 'other']);
  });

  it('reads Rust regular expressions: inline flags, named groups, \\A and \\z', () => {
    expect(rustRegExp('(?i)^error').test('ERROR here')).toBe(true);
    expect(rustRegExp('^(?P<level>INFO|WARN) ').exec('WARN x')?.groups?.level).toBe('WARN');
    expect(rustRegExp('\\Aabc\\z').test('abc')).toBe(true);
    expect(() => rustRegExp('(?U)a+')).toThrow(SyntaxError);
    expect(() => rustRegExp('(')).toThrow(SyntaxError);
  });
});
