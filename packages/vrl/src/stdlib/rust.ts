import { integerValue } from '../value/value.js';

/**
 * Rust's behaviour where VRL functions show it: `{:?}` of a string, `str::parse::<i64>()` and
 * `str::parse::<f64>()` with their error texts.
 */

/** A string as Rust's `{:?}` prints it: quoted, with `\"`, `\\`, `\n`, `\t`, `\r` and `\u{…}` escapes. */
export function rustDebugString(text: string): string {
  let output = '"';
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (character === '"') output += '\\"';
    else if (character === '\\') output += '\\\\';
    else if (character === '\n') output += '\\n';
    else if (character === '\t') output += '\\t';
    else if (character === '\r') output += '\\r';
    else if (character === '\0') output += '\\0';
    else if (code < 0x20 || code === 0x7f) output += `\\u{${code.toString(16)}}`;
    else output += character;
  }
  return `${output}"`;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** `str::parse::<i64>()`: the integer, or Rust's error text. */
export function parseRustInteger(text: string): { value: number | bigint } | { error: string } {
  if (text === '') return { error: 'cannot parse integer from empty string' };
  if (!/^[+-]?[0-9]+$/.test(text)) {
    return {
      error: text === '+' || text === '-' ? 'invalid digit found in string' : 'invalid digit found in string',
    };
  }
  // Up to 15 characters, sign included, the number is exact (far inside 2^53): no BigInt needed.
  if (text.length <= 15) return { value: Number(text) + 0 };
  const value = BigInt(text.startsWith('+') ? text.slice(1) : text);
  if (value > I64_MAX) return { error: 'number too large to fit in target type' };
  if (value < I64_MIN) return { error: 'number too small to fit in target type' };
  return { value: integerValue(value) };
}

/** `str::parse::<f64>()`: the number, or Rust's error text. */
export function parseRustFloat(text: string): { value: number } | { error: string } {
  if (text === '') return { error: 'cannot parse float from empty string' };
  const lower = text.toLowerCase();
  const unsigned = lower.replace(/^[+-]/, '');
  if (unsigned === 'inf' || unsigned === 'infinity') {
    return { value: lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY };
  }
  if (unsigned === 'nan') return { value: Number.NaN };
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text))
    return { error: 'invalid float literal' };
  return { value: Number(text) };
}
