import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../test-helpers/outcome.js';

describe('parse_int', () => {
  it.each([
    ['"042"', 34],
    ['"0"', 0],
    ['"2a", 16', 42],
    ['"+7"', 7],
    ['"-9223372036854775808"', -9223372036854775808n],
    ['"ZZ", 36', 1295],
  ])('parses %s', (args, want) => {
    expect(evaluate(`parse_int!(${args})`)).toEqual({ value: want });
  });

  it.each([
    ['""', 'value is empty'],
    ['"", 10', 'could not parse integer: cannot parse integer from empty string'],
    ['"-"', 'could not parse integer: invalid digit found in string'],
    ['"0x"', 'could not parse integer: cannot parse integer from empty string'],
    ['"089"', 'could not parse integer: invalid digit found in string'],
    ['"9223372036854775808"', 'could not parse integer: number too large to fit in target type'],
    ['"-9223372036854775809"', 'could not parse integer: number too small to fit in target type'],
    ['"10", 37', 'invalid base "10": must be be between 2 and 36 (inclusive)'],
  ])('refuses %s as VRL does', (args, message) => {
    expect(callError(`parse_int!(${args})`)).toBe(message);
  });
});
