import { submillisecondNanosOf } from '@sluice/component-api';

/*
 * chrono's strftime (the crate Vector formats dates with, `chrono::format::strftime`): the same
 * specifiers, padding modifiers (`%-d`, `%_d`, `%0e`), composites (`%F`, `%T`, `%c`, `%+`) and the
 * same refusals (an unknown specifier, a `%` at the end). Dates are written in UTC or at a fixed
 * offset, as Vector's templates write them.
 */

type Pad = 'zero' | 'space' | 'none';

/** One parsed piece of a format: text as written, or a field of the date. */
export type StrftimeItem =
  | { kind: 'literal'; text: string }
  | { kind: 'numeric'; field: NumericField; pad: Pad }
  | { kind: 'fixed'; field: FixedField };

type NumericField =
  | 'year'
  | 'yearDiv100'
  | 'yearMod100'
  | 'isoYear'
  | 'isoYearMod100'
  | 'quarter'
  | 'month'
  | 'day'
  | 'weekFromSunday'
  | 'weekFromMonday'
  | 'isoWeek'
  | 'daysFromSunday'
  | 'weekdayFromMonday'
  | 'ordinal'
  | 'hour'
  | 'hour12'
  | 'minute'
  | 'second'
  | 'nanosecond'
  | 'timestamp';

type FixedField =
  | 'shortMonth'
  | 'longMonth'
  | 'shortWeekday'
  | 'longWeekday'
  | 'lowerAmPm'
  | 'upperAmPm'
  | 'fraction'
  | 'fraction3'
  | 'fraction6'
  | 'fraction9'
  | 'digits3'
  | 'digits6'
  | 'digits9'
  | 'zoneName'
  | 'offset'
  | 'offsetColon'
  | 'offsetDoubleColon'
  | 'offsetTripleColon'
  | 'rfc3339';

/** Each numeric field's width and default padding (chrono's). */
const NUMERIC: Record<string, { field: NumericField; width: number; pad: Pad }> = {
  Y: { field: 'year', width: 4, pad: 'zero' },
  C: { field: 'yearDiv100', width: 2, pad: 'zero' },
  y: { field: 'yearMod100', width: 2, pad: 'zero' },
  G: { field: 'isoYear', width: 4, pad: 'zero' },
  g: { field: 'isoYearMod100', width: 2, pad: 'zero' },
  q: { field: 'quarter', width: 1, pad: 'zero' },
  m: { field: 'month', width: 2, pad: 'zero' },
  d: { field: 'day', width: 2, pad: 'zero' },
  e: { field: 'day', width: 2, pad: 'space' },
  U: { field: 'weekFromSunday', width: 2, pad: 'zero' },
  W: { field: 'weekFromMonday', width: 2, pad: 'zero' },
  V: { field: 'isoWeek', width: 2, pad: 'zero' },
  w: { field: 'daysFromSunday', width: 1, pad: 'zero' },
  u: { field: 'weekdayFromMonday', width: 1, pad: 'zero' },
  j: { field: 'ordinal', width: 3, pad: 'zero' },
  H: { field: 'hour', width: 2, pad: 'zero' },
  k: { field: 'hour', width: 2, pad: 'space' },
  I: { field: 'hour12', width: 2, pad: 'zero' },
  l: { field: 'hour12', width: 2, pad: 'space' },
  M: { field: 'minute', width: 2, pad: 'zero' },
  S: { field: 'second', width: 2, pad: 'zero' },
  f: { field: 'nanosecond', width: 9, pad: 'zero' },
  s: { field: 'timestamp', width: 1, pad: 'zero' },
};
const WIDTH = Object.fromEntries(Object.values(NUMERIC).map((spec) => [spec.field, spec.width]));

const FIXED: Record<string, FixedField> = {
  b: 'shortMonth',
  h: 'shortMonth',
  B: 'longMonth',
  a: 'shortWeekday',
  A: 'longWeekday',
  P: 'lowerAmPm',
  p: 'upperAmPm',
  Z: 'zoneName',
  z: 'offset',
  '+': 'rfc3339',
};

/** chrono's composite specifiers, written out. */
const COMPOSITE: Record<string, string> = {
  D: '%m/%d/%y',
  x: '%m/%d/%y',
  F: '%Y-%m-%d',
  v: '%e-%b-%Y',
  c: '%a %b %e %H:%M:%S %Y',
  r: '%I:%M:%S %p',
  R: '%H:%M',
  T: '%H:%M:%S',
  X: '%H:%M:%S',
};

/**
 * The items of a format, or the first problem (`%E`, a `%` at the end), as chrono's
 * `StrftimeItems` reads it. `%#z` is refused here (chrono only parses it; formatting it fails).
 */
