import { createLogEvent, type FieldMap, FloatValue, Timestamp } from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import { createDecoder } from './decoding.js';
import { createEncoder } from './encoder.js';

const decodeJson = (frame: string, codec: 'json' | 'native_json' = 'json') => {
  const decoded = createDecoder({ codec })?.(frame);
  if (decoded === undefined || decoded instanceof Error) throw decoded ?? new Error('no decoder');
  return decoded[0] as FieldMap;
};

describe('numbers as Vector holds and writes them', () => {
  it('json decoder → json encoder: floats keep their point, i64 is exact, u64 a string, beyond a float', () => {
    // Vector: serde_json (no arbitrary_precision) into vrl's Value (From<serde_json::Value>).
    const event = createLogEvent(
      decodeJson(
        '{"whole":2.0,"exp":1e3,"half":2.5,"int":2,"max":9223372036854775807,"min":-9223372036854775808,' +
          '"u64":9223372036854775808,"beyond":18446744073709551616,"list":[1.0,3]}',
      ),
      { structured: true },
    );
    expect(createEncoder('json').encodeToString(event)).toBe(
      '{"beyond":1.8446744073709552e19,"exp":1000.0,"half":2.5,"int":2,"list":[1.0,3],' +
        '"max":9223372036854775807,"min":-9223372036854775808,"u64":"9223372036854775808","whole":2.0}',
    );
  });

  it('native_json decoder keeps them the same way, and a number out of range is an error', () => {
    const event = createLogEvent(decodeJson('{"log":{"f":2.0,"i":9007199254740993}}', 'native_json'));
    expect(createEncoder('native_json').encodeToString(event)).toBe('{"log":{"f":2.0,"i":9007199254740993}}');
    // serde_json refuses a number beyond f64 ("number out of range").
    expect(createDecoder({ codec: 'json' })?.('{"a":1e400}')).toBeInstanceOf(Error);
    expect(createDecoder({ codec: 'json' })?.('[2.0]')).toBeInstanceOf(Error);
    expect(createDecoder({ codec: 'native_json' })?.('{"log":2.0}')).toBeInstanceOf(Error);
    // Strings are read as JSON.parse reads them, escapes and a `__proto__` key included.
    const decoded = decodeJson('{"s":"a\\"b\\u00e9","__proto__":1.0}');
    expect(Object.keys(decoded)).toEqual(['s', '__proto__']);
    expect(decoded.s).toBe('a"bé');
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    // Infinity (from a computation) is written null, as serde_json writes a non-finite f64.
    expect(createEncoder('json').encodeToString(createLogEvent({ a: Number.POSITIVE_INFINITY }))).toBe(
      '{"a":null}',
    );
  });

  it('logfmt, text and csv write whole floats and big integers as Rust Display does', () => {
    const fields = { message: new FloatValue(2), big: 9223372036854775807n, whole: new FloatValue(-0) };
    expect(createEncoder('logfmt').encodeToString(createLogEvent(fields))).toBe(
      'big=9223372036854775807 message=2 whole=-0',
    );
    expect(createEncoder('text').encodeToString(createLogEvent(fields))).toBe('2');
    expect(createEncoder('text').encodeToString(createLogEvent({ message: -12345678901234567n }))).toBe(
      '-12345678901234567',
    );
    expect(
      createEncoder({ codec: 'csv', csv: { fields: ['big', 'message'] } }).encodeToString(
        createLogEvent(fields),
      ),
    ).toBe('9223372036854775807,2');
    expect(
      createEncoder({ codec: 'json', json: { pretty: true } }).encodeToString(createLogEvent(fields)),
    ).toBe('{\n  "big": 9223372036854775807,\n  "message": 2.0,\n  "whole": -0.0\n}');
  });

  it('gelf: a whole float is a number, a big integer an integer level', () => {
    const event = createLogEvent({ host: 'h', message: 'm', level: 9007199254740993n, x: new FloatValue(3) });
    expect(createEncoder('gelf').encodeToString(event)).toBe(
      '{"_x":3.0,"host":"h","level":9007199254740993,"short_message":"m","version":"1.1"}',
    );
  });
});

describe('timestamps with nanoseconds, as chrono writes them', () => {
  const at = (nanoseconds: number) => new Timestamp(Date.UTC(2026, 10, 23, 10, 0, 0, 123), nanoseconds);

  it("rfc3339 is chrono's AutoSi: 0, 3, 6 or 9 fractional digits", () => {
    const json = createEncoder('json');
    const written = (timestamp: Date) => json.encodeToString(createLogEvent({ timestamp }));
    expect(written(at(456_789))).toBe('{"timestamp":"2026-11-23T10:00:00.123456789Z"}');
    expect(written(at(456_000))).toBe('{"timestamp":"2026-11-23T10:00:00.123456Z"}');
    expect(written(at(0))).toBe('{"timestamp":"2026-11-23T10:00:00.123Z"}');
    expect(written(new Timestamp(Date.UTC(2026, 10, 23, 10), 1))).toBe(
      '{"timestamp":"2026-11-23T10:00:00.000000001Z"}',
    );
    expect(written(new Timestamp(Date.UTC(2026, 10, 23, 10), 0))).toBe(
      '{"timestamp":"2026-11-23T10:00:00Z"}',
    );
    expect(createEncoder('text').encodeToString(createLogEvent({ message: at(456_789) }))).toBe(
      '2026-11-23T10:00:00.123456789Z',
    );
  });

  it('timestamp_format unix_us, unix_ns and unix_float are exact (Vector floors to the unit)', () => {
    const event = createLogEvent({ timestamp: at(456_789) });
    const expected: Record<string, string> = {
      unix: '1795428000',
      unix_ms: '1795428000123',
      unix_us: '1795428000123456',
      unix_ns: '1795428000123456789',
      unix_float: '1795428000.123456',
    };
    for (const [format, value] of Object.entries(expected))
      expect(
        createEncoder({ codec: 'json', timestamp_format: format as never }).encodeToString(event),
        format,
      ).toBe(`{"timestamp":${value}}`);
    // Before the epoch: floors, as chrono's timestamp_micros and timestamp_nanos.
    const before = createLogEvent({ timestamp: new Timestamp(-1, 999_999) });
    expect(createEncoder({ codec: 'json', timestamp_format: 'unix_ns' }).encodeToString(before)).toBe(
      '{"timestamp":-1}',
    );
    expect(createEncoder({ codec: 'json', timestamp_format: 'unix_us' }).encodeToString(before)).toBe(
      '{"timestamp":-1}',
    );
  });
});
