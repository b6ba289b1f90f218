import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../../test-helpers/outcome.js';
import { floatValue } from '../../value/markers.js';

// VRL's own tests (src/parsing/ruby_hash.rs), and nom's error texts.
describe('parse_ruby_hash', () => {
  it.each([
    ['{}', {}],
    ['{ :array => [] }', { array: [] }],
    ['{ :key => "foo", :number => 500 }', { key: 'foo', number: floatValue(500) }],
    ['{ key: "foo" }', { key: 'foo' }],
    [
      '{ "hello" => "world", "number" => 42, "float" => 4.2, "array" => [1, 2.5], "object" => { "nope" => nil } }',
      {
        hello: 'world',
        number: floatValue(42),
        float: 4.2,
        array: [floatValue(1), 2.5],
        object: { nope: null },
      },
    ],
    ['{ 42 => "hello world" }', { '42': 'hello world' }],
    [
      `{ :colon => "hello world", "double" => "hello world", 'simple' => "hello world" }`,
      { colon: 'hello world', double: 'hello world', simple: 'hello world' },
    ],
    ['{ :with_underscore => "hello world" }', { with_underscore: 'hello world' }],
    ['{ "hello": "world" }', { hello: 'world' }],
    ["{ 'hello': 'world' }", { hello: 'world' }],
    ['{ hello: "world" }', { hello: 'world' }],
    ['{ "with-dash" => "foo" }', { 'with-dash': 'foo' }],
    [String.raw`{ "with'quote" => "and\"double\"quote" }`, { "with'quote": String.raw`and\"double\"quote` }],
    [
      '{ "a" => :sym, "b" => true, "c" => false, "d" => -1e3, "e" => inf }',
      {
        a: 'sym',
        b: true,
        c: false,
        d: floatValue(-1000),
        // An infinite float reads back as null in JSON.
        e: null,
      },
    ],
  ])('parses %s', (text, want) => {
    expect(evaluate('parse_ruby_hash!(.text)', { text })).toEqual({ value: want });
  });

  it.each([
    [
      'not a hash',
      "0: at line 1:\nnot a hash\n^\nexpected '{', found n\n\n1: at line 1, in map:\nnot a hash\n^\n\n",
    ],
    ['{a: }', "0: at line 1:\n{a: }\n ^\nexpected '}', found a\n\n1: at line 1, in map:\n{a: }\n^\n\n"],
    [
      '{"a => 1}',
      '0: at line 1:\n{"a => 1}\n         ^\nexpected \'"\', got end of input\n\n1: at line 1, in string:\n{"a => 1}\n ^\n\n2: at line 1, in map:\n{"a => 1}\n^\n\n',
    ],
    ['{} trailing', 'could not parse whole line successfully'],
    // An exponent without digits fails the whole number (nom 8's `double`).
    ['{a: 1e}', '0: at line 1, in Float:\n{a: 1e}\n    ^\n\n1: at line 1, in map:\n{a: 1e}\n^\n\n'],
  ])('fails on %j as VRL does', (text, message) => {
    expect(callError('parse_ruby_hash!(.text)', { text })).toBe(message);
  });
});
