import { describe, expect, it } from 'vitest';
import { evaluate } from '../test-helpers/outcome.js';
import { tokenize } from './parse-tokens.js';

// VRL's own tests of its tokenizer (src/core/tokenize.rs).
describe('parse_tokens', () => {
  it.each([
    ['foo', ['foo']],
    ['foo bar', ['foo', 'bar']],
    ['foo\t bar', ['foo', 'bar']],
    ['foo  \t bar     baz', ['foo', 'bar', 'baz']],
    ['foo "bar baz"', ['foo', 'bar baz']],
    ['foo ""', ['foo', '']],
    [String.raw`foo "bar \" \" baz"`, ['foo', String.raw`bar \" \" baz`]],
    ['foo "bar', ['foo', '"bar']],
    ['[foo.bar = baz] quux', ['foo.bar = baz', 'quux']],
    ['[] quux', ['', 'quux']],
    [String.raw`[foo " [[ \] "" bar] baz`, [String.raw`foo " [[ \] "" bar`, 'baz']],
    ['foo [bar', ['foo', '[bar']],
    ['foo bar[baz]: quux', ['foo', 'bar', 'baz', ':', 'quux']],
    ['foo bar[baz quux', ['foo', 'bar', '[baz quux']],
    [' leading space', [' leading space']],
    [String.raw`"a\nb" c`, [String.raw`"a\nb" c`]],
  ])('tokenizes %j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it('turns `-` and empty tokens into null', () => {
    expect(evaluate('parse_tokens("a - \\"\\" [b]")')).toEqual({ value: ['a', null, null, 'b'] });
  });
});
