/**
 * Numbers as Vector writes them. Both forms below start from the shortest digits that read back
 * as the same double (JavaScript's `toExponential()`, Rust's float formatting and ryu all use
 * them), and differ only in where the decimal point and exponent go.
 */

/** The shortest round-trip digits of a finite non-zero magnitude, and where the point goes. */
function decimalDigits(magnitude: number): { digits: string; pointAt: number } {
  const text = magnitude.toExponential();
  const exponentAt = text.indexOf('e');
  const digits = text.slice(0, exponentAt).replace('.', '');
  // `pointAt` digits stand before the decimal point: 10^(pointAt-1) <= magnitude < 10^pointAt.
  return { digits, pointAt: Number(text.slice(exponentAt + 1)) + 1 };
}

/**
 * An f64 as serde_json writes it (the ryu crate): `2.0`, `0.001234`, `1e16`, `1.5e-7`. Whole
 * numbers keep `.0`; exponents beyond 16 digits or below 1e-5 are written in scientific form.
 */
export function serdeJsonFloat(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const { digits, pointAt } = decimalDigits(Math.abs(value));
  const length = digits.length;
  if (length <= pointAt && pointAt <= 16) return `${sign}${digits}${'0'.repeat(pointAt - length)}.0`;
  if (pointAt > 0 && pointAt <= 16) return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  if (pointAt > -5 && pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  const mantissa = length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  return `${sign}${mantissa}e${pointAt - 1}`;
}

/**
 * A number as Rust's `Display` writes it (Vector's logfmt, text and csv): integers plain, floats
 * without a trailing `.0` and never in scientific form (`1e21` is `1000000000000000000000`).
 */
export function displayNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf';
  const sign = value < 0 ? '-' : '';
  const { digits, pointAt } = decimalDigits(Math.abs(value));
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  if (pointAt > 0) return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
}

/** Largest magnitude written as an integer: Vector's integers are i64. */
const I64_LIMIT = 2 ** 63;

/**
 * Whether JSON.stringify writes `value` differently from Vector: a whole number beyond i64 (a
 * float in Vector: `1e19`, not `10000000000000000000`) or a fraction between 1e-6 and 1e-5
 * (`1e-6`, not `0.000001`). Everything else, the common case, is written the same.
 */
export function jsonDiffers(value: number): boolean {
  const magnitude = value < 0 ? -value : value;
  return (magnitude < 1e-5 && magnitude >= 1e-6) || (magnitude >= I64_LIMIT && magnitude !== Infinity);
}
