import { describe, expect, it } from 'vitest';
import { NESTING_LIMIT, NestingLimitError, nestsTooDeep } from './nesting.js';
import { FloatValue } from './values.js';

/** A field map nesting `levels` containers, alternating tables and lists, the map itself the first. */
function nested(levels: number): Record<string, unknown> {
  let value: unknown = 'leaf';
  for (let level = levels; level > 1; level -= 1) value = level % 2 === 0 ? [value] : { a: value };
  return { message: 'x', deep: value };
}

describe('nestsTooDeep', () => {
  it('counts the field map as level 1 and refuses level 128, as serde_json', () => {
    expect(NESTING_LIMIT).toBe(128);
    expect(nestsTooDeep(nested(NESTING_LIMIT - 1))).toBe(false);
    expect(nestsTooDeep(nested(NESTING_LIMIT))).toBe(true);
    // A value found deeper starts at its own level.
    expect(nestsTooDeep({ a: 1 }, NESTING_LIMIT - 1)).toBe(false);
    expect(nestsTooDeep({ a: {} }, NESTING_LIMIT - 1)).toBe(true);
  });

  it('walks a million levels without a stack overflow; scalars, Dates and floats are no containers', () => {
    expect(nestsTooDeep(nested(1_000_000))).toBe(true);
    expect(nestsTooDeep({ when: new Date(), float: new FloatValue(2), n: null, big: 2n })).toBe(false);
    expect(nestsTooDeep('text')).toBe(false);
  });

  it('NestingLimitError is a RangeError naming the limit', () => {
    const error = new NestingLimitError('event');
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(
      "event nests 128 or more levels deep (the limit, as serde_json's recursion limit)",
    );
  });
});
