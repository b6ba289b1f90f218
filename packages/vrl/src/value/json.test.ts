import { describe, expect, it } from 'vitest';
import { encodeJson, formatJsonFloat, parseJson } from './json.js';
import { FloatValue } from './markers.js';

describe('JSON as serde_json reads and writes it', () => {
  it('keeps integers, floats and big integers apart', () => {
    expect(parseJson('[1, 1.0, 1e3, -0.5, 9007199254740993, 18446744073709551615]')).toEqual([
      1,
      new FloatValue(1),
      new FloatValue(1000),
      -0.5,
      9007199254740993n,
      Number('18446744073709551615'),
    ]);
  });

  it('reads a document of strings, and whole numbers deep inside one, as serde_json does', () => {
    expect(parseJson('{"a":"1.0","b":{"c":["x",{"d":2.0}],"e":0.5},"f":true,"g":null}')).toEqual({
      a: '1.0',
      b: { c: ['x', { d: new FloatValue(2) }], e: 0.5 },
      f: true,
      g: null,
    });
    expect(parseJson('{"n":9007199254740993}')).toEqual({ n: 9007199254740993n });
    // A valid document past the limit, numbers or none.
    expect(() => parseJson(`${'['.repeat(129)}${']'.repeat(129)}`)).toThrow('recursion limit exceeded');
    expect(() => parseJson(`${'{"a":'.repeat(129)}"x"${'}'.repeat(129)}`)).toThrow(
      'recursion limit exceeded',
    );
    expect(parseJson(`${'['.repeat(128)}"x"${']'.repeat(128)}`)).toBeDefined();
  });

  it('reports errors where serde_json does, with its words', () => {
    expect(() => parseJson('{')).toThrow('EOF while parsing an object at line 1 column 1');
    expect(() => parseJson('{ INVALID }')).toThrow('key must be a string at line 1 column 3');
    expect(() => parseJson('[1,]')).toThrow('trailing comma at line 1 column 4');
    expect(() => parseJson('1 x')).toThrow('trailing characters at line 1 column 3');
    expect(() => parseJson('[\n  tru')).toThrow('EOF while parsing a value at line 2 column 5');
    expect(() => parseJson('['.repeat(129))).toThrow('recursion limit exceeded');
  });

  it('writes sorted keys and floats as ryu does', () => {
    expect(encodeJson({ b: new FloatValue(1), a: [1.5, 'x"y'], c: null })).toBe(
      '{"a":[1.5,"x\\"y"],"b":1.0,"c":null}',
    );
    expect([1e21, 1e-7, 123456.789, 0.001, 1e16, -0].map(formatJsonFloat)).toEqual([
      '1e21',
      '1e-7',
      '123456.789',
      '0.001',
      '1e16',
      '-0.0',
    ]);
    expect(encodeJson({ a: { b: 1 } }, true)).toBe('{\n  "a": {\n    "b": 1\n  }\n}');
  });
});
