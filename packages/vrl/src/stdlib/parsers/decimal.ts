/**
 * The part of `rust_decimal` (96-bit mantissa, scale up to 28) that `parse_duration` and
 * `parse_bytes` go through: a quotient of exact numbers as the nearest such decimal, and the
 * decimal as an f64 the way `Decimal::to_f64` rounds it.
 */

const MAX_MANTISSA = (1n << 96n) - 1n;
const MAX_SCALE = 28;

export interface Decimal {
  mantissa: bigint;
  scale: number;
}

/** `numerator / denominator` (both ≥ 0, denominator > 0) as a decimal; undefined on overflow. */
export function decimalQuotient(numerator: bigint, denominator: bigint): Decimal | undefined {
  let quotient = numerator / denominator;
  let remainder = numerator % denominator;
  if (quotient > MAX_MANTISSA) return undefined;
  let scale = 0;
  while (remainder !== 0n && scale < MAX_SCALE) {
    const next = quotient * 10n + (remainder * 10n) / denominator;
    if (next > MAX_MANTISSA) break;
    quotient = next;
    remainder = (remainder * 10n) % denominator;
    scale++;
  }
  // Round half to even on what is left.
  const twice = remainder * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) {
    quotient += 1n;
    if (quotient > MAX_MANTISSA) {
      if (scale === 0) return undefined;
      quotient = (quotient + 5n) / 10n;
      scale--;
    }
  }
  return { mantissa: quotient, scale };
}

/** `Decimal::as_f64`: the integral part plus the fraction, rounded back to the decimal's scale. */
export function decimalToFloat(decimal: Decimal): number {
  if (decimal.scale === 0) return Number(decimal.mantissa);
  const precision = 10n ** BigInt(decimal.scale);
  const integral = Number(decimal.mantissa / precision);
  const fraction = Number(decimal.mantissa % precision) / Number(precision);
  if (fraction === 0) return integral;
  const roundTo = 10 ** decimal.scale;
  return Math.round((integral + fraction) * roundTo) / roundTo;
}

/** A decimal number's text (`[0-9]*\.?[0-9]+`) as an exact fraction: mantissa and power of ten. */
export function decimalOfText(text: string): Decimal | undefined {
  const dot = text.indexOf('.');
  const digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
  const mantissa = BigInt(digits === '' ? '0' : digits);
  if (mantissa > MAX_MANTISSA) return undefined;
  const scale = dot < 0 ? 0 : text.length - dot - 1;
  return scale > MAX_SCALE ? undefined : { mantissa, scale };
}
