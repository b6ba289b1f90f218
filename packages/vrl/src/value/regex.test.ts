import { describe, expect, it } from 'vitest';
import { RegexSyntaxError, translateRustRegex, VrlRegex } from './regex.js';

describe('regexes in Rust syntax on a linear-time engine', () => {
  it('matches Unicode classes as Rust does (\\d, \\w, \\s are Unicode-aware there, ASCII in RE2)', () => {
    expect(VrlRegex.compile('^\\d+$').test('١٢٣')).toBe(true);
    expect(VrlRegex.compile('^\\w+$').test('héllo_wörld')).toBe(true);
    expect(VrlRegex.compile('^\\s$').test('\u00a0')).toBe(true);
    expect(VrlRegex.compile('^[\\w-]+$').test('ça-va')).toBe(true);
    expect(VrlRegex.compile('^\\D$').test('a')).toBe(true);
  });

  it('translates named groups, flags, verbose mode, \\u escapes and long class names', () => {
    expect(VrlRegex.compile('(?P<year>\\d{4})-(?<month>\\d{2})').captureNames()).toEqual([
      null,
      'year',
      'month',
    ]);
    expect(VrlRegex.compile('(?i)abc').test('ABC')).toBe(true);
    expect(VrlRegex.compile('(?x) a b # a comment\n c').test('abc')).toBe(true);
    expect(VrlRegex.compile('\\u{41}\\x42').test('AB')).toBe(true);
    expect(VrlRegex.compile('^\\p{Letter}+$').test('abc')).toBe(true);
    expect(translateRustRegex('(?iu)x')).toBe('(?i)x');
    // A nested class is a union (uap-core's `[[0-9].]`).
    expect(translateRustRegex('a[[0-9].]*b')).toBe('a[0-9.]*b');
    expect(VrlRegex.compile('^[[0-9].]+$').test('1.2.3')).toBe(true);
    expect(VrlRegex.compile('^[[0-9].]+$').test('1a')).toBe(false);
  });

  it("refuses invalid patterns with Rust's wording, and what RE2 cannot express", () => {
    expect(() => VrlRegex.compile('[')).toThrow(new RegexSyntaxError('[', 'unclosed character class'));
    expect(() => VrlRegex.compile('(a')).toThrow('unclosed group');
    expect(() => VrlRegex.compile('[a-z&&[^aeiou]]')).toThrow(/not supported/);
    expect(() => VrlRegex.compile('[a[^b]]')).toThrow(/not supported/);
  });

  it("replaces with Rust's expansion: $1, $name, $$ and the braced name", () => {
    const regex = VrlRegex.compile('(?P<word>\\w+)@(\\w+)');
    const braced = ['$', '{word}'].join('');
    expect(regex.replace('joe@host', `$2:$word/${braced}x/$$/$9`)).toBe('host:joe/joex/$/');
    expect(VrlRegex.compile('o').replace('foo boo', '0', 2)).toBe('f00 boo');
    expect(VrlRegex.compile('').replace('ab', '-')).toBe('-a-b-');
  });

  it('finds every match, advancing past empty ones, and splits like Rust', () => {
    expect([...VrlRegex.compile('a*').matches('baaa')].map((match) => match.groups[0])).toEqual([
      '',
      'aaa',
      '',
    ]);
    expect(VrlRegex.compile(',\\s*').split('a, b,c')).toEqual(['a', 'b', 'c']);
  });

  it('stays linear on patterns that hang a backtracking engine', () => {
    const text = `${'a'.repeat(100_000)}!`;
    expect(VrlRegex.compile('^(a+)+$').test(text)).toBe(false);
    expect(VrlRegex.compile('(a|aa)*b').test(text)).toBe(false);
  });
});
