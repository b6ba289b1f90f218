import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../test-helpers/evaluate.js';
import { floatValue } from '../value/markers.js';

// The cases of VRL's own tests (src/stdlib/parse_duration.rs).
describe('parse_duration', () => {
  it.each([
    ['value: "30s", unit: "m"', 0.5],
    ['value: "100ms", unit: "ms"', 100.0],
    ['value: "1005ms", unit: "s"', 1.005],
    ['value: "100ns", unit: "ms"', 0.0001],
    ['value: "100µs", unit: "ms"', 0.1],
    ['value: "1d", unit: "s"', 86400.0],
    ['value: "1d1s", unit: "s"', 86401.0],
    ['value: "1s 1ms", unit: "ms"', 1001.0],
    ['value: "1ms1 µs", unit: "ms"', 1.001],
    ['value: "1s1m", unit: "ms"', 61000.0],
    ['value: "1 s", unit: "ns"', 1000000000.0],
    ['value: "1 µs", unit: "ms"', 0.001],
    ['value: "1w", unit: "ns"', 604800000000000.0],
    ['value: "1.1w", unit: "d"', 7.7],
    ['value: "8d", unit: "w"', 1.1428571428571428],
    ['value: "30d", unit: "w"', 4.285714285714286],
    ['value: "8d", unit: "s"', 691200.0],
    ['value: "12.3s", unit: "ms"', 12300.0],
    ['value: "123.0s", unit: "ms"', 123000.0],
    ['value: "1h12.3s", unit: "ms"', 3612300.0],
    ['value: "1.1d12.3s", unit: "s"', 95052.3],
    ['value: "1s", unit: "w"', 0.0000016534391534391535],
  ])('parse_duration!(%s) is %d', (args, want) => {
    expect(evaluate(`parse_duration!(${args})`)).toEqual({ value: floatValue(want) });
  });

  it.each([
    ['value: "foo", unit: "ms"', "unable to parse duration: 'foo'"],
    ['value: "1", unit: "ns"', "unable to parse duration: '1'"],
    [
      'value: "1234567890123456789012345d", unit: "s"',
      "unable to convert duration: '1234567890123456789012345d'",
    ],
    ['value: "1d foo", unit: "s"', "unable to parse duration: ' foo'"],
  ])('parse_duration!(%s) fails: %s', (args, message) => {
    expect(callError(`parse_duration!(${args})`)).toBe(message);
  });
});

// The cases of VRL's own tests (src/stdlib/parse_bytes.rs).
describe('parse_bytes', () => {
  it.each([
    ['value: "1MiB", unit: "B"', 1048576.0],
    ['value: "512B", unit: "KiB"', 0.5],
    ['value: "3.5GiB", unit: "KiB"', 3670016.0],
    ['value: "12 TiB", unit: "GiB"', 12288.0],
    ['value: "256TiB", unit: "PiB"', 0.25],
    ['value: "1EiB", unit: "TiB"', 1048576.0],
    ['value: "1MB", unit: "B"', 1048576.0],
    ['value: "1MB", unit: "B", base: "10"', 1000000.0],
    ['value: "3B", unit: "kB", base: "10"', 0.003],
    ['value: "3.007GB", unit: "kB", base: "10"', 3007000.0],
    ['value: "12 TB", unit: "GB", base: "10"', 12000.0],
    ['value: "768MB", unit: "PB", base: "10"', 0.000000768],
    ['value: "1EB", unit: "TB", base: "10"', 1000000.0],
  ])('parse_bytes!(%s) is %d', (args, want) => {
    expect(evaluate(`parse_bytes!(${args})`)).toEqual({ value: floatValue(want) });
  });

  it.each([
    ['value: "foo", unit: "KiB"', "unable to parse bytes: 'invalid digit found in string'"],
    ['value: "1YiB", unit: "MiB"', "unable to parse bytes: 'invalid digit found in string'"],
    ['value: "100KB", unit: "ZB", base: "10"', "unknown unit format: 'ZB'"],
  ])('parse_bytes!(%s) fails: %s', (args, message) => {
    expect(callError(`parse_bytes!(${args})`)).toBe(message);
  });
});
