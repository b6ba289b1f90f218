import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../runtime/errors.js';
import { type KeyValueOptions, parseKeyValueLine } from './key-value.js';

// The cases of VRL's own tests (src/stdlib/parse_key_value.rs).

function options(changes: Partial<KeyValueOptions> = {}): KeyValueOptions {
  return {
    keyValueDelimiter: '=',
    fieldDelimiter: ' ',
    strict: false,
    acceptStandaloneKey: true,
    ...changes,
  };
}

function failure(text: string, changes: Partial<KeyValueOptions> = {}): string {
  try {
    parseKeyValueLine(text, options(changes));
  } catch (error) {
    if (error instanceof RuntimeError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('the key-value parser', () => {
  it.each<[string, Partial<KeyValueOptions>, object]>([
    [String.raw`key="a\a"`, { strict: true }, { key: String.raw`a\a` }],
    [String.raw`"a\ a"=val`, { strict: true }, { 'a\\ a': 'val' }],
    [
      'ook=pook @timestamp=2020-12-31T12:43:22.2322232Z key#hash=value "key=with=special=characters"=value key="with special=characters"',
      { acceptStandaloneKey: false },
      {
        ook: 'pook',
        '@timestamp': '2020-12-31T12:43:22.2322232Z',
        'key#hash': 'value',
        'key=with=special=characters': 'value',
        key: 'with special=characters',
      },
    ],
    ['ook= onk=ponk', { strict: true, acceptStandaloneKey: false }, { ook: '', onk: 'ponk' }],
    ['foo:bar ,   foobar   ', { keyValueDelimiter: ':', fieldDelimiter: ',' }, { foo: 'bar', foobar: true }],
    [
      'foo:bar ,   foobar   ',
      { keyValueDelimiter: ':', fieldDelimiter: ',', strict: true },
      { foo: 'bar', foobar: true },
    ],
    ['foo=bar foobar bar=baz barfoo', {}, { foo: 'bar', foobar: true, bar: 'baz', barfoo: true }],
    ['foo bar foobar baz barfoo', {}, { foo: true, bar: true, foobar: true, baz: true, barfoo: true }],
    ['foobar', { keyValueDelimiter: ':', fieldDelimiter: ',' }, { foobar: true }],
    [
      "key1=val1,key2='val2'",
      { fieldDelimiter: ',', strict: true, acceptStandaloneKey: false },
      { key1: 'val1', key2: 'val2' },
    ],
    [
      `key1=val1,key2='some value with "nested quotes"'`,
      { fieldDelimiter: ',', strict: true, acceptStandaloneKey: false },
      { key1: 'val1', key2: 'some value with "nested quotes"' },
    ],
    ['foo= bar= tar=data', { strict: true }, { foo: '', bar: '', tar: 'data' }],
    [
      String.raw`"zork one" : "zoog\"zink\"zork"        nonk          : nink`,
      { keyValueDelimiter: ':' },
      { 'zork one': 'zoog"zink"zork', nonk: 'nink' },
    ],
    [
      String.raw`"zork one":"zoog\"zink\"zork", nonk:nink`,
      { keyValueDelimiter: ':', fieldDelimiter: ',' },
      { 'zork one': 'zoog"zink"zork', nonk: 'nink' },
    ],
    [
      String.raw`"zork one" : "zoog\"zink\"zork"  ,      nonk          : nink`,
      { keyValueDelimiter: ':', fieldDelimiter: ',' },
      { 'zork one': 'zoog"zink"zork', nonk: 'nink' },
    ],
    [
      String.raw`"zork one" -- "zoog\"zink\"zork"  ||    nonk          -- nink`,
      { keyValueDelimiter: '--', fieldDelimiter: '||' },
      { 'zork one': 'zoog"zink"zork', nonk: 'nink' },
    ],
    [
      'zork: zoog, nonk: nink norgle: noog',
      { keyValueDelimiter: ':', fieldDelimiter: ',' },
      { zork: 'zoog', nonk: 'nink norgle: noog' },
    ],
    [
      'zork: zoog, nonk: "nink" norgle: noog',
      { keyValueDelimiter: ':', fieldDelimiter: ',' },
      { zork: 'zoog', nonk: '"nink" norgle: noog' },
    ],
    [
      'To: tom\ntest: "tom" test',
      { keyValueDelimiter: ':', fieldDelimiter: '\n' },
      { To: 'tom', test: '"tom" test' },
    ],
    [
      'To: tom\ntest: "tom test"  ',
      { keyValueDelimiter: ':', fieldDelimiter: '\n' },
      { To: 'tom', test: 'tom test' },
    ],
    ['Cc:"tom" Cc:"bob"', { keyValueDelimiter: ':' }, { Cc: ['tom', 'bob'] }],
    ['Cc Cc:"bob"', { keyValueDelimiter: ':' }, { Cc: 'bob' }],
    [
      String.raw`level=info field="escaped tabs \t\t"`,
      {},
      { field: String.raw`escaped tabs \t\t`, level: 'info' },
    ],
    [String.raw`level=info field="quote -> \" <-"`, {}, { field: 'quote -> " <-', level: 'info' }],
    ['level=info =(key)', {}, { '=(key)': true, level: 'info' }],
    ['argh=no =', {}, { argh: 'no', '=': true }],
    ["argh=no '=", {}, { argh: 'no', "'": '' }],
    ['argh="no ="', {}, { argh: 'no =' }],
    [String.raw`\="oh boy"`, {}, { '\\': 'oh boy' }],
    ['a=1 a a=2 a=3', {}, { a: ['1', '2', '3'] }],
    ['__proto__=x', {}, { ['__proto__']: 'x' }],
  ])('parses %j with %j', (text, changes, want) => {
    const parsed = parseKeyValueLine(text, options(changes));
    expect(parsed).toEqual(want);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('fails with nom error text when the first pair cannot be read', () => {
    expect(
      failure('I am not a valid line.', {
        keyValueDelimiter: '--',
        fieldDelimiter: '||',
        acceptStandaloneKey: false,
      }),
    ).toBe(
      '0: at line 1, in Tag:\nI am not a valid line.\n                      ^\n\n1: at line 1, in ManyMN:\nI am not a valid line.\n                      ^\n\n',
    );
    expect(failure('')).toBe('0: in Verify, got empty input\n\n');
    expect(failure('"" x')).toBe('0: at line 1, in Verify:\n"" x\n^\n\n');
  });

  it('fails on text left after the last pair, and on a long line without a delimiter', () => {
    expect(failure('level=error field="no quote here ""')).toBe('could not parse whole line successfully');
    expect(failure('a'.repeat(65535), { acceptStandaloneKey: false })).toBe(
      'parse error at line 1, column 65536 (line too long to display context)',
    );
  });
});
