import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { numberOfValue, Tag, tagOf, type Value } from '../value/value.js';

/**
 * `format_number(value, scale, decimal_separator: ".", grouping_separator)`: the number in
 * decimal, its fraction cut (not rounded) or padded to `scale` digits, the integer part grouped
 * by threes. Floats become decimals as `rust_decimal`'s `from_f64` makes them (15–16 significant
 * digits), and the grouping counts a minus sign as a digit, as VRL's does.
 */
export const formatNumber = defineFunction({
  name: 'format_number',
  parameters: [
    required('value', kind.INTEGER | kind.FLOAT),
    optional('scale', kind.INTEGER),
    optional('decimal_separator', kind.BYTES, '.'),
    optional('grouping_separator', kind.BYTES),
  ],
  returns: TypeDef.bytes(),
  call: ([value, scale, decimalSeparator, groupingSeparator]) => {
    const parts = decimalText(value as Value).split('.');
    if (scale !== undefined) {
      const digits = Number(scale);
      if (digits < 0) return fail('scale must not be negative');
      if (digits === 0) parts.length = 1;
      else {
        const fraction = parts[1] ?? '';
        parts[1] = fraction.length < digits ? fraction.padEnd(digits, '0') : fraction.slice(0, digits);
      }
    }
    if (groupingSeparator !== undefined) parts[0] = group(parts[0] as string, groupingSeparator as string);
    return parts.join(decimalSeparator as string);
  },
});

function group(integer: string, separator: string): string {
  const start = integer.length % 3;
  let output = integer.slice(0, start);
  for (let index = start; index < integer.length; index += 3)
    output += separator + integer.slice(index, index + 3);
  return output;
}

/** The number as `rust_decimal` prints it. */
function decimalText(value: Value): string {
  if (tagOf(value) === Tag.Integer) return String(value);
  const number = numberOfValue(value);
  const decimal = decimalFromFloat(number);
  if (decimal === undefined) return fail(`unable to represent ${number} as a decimal`);
  const digits = decimal.mantissa.toString();
  const text =
    decimal.scale === 0
      ? digits
      : `${digits.slice(0, -decimal.scale).padStart(1, '0')}.${digits.padStart(decimal.scale, '0').slice(-decimal.scale)}`;
  return decimal.negative && decimal.mantissa !== 0n ? `-${text}` : text;
}

const LIMIT = 1n << 96n;
const MAX_SCALE = 28;

/** `rust_decimal`'s `from_f64` (removing excess bits): a 96-bit mantissa and a scale, or undefined. */
function decimalFromFloat(
  number: number,
): { mantissa: bigint; scale: number; negative: boolean } | undefined {
  if (!Number.isFinite(number)) return undefined;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, number);
  const raw = view.getBigUint64(0);
  const negative = raw >> 63n === 1n;
  const biased = Number((raw >> 52n) & 0x7ffn);
  let bits = raw & 0xfffffffffffffn;
  if (biased === 0 && bits === 0n) return { mantissa: 0n, scale: 0, negative };
  let exponent2 = biased - 1023;
  if (biased === 0) exponent2 += 1;
  else bits |= 1n << 52n;
  exponent2 -= 52;
  let exponent5 = -exponent2;
  let exponent10 = exponent2;
  while (exponent5 > 0) {
    if ((bits & 1n) === 0n) {
      exponent10++;
      exponent5--;
      bits >>= 1n;
    } else {
      exponent5--;
      const times5 = bits * 5n;
      if (times5 < LIMIT) bits = times5;
      else {
        exponent10++;
        bits >>= 1n;
      }
    }
  }
  while (exponent5 < 0) {
    if (bits < 1n << 95n) {
      exponent10--;
      exponent5++;
      bits <<= 1n;
    } else if (exponent10 * 2 > -exponent5) {
      return undefined;
    } else {
      exponent5++;
      bits /= 5n;
    }
  }
  while (exponent10 > 0) {
    bits *= 10n;
    if (bits >= LIMIT) return undefined;
    exponent10--;
  }
  while (exponent10 < -MAX_SCALE) {
    const remainder = bits % 10n;
    bits /= 10n;
    exponent10++;
    if (bits === 0n) exponent10 = 0;
    else if (remainder >= 5n) bits++;
  }
  // Down to the precision an f64 guarantees (about 15–16 digits), then without trailing zeros.
  while (exponent10 < 0 && bits >= 1n << 52n) {
    const remainder = bits % 10n;
    bits /= 10n;
    exponent10++;
    if (remainder >= 5n) bits++;
  }
  while (exponent10 < 0 && bits % 10n === 0n) {
    bits /= 10n;
    exponent10++;
  }
  return { mantissa: bits, scale: -exponent10, negative };
}
