import { Timestamp } from './markers.js';
import type { VrlRegex } from './regex.js';
import { numberOfValue, sortedKeys, Tag, tagOf, type Value } from './value.js';

/** A float as Rust's `Display` prints it: the shortest round-trip digits, never an exponent. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  let text: string;
  if (exponent >= digits.length - 1) text = digits + '0'.repeat(exponent - digits.length + 1);
  else if (exponent >= 0) text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  else text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  return negative ? `-${text}` : text;
}

/** A timestamp as VRL prints it: RFC 3339, UTC, with 0, 3, 6 or 9 fraction digits as needed. */
export function formatTimestamp(date: Date): string {
  const milliseconds = date.getTime();
  const nanos = date instanceof Timestamp ? date.submillisecondNanos : 0;
  const iso = new Date(milliseconds).toISOString();
  const [whole] = iso.split('.') as [string];
  const fraction = (((milliseconds % 1000) + 1000) % 1000) * 1_000_000 + nanos;
  let text = whole;
  if (fraction !== 0) {
    const digits = String(fraction).padStart(9, '0');
    text += `.${fraction % 1_000_000 === 0 ? digits.slice(0, 3) : fraction % 1000 === 0 ? digits.slice(0, 6) : digits}`;
  }
  // Years past 9999 print with a sign in ISO form; chrono prints them plainly with `+`.
  return `${text}Z`;
}

/** VRL's `Display` of a value (used in diagnostics and some error messages). */
export function displayValue(value: Value | undefined): string {
  switch (tagOf(value)) {
    case Tag.Bytes:
      return `"${(value as string).replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
    case Tag.Integer:
      return String(value);
    case Tag.Float:
      return formatFloat(numberOfValue(value as Value));
    case Tag.Boolean:
      return String(value);
    case Tag.Timestamp:
      return `t'${formatTimestamp(value as Date)}'`;
    case Tag.Regex:
      return `r'${(value as VrlRegex).pattern}'`;
    case Tag.Null:
      return 'null';
    case Tag.Array:
      return `[${(value as Value[]).map(displayValue).join(', ')}]`;
    default: {
      const object = value as Record<string, Value>;
      const entries = sortedKeys(object).map((key) => `"${key}": ${displayValue(object[key])}`);
      return `{ ${entries.join(', ')} }`;
    }
  }
}