export function parseStrftime(format: string): StrftimeItem[] | { error: string } {
  const items: StrftimeItem[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') items.push({ kind: 'literal', text: literal });
    literal = '';
  };
  const characters = [...format];
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index] as string;
    if (character !== '%') {
      literal += character;
      continue;
    }
    let next = characters[++index];
    let pad: Pad | undefined;
    if (next === '-' || next === '_' || next === '0') {
      pad = next === '-' ? 'none' : next === '_' ? 'space' : 'zero';
      next = characters[++index];
    }
    const invalid = {
      error: `invalid strftime specifier "%${pad === undefined ? '' : characters[index - 1]}${next ?? ''}"`,
    };
    if (next === undefined) return invalid;
    if (next === '%' || next === 't' || next === 'n') {
      literal += next === '%' ? '%' : next === 't' ? '\t' : '\n';
      continue;
    }
    const numeric = NUMERIC[next];
    const composite = COMPOSITE[next];
    if (numeric !== undefined) {
      flush();
      items.push({ kind: 'numeric', field: numeric.field, pad: pad ?? numeric.pad });
    } else if (FIXED[next] !== undefined) {
      flush();
      items.push({ kind: 'fixed', field: FIXED[next] as FixedField });
    } else if (composite !== undefined) {
      flush();
      items.push(...(parseStrftime(composite) as StrftimeItem[]));
    } else if (next === '.' || next === '3' || next === '6' || next === '9') {
      const digits = next === '.' ? characters[index + 1] : next;
      const withDot = next === '.';
      if (withDot && digits === 'f') {
        index += 1;
        flush();
        items.push({ kind: 'fixed', field: 'fraction' });
      } else if (
        (digits === '3' || digits === '6' || digits === '9') &&
        characters[index + (withDot ? 2 : 1)] === 'f'
      ) {
        index += withDot ? 2 : 1;
        flush();
        items.push({ kind: 'fixed', field: `${withDot ? 'fraction' : 'digits'}${digits}` as FixedField });
      } else return invalid;
    } else if (next === ':') {
      const colons = characters
        .slice(index)
        .join('')
        .match(/^(:{1,3})z/)?.[1];
      if (colons === undefined) return invalid;
      index += colons.length;
      flush();
      items.push({
        kind: 'fixed',
        field:
          colons.length === 1
            ? 'offsetColon'
            : colons.length === 2
              ? 'offsetDoubleColon'
              : 'offsetTripleColon',
      });
    } else return invalid;
  }
  flush();
  return items;
}

/** Whether the items name any part of the date (`%%` and `%t` alone do not: chrono's `is_dynamic`). */
export function isDynamicStrftime(items: readonly StrftimeItem[]): boolean {
  return items.some((item) => item.kind !== 'literal');
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

/** Midnight UTC of a day, for any year (`Date.UTC` reads years 0 to 99 as 1900 to 1999). */
function utcDay(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month, day);
}

function padded(value: number, width: number, pad: Pad): string {
  const digits = String(Math.abs(value));
  const sign = value < 0 ? '-' : '';
  if (pad === 'none' || digits.length >= width) return `${sign}${digits}`;
  const filler = (pad === 'zero' ? '0' : ' ').repeat(width - digits.length - sign.length);
  return pad === 'zero' ? `${sign}${filler}${digits}` : `${filler}${sign}${digits}`;
}

/** The ISO 8601 week-numbering year and week of a date (its fields read in UTC). */
function isoWeek(date: Date): { year: number; week: number } {
  const day = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(utcDay(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - utcDay(year, 0, 1)) / DAY_MS / 7);
  return { year, week };
}

/**
 * An offset as chrono writes it: to the nearest minute (never 24:00), or truncated to hours, or
 * with its seconds (`%::z`).
 */
function offsetText(seconds: number, style: 'plain' | 'colon' | 'seconds' | 'hours'): string {
  const sign = seconds < 0 ? '-' : '+';
  const absolute = Math.abs(seconds);
  const two = (value: number) => String(value).padStart(2, '0');
  if (style === 'hours') return `${sign}${two(Math.floor(absolute / 3600))}`;
  if (style === 'seconds')
    return `${sign}${two(Math.floor(absolute / 3600))}:${two(Math.floor(absolute / 60) % 60)}:${two(absolute % 60)}`;
  const minutes = Math.min(Math.floor((absolute + 30) / 60), 24 * 60 - 1);
  const hours = two(Math.floor(minutes / 60));
  return style === 'plain' ? `${sign}${hours}${two(minutes % 60)}` : `${sign}${hours}:${two(minutes % 60)}`;
}

function fractionDigits(nanos: number, digits: number): string {
  return String(nanos).padStart(9, '0').slice(0, digits);
}

/** The shortest of .3, .6, .9 digits holding every non-zero digit; nothing for a whole second. */
function autoFraction(nanos: number): string {
  if (nanos === 0) return '';
  if (nanos % 1_000_000 === 0) return `.${fractionDigits(nanos, 3)}`;
  if (nanos % 1_000 === 0) return `.${fractionDigits(nanos, 6)}`;
  return `.${fractionDigits(nanos, 9)}`;
}

