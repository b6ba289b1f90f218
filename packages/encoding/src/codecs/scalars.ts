import { type FieldValue, FloatValue, submillisecondNanosOf } from '@sluice/component-api';
import { displayNumber, serdeJsonFloat } from '../numbers.js';
import type { TimestampFormat } from './config.js';

/**
 * A number JSON.stringify cannot write as Vector does (a float of serde_json, a nanosecond count
 * beyond 2^53): `json` is its JSON text, `display` its Rust `Display` form (logfmt, text, csv).
 */
export class RawNumber {
  constructor(
    readonly json: string,
    readonly display: string,
  ) {}
}

/** What a timestamp becomes under `timestamp_format`: an RFC 3339 string or a number. */
export type TimestampWriter = (date: Date) => string | number | RawNumber;

/**
 * RFC 3339 as Vector writes it (chrono's `SecondsFormat::AutoSi`): no fraction for a whole
 * second, else 3, 6 or 9 digits, the fewest that hold every non-zero digit of the nanoseconds.
 */
export function rfc3339(date: Date): string {
  const text = date.toISOString();
  const nanos = submillisecondNanosOf(date);
  if (nanos === 0) return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
  const below = nanos % 1000 === 0 ? String(nanos / 1000).padStart(3, '0') : String(nanos).padStart(6, '0');
  return `${text.slice(0, -1)}${below}Z`;
}

/** Microseconds since the epoch, rounded down as chrono's `timestamp_micros` (exact: below 2^53). */
const microsecondsOf = (date: Date) => date.getTime() * 1000 + Math.floor(submillisecondNanosOf(date) / 1000);

/** Vector's Transformer forms (lib/codecs/src/encoding/transformer.rs), rounded down to the unit. */
export function timestampWriter(format: TimestampFormat): TimestampWriter {
  switch (format) {
    case 'rfc3339':
      return rfc3339;
    case 'unix': // chrono's timestamp() rounds down
      return (date) => Math.floor(date.getTime() / 1000);
    case 'unix_ms':
      return (date) => date.getTime();
    case 'unix_us':
      return microsecondsOf;
    case 'unix_ns':
      // Beyond 2^53: written as digits, exact.
      return (date) => {
        const digits = String(BigInt(date.getTime()) * 1_000_000n + BigInt(submillisecondNanosOf(date)));
        return new RawNumber(digits, digits);
      };
    case 'unix_float':
      // Vector: timestamp_micros() as f64 / 1e6, an f64 (`1795428000.0` for a whole second).
      return (date) => {
        const seconds = microsecondsOf(date) / 1e6;
        return new RawNumber(serdeJsonFloat(seconds), displayNumber(seconds));
      };
  }
}

/** A float as serde_json and Rust's Display write it (`2.0` and `2`, `-0.0` and `-0`). */
export const floatOf = (value: number) =>
  new RawNumber(serdeJsonFloat(value), Object.is(value, -0) ? '-0' : displayNumber(value));
/** An integer beyond 2^53 (Vector's i64), digits as they are. */
export const integerOf = (value: bigint) => {
  const digits = String(value);
  return new RawNumber(digits, digits);
};

/** The text of a scalar as Rust's Display writes it; `undefined` for a table or a list. */
export function scalarText(value: FieldValue, write: TimestampWriter): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return displayNumber(value);
  if (typeof value === 'bigint') return String(value);
  if (value instanceof FloatValue) return floatOf(value.value).display;
  if (typeof value === 'boolean') return String(value);
  if (value === null) return '<null>';
  if (value instanceof Date) {
    const written = write(value);
    return typeof written === 'string'
      ? written
      : typeof written === 'number'
        ? displayNumber(written)
        : written.display;
  }
  return undefined;
}
