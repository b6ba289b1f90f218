import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../test-helpers/outcome.js';

describe('parse_csv', () => {
  it.each([
    [String.raw`"\n\r\na,b\nc"`, ['a', 'b']],
    [String.raw`"a,\"multi\nline\",c"`, ['a', 'multi\nline', 'c']],
    [String.raw`"a\"b\"c,\"x\"y"`, ['a"b"c', 'xy']],
    [String.raw`"\"unterminated, still"`, ['unterminated, still']],
    ['"a,"', ['a', '']],
    [String.raw`"\"\",\"\"\"\""`, ['', '"']],
    ['"a;b", delimiter: ";"', ['a', 'b']],
  ])('reads the first record of %s as the csv crate does', (args, want) => {
    expect(evaluate(`parse_csv!(${args})`)).toEqual({ value: want });
  });

  it('refuses a delimiter of more than one byte', () => {
    expect(callError('parse_csv!("a", delimiter: "é")')).toBe('delimiter must be a single character');
  });
});
