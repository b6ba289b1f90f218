import { describe, expect, it } from 'vitest';
import { compileError, evaluate, runtimeError } from '../test-helpers/evaluate.js';

/** The object, array, coercion and predicate functions beyond VRL's examples (many from VRL's unit tests). */

describe('set and remove', () => {
  it('return changed copies and leave the event as it was', () => {
    const event = { a: { b: [1, 2] } };
    expect(evaluate('set!(., ["a", "b", 1], 9)', event)).toEqual({ a: { b: [1, 9] } });
    expect(evaluate('remove!(., ["a", "b", 0])', event)).toEqual({ a: { b: [2] } });
    expect(event).toEqual({ a: { b: [1, 2] } });
  });
  it('create what is missing, pad arrays, and compact on request', () => {
    expect(evaluate('set!([], [2], true)')).toEqual([null, null, true]);
    expect(evaluate('set!({}, ["x", "y"], 1)')).toEqual({ x: { y: 1 } });
    expect(evaluate('remove!({"a": {"b": 1}}, ["a", "b"], compact: true)')).toEqual({});
    expect(evaluate('remove!({"a": {"b": 1}}, ["a", "b"])')).toEqual({ a: {} });
  });
  it('refuse path segments that are neither strings nor integers', () => {
    expect(runtimeError('set!({}, [true], 1)')).toContain(
      'path segment must be either string or integer, not boolean',
    );
  });
});

describe('compact', () => {
  it('removes empty values recursively, as configured', () => {
    const source = '{"a": null, "b": "", "c": [], "d": {"e": {}}, "f": "-", "g": 0}';
    expect(evaluate(`compact(${source})`)).toEqual({ f: '-', g: 0 });
    expect(evaluate(`compact(${source}, nullish: true)`)).toEqual({ g: 0 });
    expect(evaluate(`compact(${source}, recursive: false)`)).toEqual({ d: { e: {} }, f: '-', g: 0 });
    expect(evaluate(`compact(${source}, null: false, string: false)`)).toEqual({
      a: null,
      b: '',
      f: '-',
      g: 0,
    });
  });
});

describe('flatten and unflatten', () => {
  it('flattens arrays and objects, keeping arrays inside objects', () => {
    expect(evaluate('flatten([42, [43, 44, [45, 46]], []])')).toEqual([42, 43, 44, 45, 46]);
    expect(evaluate('flatten({"p": {"c": [1, {"x": 1}]}, "k": "v"}, "_")')).toEqual({
      p_c: [1, { x: 1 }],
      k: 'v',
    });
    expect(evaluate('flatten({"keep": {"a": 1}, "p": {"keep": {"b": 2}}}, except: ["keep"])')).toEqual({
      keep: { a: 1 },
      'p.keep': { b: 2 },
    });
    expect(compileError('flatten({}, except: [1])')).toContain('expected a string value');
  });
  it('unflattens, recursively by default', () => {
    expect(evaluate('unflatten({"p.c1": 1, "p.c2.g": 2, "k": "v"})')).toEqual({
      p: { c1: 1, c2: { g: 2 } },
      k: 'v',
    });
    expect(evaluate('unflatten({"p.children": {"c2.g": 1}}, recursive: false)')).toEqual({
      p: { children: { 'c2.g': 1 } },
    });
    expect(evaluate('unflatten({"p": [{"c.g": 1}]})')).toEqual({ p: [{ 'c.g': 1 }] });
    // A plain key sharing its head with dotted keys gives way to them, as in VRL.
    expect(evaluate('unflatten({"a": 1, "a.b": 2})')).toEqual({ a: { b: 2 } });
    expect(runtimeError('unflatten!({"a": 1}, "")')).toContain('separator must not be empty');
  });
});

