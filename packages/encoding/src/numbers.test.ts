import { describe, expect, it } from 'vitest';
import { displayNumber, jsonDiffers, serdeJsonFloat } from './numbers.js';

describe('serdeJsonFloat (the ryu crate, as serde_json writes an f64)', () => {
  it("writes ryu's examples and boundaries", () => {
    const cases: Array<[number, string]> = [
      [2, '2.0'],
      [0, '0.0'],
      [-0, '-0.0'],
      [1.5, '1.5'],
      [-1.5, '-1.5'],
      [12340000000, '12340000000.0'], // 1234e7
      [12.34, '12.34'], // 1234e-2
      [0.001234, '0.001234'], // 1234e-6
      [1e30, '1e30'],
      [1.234e33, '1.234e33'],
      [1e15, '1000000000000000.0'],
      [1e16, '1e16'],
      [0.0001, '0.0001'],
      [0.00001, '0.00001'],
      [0.000001, '1e-6'],
      [1.5e-7, '1.5e-7'],
      [1795428000.123, '1795428000.123'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e308'],
      [0.1 + 0.2, '0.30000000000000004'],
    ];
    for (const [value, text] of cases) expect(serdeJsonFloat(value), String(value)).toBe(text);
  });
});

describe("displayNumber (Rust's Display of i64 and f64)", () => {
  it("never uses an exponent and drops a whole float's fraction", () => {
    const cases: Array<[number, string]> = [
      [2, '2'],
      [-7, '-7'],
      [3.1415925, '3.1415925'],
      [1e21, '1000000000000000000000'],
      [1.5e-7, '0.00000015'],
      [0.000001, '0.000001'],
      [Number.POSITIVE_INFINITY, 'inf'],
    ];
    for (const [value, text] of cases) expect(displayNumber(value), String(value)).toBe(text);
  });
});

describe('jsonDiffers', () => {
  it('is false for the common numbers and true where JSON.stringify and serde_json disagree', () => {
    for (const value of [0, 1, -1, 42, 0.5, 1e-5, 1e15, 2 ** 53, 1e-7])
      expect(jsonDiffers(value)).toBe(false);
    for (const value of [0.000001, -0.0000015, 1e19, -1e21]) expect(jsonDiffers(value)).toBe(true);
  });
});
