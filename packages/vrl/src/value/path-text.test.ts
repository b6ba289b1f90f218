import { describe, expect, it } from 'vitest';
import { PathSyntaxError, parseTargetPath, parseValuePath } from './path-text.js';

describe("parseValuePath: VRL's parser of paths in text (path/jit.rs), its own cases", () => {
  it.each([
    ['.', []],
    ['f', [{ field: 'f' }]],
    ['.f', [{ field: 'f' }]],
    [
      'ec2.metadata."availability-zone"',
      [{ field: 'ec2' }, { field: 'metadata' }, { field: 'availability-zone' }],
    ],
    ['.a-b-', [{ field: 'a-b-' }]],
    ['.-a-b', [{ field: '-a-b' }]],
    ['.@timestamp', [{ field: '@timestamp' }]],
    ['"$peci@l chars"', [{ field: '$peci@l chars' }]],
    ['.foo."foo bar".bar', [{ field: 'foo' }, { field: 'foo bar' }, { field: 'bar' }]],
    ['[1]', [{ index: 1 }]],
    ['.[42]', [{ index: 42 }]],
    ['[42].foo', [{ index: 42 }, { field: 'foo' }]],
    ['[42]foo', [{ index: 42 }, { field: 'foo' }]],
    ['a[-1][0]', [{ field: 'a' }, { index: -1 }, { index: 0 }]],
    ['"a\\"b\\\\c"', [{ field: 'a"b\\c' }]],
  ])('%s', (text, segments) => {
    expect(parseValuePath(text)).toEqual(segments);
  });

  it.each([
    '',
    ']',
    ']foo',
    '..',
    '...',
    '.[',
    'f.',
    'foo[',
    'foo$',
    '.foo.foo bar',
    'foo.[42]',
    'foo..bar',
    '"open',
    '"bad\\n"',
    '[x]',
  ])('refuses %j', (text) => {
    expect(() => parseValuePath(text)).toThrow(new PathSyntaxError(text));
  });

  it('says which path, as Vector does', () => {
    expect(() => parseValuePath('a b')).toThrow('Invalid field path "a b"');
  });

  it('parseTargetPath: % is the metadata', () => {
    expect(parseTargetPath('%a.b')).toEqual({ prefix: 'metadata', path: [{ field: 'a' }, { field: 'b' }] });
    expect(parseTargetPath('.a')).toEqual({ prefix: 'event', path: [{ field: 'a' }] });
    expect(parseTargetPath('a')).toEqual({ prefix: 'event', path: [{ field: 'a' }] });
  });
});
