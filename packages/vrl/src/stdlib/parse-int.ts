import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { displayValue } from '../value/display.js';
import { integerValue } from '../value/value.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** Rust's `i64::from_str_radix`: the integer, or Rust's error text. */
export function parseIntegerInRadix(
  text: string,
  radix: number,
): { value: number | bigint } | { error: string } {
  if (text === '') return { error: 'cannot parse integer from empty string' };
  let negative = false;
  let digits = text;
  if (text[0] === '+' || text[0] === '-') {
    if (text.length === 1) return { error: 'invalid digit found in string' };
    negative = text[0] === '-';
    digits = text.slice(1);
  }
  const base = BigInt(radix);
  let value = 0n;
  for (const character of digits) {
    const digit = digitValue(character);
    if (digit === undefined || digit >= radix) return { error: 'invalid digit found in string' };
    value = value * base + (negative ? -BigInt(digit) : BigInt(digit));
    if (value > I64_MAX) return { error: 'number too large to fit in target type' };
    if (value < I64_MIN) return { error: 'number too small to fit in target type' };
  }
  return { value: integerValue(value) };
}

function digitValue(character: string): number | undefined {
  const code = character.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return undefined;
}

/** `parse_int(value, base)`: an integer in base 2–36, or by its prefix (`0b`, `0o`, `0x`, `0`) when no base is given. */
export const parseIntFunction = defineFunction({
  name: 'parse_int',
  parameters: [required('value', kind.BYTES), optional('base', kind.INTEGER)],
  returns: TypeDef.integer().fallible(),
  call: ([value, base]) => {
    const text = value as string;
    let radix: number;
    let start = 0;
    if (base !== undefined) {
      const requested = Number(base);
      if (requested < 2 || requested > 36)
        return fail(`invalid base ${displayValue(value)}: must be be between 2 and 36 (inclusive)`);
      radix = requested;
    } else if (text === '') {
      return fail('value is empty');
    } else if (text[0] === '0') {
      const prefix = { b: 2, o: 8, x: 16 }[text[1] as string];
      radix = prefix ?? 8;
      start = prefix === undefined ? 0 : 2;
    } else {
      radix = 10;
    }
    const parsed = parseIntegerInRadix(text.slice(start), radix);
    return 'error' in parsed ? fail(`could not parse integer: ${parsed.error}`) : parsed.value;
  },
});
