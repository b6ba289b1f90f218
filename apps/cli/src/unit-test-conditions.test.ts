import { type FieldMap, FloatValue } from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import { compileCondition, compileVrl, formatValue, parsePath } from './unit-test-conditions.js';

const event: FieldMap = {
  message: 'hello world',
  code: 200,
  ratio: 0.5,
  ok: true,
  nothing: null,
  timestamp: new Date('2026-01-02T03:04:05.000Z'),
  a: { b: 123, list: [0, '1', { c: 'deep' }] },
  tags: ['x', 'y'],
  labels: { 'this-has-hyphens': 'yes' },
  blank: '  ',
};

/** Undefined when the condition holds for the event, else Vector's reason. */
const check = (source: string, fields: FieldMap = event) => compileVrl(source).condition.check(fields);
const buildError = (source: string) => {
  try {
    compileVrl(source);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

describe('VRL subset of sluice test conditions', () => {
  it.each([
    '.message == "hello world"',
    '.code == 200',
    '.code != 201',
    '.ratio == 0.5',
    '.ok == true',
    '.nothing == null',
    '.missing == null',
    '.a.b == 123',
    '.a.list[0] == 0 && .a.list[1] == "1" && .a.list[2].c == "deep"',
    '.a.list == [0, "1", {"c": "deep"}]',
    '.labels."this-has-hyphens" == "yes"',
    '.code > 100 && .code >= 200 && .code < 300 && .code <= 200',
    '.message < "world"',
    ".timestamp == t'2026-01-02T03:04:05Z'",
    '.code == 200.0',
    '-1 < 0',
    'exists(.a.b) && exists(.nothing) && !exists(.a.c) && !exists(.missing.deeper)',
    'is_string(.message) && is_integer(.code) && is_float(.ratio) && is_boolean(.ok)',
    'is_null(.nothing) && is_array(.tags) && is_object(.a) && is_timestamp(.timestamp)',
    'is_nullish(.nothing) && is_nullish(.blank) && !is_nullish(.message)',
    'length(.message) == 11 && length(.tags) == 2 && length(.a) == 2 && length("é") == 2',
    'contains(.message, "lo wo") && starts_with(.message, "hello") && ends_with(.message, "world")',
    'starts_with(.message, "HELLO", case_sensitive: false)',
    'includes(.tags, "y") && !includes(.tags, "z")',
    'upcase(.message) == "HELLO WORLD" && downcase("AB") == "ab" && to_string(.code) == "200"',
    'string!(.message) == "hello world" && int!(.code) == 200',
    'is_empty("") && !is_empty(.tags)',
    '.ok || false',
    'false || .ok',
    '!(.code == 201)',
    '. == .',
    's\'raw "quoted"\' == "raw \\"quoted\\""',
    'assert!(.code == 200)',
    'assert_eq!(.message, "hello world", "the message")',
    '# a comment\nassert!(exists(.message)) # and another\nassert_eq!(.code, 200)\n',
    'assert!(.code == 200); .ok',
    'valid = exists(.message) &&\n  is_string(.message) &&\n  .message == "hello world"\nassert!(valid)',
    '.code == 200 &&\n.ok == true',
    'assert!(\n  .code == 200,\n  message: "multi-line call",\n)',
  ])('holds: %s', (source) => {
    expect(check(source)).toBeUndefined();
  });

  it.each([
    ['.message == "bye"', 'source execution resolved to false'],
    ['.code', 'source execution resolved to a non-boolean value'],
    ['exists(.missing)', 'source execution resolved to false'],
    ['!exists(.message)', 'source execution resolved to false'],
    [
      'assert!(.code == 201)',
      'source execution failed: function call error for "assert" at (0:21): assertion failed: .code == 201',
    ],
    [
      'assert!(.code == 201, message: "wrong code")',
      'source execution failed: function call error for "assert" at (0:44): wrong code',
    ],
    [
      'assert_eq!(.a.list, [1, 2])',
      'source execution failed: function call error for "assert_eq" at (0:27): assertion failed: [0, "1", { "c": "deep" }] == [1, 2]',
    ],
    [
      'assert_eq!(.code, 200)\nassert_eq!(.message, "bye", "wrong message")',
      'source execution failed: function call error for "assert_eq" at (23:67): wrong message',
    ],
    [
      'length!(.code) > 1',
      'source execution failed: function call error for "length" at (0:14): expected string, array or object, got integer',
    ],
    ['.code < "x"', "source execution failed: can't compare integer and string with `<`"],
    ['!.message', 'source execution failed: `!` needs booleans, got string'],
    [
      'string!(.code) == "200"',
      'source execution failed: function call error for "string" at (0:14): expected string, got integer',
    ],
  ])('fails: %s', (source, reason) => {
    expect(check(source)).toBe(reason);
  });

  it('tells integers from floats as VRL does: equal by value at the top of ==, not inside arrays or objects', () => {
    // add_fields writes `2.0` as a float and integers beyond 2^53 exactly (Vector's add_fields.toml).
    const numbers: FieldMap = {
      whole: new FloatValue(2),
      two: 2,
      big: 9223372036854775807n,
      list: [0, new FloatValue(2)],
    };
    expect(check('.whole == 2.0', numbers)).toBeUndefined();
    expect(check('.whole == 2', numbers)).toBeUndefined();
    expect(check('.two == 2.0', numbers)).toBeUndefined();
    expect(check('.list == [0, 2.0]', numbers)).toBeUndefined();
    expect(check('.list == [0, 2]', numbers)).toBe('source execution resolved to false');
    expect(check('is_float(.whole) && is_integer(.two) && is_integer(.big)', numbers)).toBeUndefined();
    expect(check('.big == 9223372036854775807 && .big != 9223372036854775806', numbers)).toBeUndefined();
    expect(check('.whole > 1 && .whole <= 2.0 && -2.0 < .two', numbers)).toBeUndefined();
    expect(formatValue(new FloatValue(2))).toBe('2.0');
  });

  it('decides on the last expression, as VRL, and warns of an unused one before it', () => {
    const compiled = compileVrl('.code == 999\n.code == 200');
    expect(compiled.condition.check(event)).toBeUndefined();
    expect(compiled.warnings).toEqual([
      'line 1: the value of `.code == 999` is not used: a VRL condition is decided by its last expression; use assert!(…) or join the checks with &&',
    ]);
    expect(compileVrl('assert!(.ok)\nassert_eq!(.code, 200)').warnings).toEqual([]);
  });

  it('refuses what it cannot evaluate, naming it, when the test is built', () => {
    expect(buildError('parse_json!(.message).a == 1')).toBe(
      'VRL function `parse_json` is not supported by sluice test',
    );
    expect(buildError('.code + 1 == 201')).toBe('operator `+` is not supported by sluice test');
    expect(buildError('(.x ?? 1) == 1')).toBe('operator `??` is not supported by sluice test');
    expect(buildError('if .ok { true } else { false }')).toBe('VRL `if` is not supported by sluice test');
    expect(buildError('.message = "changed"')).toBe('a condition cannot change the event (`.message = …`)');
    expect(buildError('assert!(valid)')).toBe('undefined variable `valid`');
    expect(buildError('%metadata == 1')).toBe('operator `%` is not supported by sluice test');
    expect(buildError("match(.message, r'^h')")).toBe(
      "r'…' literals are not supported by sluice test (only s'…' and t'…')",
    );
    expect(buildError('contains(.message)')).toBe('contains() needs its argument `substring`');
    expect(buildError('exists(.a == 1)')).toBe('exists() takes one path, such as exists(.field)');
    expect(buildError('.a ==')).toBe(
      'unexpected end of the condition, expected a value, a path or a function call',
    );
    expect(buildError('.a == 1 .b == 2')).toBe('unexpected `.b` at 8, expected the end of the statement');
    expect(buildError('"unterminated')).toBe('unterminated string starting at 0');
    expect(buildError('  \n # nothing\n')).toBe('the condition is empty');
  });

  it("the other condition types of Vector's unit tests", () => {
    expect(compileCondition('.ok').condition.check(event)).toBeUndefined();
    expect(compileCondition({ type: 'vrl', source: '.ok' }).condition.check(event)).toBeUndefined();
    expect(compileCondition({ type: 'is_log' }).condition.check(event)).toBeUndefined();
    expect(compileCondition({ type: 'is_metric' }).condition.check(event)).toBe('event is not a metric type');
    expect(() => compileCondition({ type: 'datadog_search', source: '@a:1' })).toThrow(
      'condition type `datadog_search` is not supported by sluice test (only vrl)',
    );
  });

  it('parses the paths of log_fields keys as Vector does', () => {
    expect(parsePath('a.b')).toEqual(['a', 'b']);
    expect(parsePath('.a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
    expect(parsePath('labels."this-has-hyphens"')).toEqual(['labels', 'this-has-hyphens']);
    expect(() => parsePath('a b')).toThrow('invalid path "a b"');
  });

  it('prints values as VRL does', () => {
    expect(formatValue({ a: [1, 'x', null, true] })).toBe('{ "a": [1, "x", null, true] }');
    expect(formatValue(new Date('2026-01-02T03:04:05.000Z'))).toBe("t'2026-01-02T03:04:05.000Z'");
  });
});
