import { describe, expect, it } from 'vitest';
import { evaluate, runtimeError } from '../test-helpers/evaluate.js';

/** Behaviour of the string functions beyond VRL's examples (from VRL's own unit tests where they exist). */

describe('truncate', () => {
  it('counts characters, not bytes or code units', () => {
    expect(evaluate('truncate("♔♕♖♗♘♙♚♛♜♝♞♟", 6, suffix: "...")')).toBe('♔♕♖♗♘♙...');
    expect(evaluate('truncate("😀😀😀", 2)')).toBe('😀😀');
  });
  it('appends the suffix only when it cuts', () => {
    expect(evaluate('truncate("Super", 5, suffix: "...")')).toBe('Super');
    expect(evaluate('truncate("Super", 0, suffix: "...")')).toBe('...');
    expect(evaluate('truncate("Super", -1)')).toBe('');
  });
});

describe('strlen', () => {
  it('counts Unicode scalar values', () => {
    expect(evaluate('strlen("😀a")')).toBe(2);
    expect(evaluate('strlen("")')).toBe(0);
  });
});

describe('strip_whitespace', () => {
  it("strips Unicode White_Space as Rust's trim does, not U+FEFF", () => {
    expect(evaluate('strip_whitespace("\\u{85}\\u{3000} a b \\u{2029}")')).toBe('a b');
    expect(evaluate('strip_whitespace("\\u{FEFF}a")')).toBe('\ufeffa');
  });
});

describe('slice', () => {
  it('counts bytes in strings and keeps a cut character as bytes', () => {
    expect(evaluate('slice!("ñandú", 2)')).toBe('andú');
    expect(evaluate('length(slice!("ñandú", 1))')).toBe(6);
  });
  it('fails as VRL does out of range', () => {
    expect(runtimeError('slice!("foo", 4)')).toContain('"start" must be between "-3" and "3"');
    expect(runtimeError('slice!("foo", -4)')).toContain('"start" must be between "-3" and "3"');
    expect(runtimeError('slice!("foo", 2, 1)')).toContain('"end" must be greater or equal to "start"');
    expect(evaluate('slice!("foo", 1, 5)')).toBe('oo');
    expect(evaluate('slice!([0, "ook", true], 1)')).toEqual(['ook', true]);
  });
});

describe('join', () => {
  it('refuses an array with a non-string', () => {
    expect(runtimeError('join!(["a", 1])')).toContain('all array items must be strings');
  });
});

describe('contains_all', () => {
  it('is false before it meets a non-string, and fails when it meets one', () => {
    expect(evaluate('contains_all!("abc", ["x", 1])')).toBe(false);
    expect(runtimeError('contains_all!("abc", ["a", 1])')).toContain('expected string, got integer');
  });
});

describe('format_int', () => {
  it('formats i64 extremes and refuses bases outside 2–36', () => {
    expect(evaluate('format_int!(-9223372036854775807 - 1, 16)')).toBe('-8000000000000000');
    expect(evaluate('format_int!(-42, 2)')).toBe('-101010');
    expect(runtimeError('format_int!(42, 37)')).toContain(
      'invalid base 37: must be be between 2 and 36 (inclusive)',
    );
  });
});

describe('format_number', () => {
  it('cuts (does not round) the fraction and pads it', () => {
    expect(evaluate('format_number(1234.567, scale: 2)')).toBe('1234.56');
    expect(evaluate('format_number(100.0, scale: 2)')).toBe('100.00');
    expect(evaluate('format_number(123.45, scale: 0)')).toBe('123');
    expect(evaluate('format_number(12345, scale: 2)')).toBe('12345.00');
  });
  it('reads floats as rust_decimal does (15–16 digits)', () => {
    expect(evaluate('format_number(0.1 + 0.2)')).toBe('0.3');
    expect(evaluate('format_number(11222333444.56789, 3, ",", ".")')).toBe('11.222.333.444,567');
    expect(evaluate('format_number(0.0000001)')).toBe('0.0000001');
  });
  it('groups as VRL does, a minus sign counting as a digit', () => {
    expect(evaluate('format_number(1234567, grouping_separator: ",")')).toBe('1,234,567');
    expect(evaluate('format_number(-1234, grouping_separator: ",")')).toBe('-1,234');
    expect(evaluate('format_number(123456, grouping_separator: ",")')).toBe(',123,456');
  });
});

describe('strip_ansi_escape_codes', () => {
  it('strips CSI, OSC and other control sequences', () => {
    expect(evaluate('strip_ansi_escape_codes("\\u{1b}[3;4Hfoo bar")')).toBe('foo bar');
    expect(evaluate('strip_ansi_escape_codes("\\u{1b}[46mfoo\\u{1b}[0m bar")')).toBe('foo bar');
    expect(evaluate('strip_ansi_escape_codes("\\u{1b}[=3lfoo bar")')).toBe('foo bar');
    expect(evaluate('strip_ansi_escape_codes("\\u{1b}]0;title\\u{7}text")')).toBe('text');
  });
  it('keeps printable characters and line feeds only', () => {
    expect(evaluate('strip_ansi_escape_codes("a\\tb\\r\\nc\\u{85}d é")')).toBe('ab\ncd é');
  });
});

describe('redact', () => {
  it('redacts strings inside arrays and objects and leaves other values', () => {
    expect(
      evaluate('redact({"a": ["my 123-45-6789"], "b": 1}, filters: ["us_social_security_number"])'),
    ).toEqual({
      a: ['my [REDACTED]'],
      b: 1,
    });
  });
  it('matches string patterns literally', () => {
    expect(
      evaluate(
        'redact("a.b.c", filters: [{"type": "pattern", "patterns": ["."]}], redactor: {"type": "text", "replacement": "*"})',
      ),
    ).toBe('a*b*c');
  });
  it('refuses bad filters and redactors at compile time', () => {
    expect(() => evaluate('redact("a", filters: ["nope"])')).toThrow(/unknown filter name/);
    expect(() => evaluate('redact("a", filters: [r\'a\'], redactor: "md5")')).toThrow(
      /unknown name of redactor/,
    );
  });
});

describe('replace_with', () => {
  it('gives the closure the match, its groups and its named groups', () => {
    expect(evaluate('replace_with("ab12", r\'(?P<letter>[a-z])(\\d)?\') -> |m| { encode_json(m) }')).toBe(
      '{"captures":["a",null],"letter":"a","string":"a"}{"captures":["b","1"],"letter":"b","string":"b1"}2',
    );
  });
});

describe('paths', () => {
  it('reads paths as Rust does', () => {
    expect(evaluate('dirname!("/home/user/")')).toBe('/home');
    expect(evaluate('dirname!("..")')).toBe('.');
    expect(evaluate('dirname!("a//b//c")')).toBe('a//b');
    expect(evaluate('dirname!("a/./b")')).toBe('a');
    expect(evaluate('basename!("..")')).toBe(null);
    expect(evaluate('basename!("foo/.")')).toBe('foo');
    expect(evaluate('split_path("./a/../b//c/.")')).toEqual(['.', 'a', '..', 'b', 'c']);
  });
});
