import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../test-helpers/outcome.js';
import { floatValue } from '../value/markers.js';

describe('parse_yaml', () => {
  it("resolves plain scalars with serde_yaml's rules", () => {
    expect(
      evaluate(
        `parse_yaml!(s'{a: 010, b: 0x1F, c: 0b101, d: +7, e: 1e3, f: .inf, g: yes, h: ~, i: TRUE, j: "5", k: 18446744073709551615, l: 1.5}')`,
      ),
    ).toEqual({
      value: {
        a: '010',
        b: 31,
        c: 5,
        d: 7,
        e: floatValue(1000),
        f: null,
        g: 'yes',
        h: null,
        i: true,
        j: '5',
        k: floatValue(2 ** 64),
        l: 1.5,
      },
    });
  });

  it('keeps merge keys as keys, resolves aliases, makes keys strings, reads an empty document as null', () => {
    expect(evaluate("parse_yaml!(s'base: &b {x: 1}\nother:\n  <<: *b\n1: one\n')")).toEqual({
      value: { '1': 'one', base: { x: 1 }, other: { '<<': { x: 1 } } },
    });
    expect(evaluate("parse_yaml!(s'# nothing')")).toEqual({ value: null });
  });

  it('refuses several documents and NaN as serde_yaml does', () => {
    expect(callError("parse_yaml!(s'a: 1\n---\nb: 2')")).toBe(
      'unable to parse yaml: deserializing from YAML containing more than one document is not supported',
    );
    expect(callError("parse_yaml!(s'x: .nan')")).toBe(
      'unable to parse yaml: invalid value: floating point `NaN`, expected any valid JSON value',
    );
    expect(callError(`parse_yaml!(s'a:\n  - "multi\n  line')`)).toBe(
      'unable to parse yaml: found unexpected end of stream at line 3 column 7, while scanning a quoted scalar at line 2 column 5',
    );
  });
});