describe('array functions', () => {
  it('compare values as VRL does: an integer is not a float', () => {
    expect(evaluate('includes([1, 2.0, "a"], 2)')).toBe(false);
    expect(evaluate('includes([1, 2.0, "a"], 2.0)')).toBe(true);
    expect(evaluate('encode_json(unique([1, 1.0, "1", 1, {"a": 1}, {"a": 1}, [1], [1.0]]))')).toBe(
      '[1,1.0,"1",{"a":1},[1],[1.0]]',
    );
    expect(evaluate('tally_value([1, 1.0, 1], 1)')).toBe(2);
  });
  it('tallies strings and reports what is not one', () => {
    expect(evaluate('tally!(["a", "b", "a"])')).toEqual({ a: 2, b: 1 });
    expect(runtimeError('tally!(["a", [1, 2.5]])')).toContain(
      'all values must be strings, found: Array([Integer(1), Float(2.5)])',
    );
  });
  it('zips and pops', () => {
    expect(evaluate('zip([[1, 2, 3], ["a", "b"]])')).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(evaluate('zip([])')).toEqual([]);
    expect(evaluate('pop([])')).toEqual([]);
  });
  it('matches arrays of strings only', () => {
    expect(evaluate('match_array([1, "ab"], r\'a\')')).toBe(true);
    expect(evaluate('match_array([1, "ab"], r\'a\', all: true)')).toBe(false);
    expect(evaluate("match_any(\"abc\", [r'x', r'^a'])")).toBe(true);
  });
  it('chunks by bytes', () => {
    expect(evaluate('chunks!("abcde", 2)')).toEqual(['ab', 'cd', 'e']);
    expect(evaluate('chunks!("", 2)')).toEqual([]);
    expect(runtimeError('chunks!("abc", .n)', { n: 0 })).toContain('"chunk_size" must be at least 1 byte');
  });
});

describe('entries', () => {
  it('converts between objects and key/value entries', () => {
    expect(evaluate('to_entries(["x"])')).toEqual([{ key: 0, value: 'x' }]);
    expect(evaluate('from_entries!([{"Name": "a", "Value": 1}, {"key": false, "name": "b"}])')).toEqual({
      a: 1,
      b: null,
    });
    expect(runtimeError('from_entries!([{"key": 1}])')).toContain('object keys must be strings');
    expect(evaluate('object_from_array!([["a", 1], [null, 2], ["b"]])')).toEqual({ a: 1, b: null });
    expect(evaluate('object_from_array!([1, 2, 3], keys: ["a", null])')).toEqual({ a: 1 });
    expect(runtimeError('object_from_array!([[]])')).toContain('array value too short');
  });
  it('tags types externally', () => {
    expect(evaluate('tag_types_externally({"a": [1, 2.5, "s", true, null]})')).toEqual({
      a: [{ integer: 1 }, { float: 2.5 }, { string: 's' }, { boolean: true }, null],
    });
  });
});

describe('strings found and sieved', () => {
  it('finds by byte offset', () => {
    expect(evaluate('find("ñandú ñandú", "ñ", from: 1)')).toBe(8);
    expect(evaluate('find("abcabc", r\'b\', from: 2)')).toBe(4);
    expect(evaluate('find("abc", "", from: 3)')).toBe(3);
    expect(evaluate('find("abc", "", from: 4)')).toBe(null);
    expect(evaluate('find("abc", "c", from: -1)')).toBe(null);
  });
  it('sieves, replacing gaps of one and of more bytes', () => {
    expect(evaluate('sieve("a--b-c", r\'[a-z]\', replace_single: "_", replace_repeated: "=")')).toBe('a=b_c');
  });
});

describe('coercions and predicates', () => {
  it('reads booleans as VRL does', () => {
    expect(evaluate('to_bool!("Yes")')).toBe(true);
    expect(evaluate('to_bool!("-12")')).toBe(true);
    expect(evaluate('to_bool!("0")')).toBe(false);
    expect(runtimeError('to_bool!("maybe")')).toContain('Invalid boolean value "maybe"');
    expect(runtimeError('to_bool!(.a)', { a: [1] })).toContain('unable to coerce');
  });
  it('checks JSON and its variant', () => {
    expect(evaluate('is_json("  [1, 2]", variant: "array")')).toBe(true);
    expect(evaluate('is_json("-1.5", variant: "number")')).toBe(true);
    expect(evaluate('is_json("{", variant: "object")')).toBe(false);
    expect(compileError('is_json("1", variant: "list")')).toContain('E401');
  });
  it('knows nullish and empty values', () => {
    expect(evaluate('is_nullish(" \\n\\t")')).toBe(true);
    expect(evaluate('is_nullish("-")')).toBe(true);
    expect(evaluate('is_nullish(0)')).toBe(false);
    expect(evaluate('is_empty({})')).toBe(true);
  });
  it('compiles a regex at runtime and reports a bad one', () => {
    expect(evaluate('match("ab", to_regex!("^a"))')).toBe(true);
    expect(runtimeError('to_regex!("(")')).toContain('could not create regex');
  });
});