/** Where a date is written: its offset east of UTC and the name `%Z` gives it. */
export interface StrftimeZone {
  readonly offsetSeconds: number;
  /** `UTC`, a zone's abbreviation (`CET`), or for a fixed offset its value (`+08:00`), as chrono. */
  readonly name: string;
}

export const UTC_ZONE: StrftimeZone = { offsetSeconds: 0, name: 'UTC' };

/** A fixed offset, named by its value as chrono names a `FixedOffset`. */
export function fixedZone(offsetMinutes: number): StrftimeZone {
  return { offsetSeconds: offsetMinutes * 60, name: offsetText(offsetMinutes * 60, 'colon') };
}

/** Writes `date` with `items` in `zone` (UTC when absent). */
export function formatStrftime(items: readonly StrftimeItem[], date: Date, zone = UTC_ZONE): string {
  const offset = zone.offsetSeconds;
  const local = new Date(date.getTime() + offset * 1000);
  const nanos = (local.getUTCMilliseconds() * 1_000_000 + submillisecondNanosOf(date)) % 1_000_000_000;
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const weekday = local.getUTCDay();
  const ordinal = Math.floor((local.getTime() - utcDay(year, 0, 1)) / DAY_MS) + 1;
  const hour = local.getUTCHours();
  let text = '';
  for (const item of items) {
    if (item.kind === 'literal') {
      text += item.text;
      continue;
    }
    if (item.kind === 'numeric') {
      let value: number;
      switch (item.field) {
        case 'year':
          value = year;
          break;
        case 'yearDiv100':
          value = Math.floor(year / 100);
          break;
        case 'yearMod100':
          value = ((year % 100) + 100) % 100;
          break;
        case 'isoYear':
          value = isoWeek(local).year;
          break;
        case 'isoYearMod100':
          value = ((isoWeek(local).year % 100) + 100) % 100;
          break;
        case 'quarter':
          value = Math.floor(month / 3) + 1;
          break;
        case 'month':
          value = month + 1;
          break;
        case 'day':
          value = local.getUTCDate();
          break;
        case 'weekFromSunday': // chrono's weeks_from(Sun), as C's %U
          value = Math.floor((ordinal - weekday + 6) / 7);
          break;
        case 'weekFromMonday':
          value = Math.floor((ordinal - ((weekday + 6) % 7) + 6) / 7);
          break;
        case 'isoWeek':
          value = isoWeek(local).week;
          break;
        case 'daysFromSunday':
          value = weekday;
          break;
        case 'weekdayFromMonday':
          value = weekday === 0 ? 7 : weekday;
          break;
        case 'ordinal':
          value = ordinal;
          break;
        case 'hour':
          value = hour;
          break;
        case 'hour12':
          value = hour % 12 === 0 ? 12 : hour % 12;
          break;
        case 'minute':
          value = local.getUTCMinutes();
          break;
        case 'second':
          value = local.getUTCSeconds();
          break;
        case 'nanosecond':
          value = nanos;
          break;
        case 'timestamp':
          value = Math.floor(date.getTime() / 1000);
          break;
      }
      // chrono writes a year outside 0–9999 with its sign, padded to one more place.
      if ((item.field === 'year' || item.field === 'isoYear') && (value < 0 || value > 9999))
        text += (value < 0 ? '-' : '+') + padded(Math.abs(value), 4, item.pad);
      else text += padded(value, WIDTH[item.field] as number, item.pad);
      continue;
    }
    switch (item.field) {
      case 'shortMonth':
        text += (MONTHS[month] as string).slice(0, 3);
        break;
      case 'longMonth':
        text += MONTHS[month];
        break;
      case 'shortWeekday':
        text += (WEEKDAYS[weekday] as string).slice(0, 3);
        break;
      case 'longWeekday':
        text += WEEKDAYS[weekday];
        break;
      case 'lowerAmPm':
        text += hour < 12 ? 'am' : 'pm';
        break;
      case 'upperAmPm':
        text += hour < 12 ? 'AM' : 'PM';
        break;
      case 'fraction':
        text += autoFraction(nanos);
        break;
      case 'fraction3':
      case 'fraction6':
      case 'fraction9':
        text += `.${fractionDigits(nanos, Number(item.field.slice(-1)))}`;
        break;
      case 'digits3':
      case 'digits6':
      case 'digits9':
        text += fractionDigits(nanos, Number(item.field.slice(-1)));
        break;
      case 'zoneName':
        text += zone.name;
        break;
      case 'offset':
        text += offsetText(offset, 'plain');
        break;
      case 'offsetColon':
        text += offsetText(offset, 'colon');
        break;
      case 'offsetDoubleColon':
        text += offsetText(offset, 'seconds');
        break;
      case 'offsetTripleColon':
        text += offsetText(offset, 'hours');
        break;
      case 'rfc3339':
        text += `${formatStrftime(RFC3339_ITEMS, date, zone)}${autoFraction(nanos)}${offsetText(offset, 'colon')}`;
        break;
    }
  }
  return text;
}

const RFC3339_ITEMS = parseStrftime('%Y-%m-%dT%H:%M:%S') as StrftimeItem[];
