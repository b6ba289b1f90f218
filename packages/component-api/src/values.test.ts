import { describe, expect, it } from 'vitest';
import { cloneLogEvent, createLogEvent, getField, isFieldMap, setField } from './event.js';
import { copyDate, currentTimestamp, FloatValue, floatValue, numberOf, Timestamp } from './values.js';

describe('values as Vector holds them', () => {
  it('floatValue marks whole floats only; numberOf reads every number form', () => {
    expect(floatValue(2)).toEqual(new FloatValue(2));
    expect(floatValue(2.5)).toBe(2.5);
    // Beyond i64 a whole number is a float in Vector anyway: no marker needed.
    expect(floatValue(1e19)).toBe(1e19);
    expect([numberOf(new FloatValue(2)), numberOf(3n), numberOf(1.5), numberOf('1')]).toEqual([
      2,
      3,
      1.5,
      undefined,
    ]);
  });

  it('a float marker is a value, not a table: paths do not walk into it, clones keep it', () => {
    const fields = { f: new FloatValue(2), at: new Timestamp(5, 42), big: 2n ** 60n };
    expect(isFieldMap(fields.f)).toBe(false);
    expect(getField(fields, 'f.value')).toBeUndefined();
    setField(fields, 'f.x', 1);
    expect(fields.f).toEqual({ x: 1 });
    const copy = cloneLogEvent(createLogEvent({ ...fields, f: new FloatValue(2) })).fields;
    expect(copy.f).toBeInstanceOf(FloatValue);
    expect((copy.at as Timestamp).submillisecondNanos).toBe(42);
    expect(copy.big).toBe(2n ** 60n);
    expect((copyDate(new Timestamp(5, 7)) as Timestamp).submillisecondNanos).toBe(7);
  });

  it('the marker classes are shared by every copy of the package (one registry per process)', async () => {
    const copy = (await import(
      /* @vite-ignore */ `./values.js?copy=${Date.now()}`
    )) as typeof import('./values.js');
    expect(copy.FloatValue).toBe(FloatValue);
    expect(copy.Timestamp).toBe(Timestamp);
    expect(copy.floatValue(2)).toBeInstanceOf(FloatValue);
    expect(new copy.Timestamp(1, 2)).toBeInstanceOf(Timestamp);
  });

  it('currentTimestamp follows the wall clock, below the millisecond', () => {
    const before = Date.now();
    const stamps = Array.from({ length: 200 }, () => currentTimestamp());
    const after = Date.now();
    for (const stamp of stamps) {
      expect(stamp.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(stamp.getTime()).toBeLessThanOrEqual(after + 1);
      expect(stamp.submillisecondNanos).toBeGreaterThanOrEqual(0);
      expect(stamp.submillisecondNanos).toBeLessThan(1_000_000);
    }
    // Nanoseconds carried: 200 readings all on a whole millisecond would mean none are.
    expect(stamps.some((stamp) => stamp.submillisecondNanos !== 0)).toBe(true);
  });
});
