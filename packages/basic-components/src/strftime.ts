import { submillisecondNanosOf } from '@sluice/component-api';

/**
 * chrono's `strftime` (what Vector's templates use for `%Y-%m-%d` in a path), formatted at a fixed
 * UTC offset as Vector's sinks do (UTC, or the offset of their `timezone` when they start).
 */

type Pad = 'zero' | 'space' | 'none';

/** The parts of an instant at an offset that the specifiers print. */
interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  /** 0 = Sunday. */
  weekday: number;
  /** 1-based day of the year. */
  ordinal: number;
  isoYear: number;
  isoWeek: number;
  unixSeconds: number;
  offsetSeconds: number;
  /** `UTC`, or a fixed offset's own text (`+09:30`) as chrono names it. */
  zoneName: string;
}

type Item = string | ((parts: DateParts) => string);

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
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
const SHORT_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Rust's `{v:0n$}`, `{v:n$}`, `{v}` (and `{v:+0n$}` with a sign always, width n + 1). */
function padded(value: number, width: number, pad: Pad, alwaysSign = false): string {
  const sign = value < 0 ? '-' : alwaysSign ? '+' : '';
  const digits = String(Math.abs(value));
  const total = alwaysSign ? width + 1 : width;
  if (pad === 'none') return sign + digits;
  if (pad === 'zero') return sign + digits.padStart(total - sign.length, '0');
  return (sign + digits).padStart(total, ' ');
}

/** chrono's years: four digits plain between 1000 and 9999, else padded with a sign outside 0–9999. */
function formatYear(year: number, pad: Pad): string {
  if (year >= 1000 && year <= 9999) return String(year);
  return padded(year, 4, pad, year < 0 || year >= 10_000);
}

interface NumericSpecifier {
  value: (parts: DateParts) => number;
  width: number;
  pad: Pad;
  year?: boolean;
}

const floorDivide = (value: number, divisor: number) => Math.floor(value / divisor);
const modulo = (value: number, divisor: number) => ((value % divisor) + divisor) % divisor;
const hour12 = (parts: DateParts) => (parts.hour % 12 === 0 ? 12 : parts.hour % 12);

const NUMERIC: Record<string, NumericSpecifier> = {
  Y: { value: (parts) => parts.year, width: 4, pad: 'zero', year: true },
  C: { value: (parts) => floorDivide(parts.year, 100), width: 2, pad: 'zero' },
  y: { value: (parts) => modulo(parts.year, 100), width: 2, pad: 'zero' },
  G: { value: (parts) => parts.isoYear, width: 4, pad: 'zero', year: true },
  g: { value: (parts) => modulo(parts.isoYear, 100), width: 2, pad: 'zero' },
  q: { value: (parts) => Math.ceil(parts.month / 3), width: 1, pad: 'none' },
  m: { value: (parts) => parts.month, width: 2, pad: 'zero' },
  d: { value: (parts) => parts.day, width: 2, pad: 'zero' },
  e: { value: (parts) => parts.day, width: 2, pad: 'space' },
  U: { value: (parts) => floorDivide(parts.ordinal - parts.weekday + 6, 7), width: 2, pad: 'zero' },
  W: {
    value: (parts) => floorDivide(parts.ordinal - modulo(parts.weekday - 1, 7) + 6, 7),
    width: 2,
    pad: 'zero',
  },
  V: { value: (parts) => parts.isoWeek, width: 2, pad: 'zero' },
  w: { value: (parts) => parts.weekday, width: 1, pad: 'none' },
  u: { value: (parts) => (parts.weekday === 0 ? 7 : parts.weekday), width: 1, pad: 'none' },
  j: { value: (parts) => parts.ordinal, width: 3, pad: 'zero' },
  H: { value: (parts) => parts.hour, width: 2, pad: 'zero' },
  k: { value: (parts) => parts.hour, width: 2, pad: 'space' },
  I: { value: hour12, width: 2, pad: 'zero' },
  l: { value: hour12, width: 2, pad: 'space' },
  M: { value: (parts) => parts.minute, width: 2, pad: 'zero' },
  S: { value: (parts) => parts.second, width: 2, pad: 'zero' },
  f: { value: (parts) => parts.nanosecond, width: 9, pad: 'zero' },
  s: { value: (parts) => parts.unixSeconds, width: 9, pad: 'none' },
};

function numeric(specifier: NumericSpecifier, pad: Pad): Item {
  if (specifier.year) return (parts) => formatYear(specifier.value(parts), pad);
  // chrono writes one-digit values (weekday, quarter) as they are, whatever the padding.
  if (specifier.width === 1) return (parts) => String(specifier.value(parts));
  return (parts) => padded(specifier.value(parts), specifier.width, pad);
}

/** chrono's offsets: `+09:30` (colons) or `+0930`; `seconds` adds `:00`, `hours` keeps `+09`. */
function formatOffset(
  offsetSeconds: number,
  colons: boolean,
  precision: 'hours' | 'minutes' | 'seconds',
): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetSeconds);
  const separator = colons ? ':' : '';
  const two = (value: number) => String(value).padStart(2, '0');
  if (precision === 'hours') return sign + two(Math.floor(magnitude / 3600));
  if (precision === 'seconds') {
    return `${sign}${two(Math.floor(magnitude / 3600))}${separator}${two(Math.floor(magnitude / 60) % 60)}${separator}${two(magnitude % 60)}`;
  }
  const minutes = Math.min(Math.floor((magnitude + 30) / 60), 24 * 60 - 1);
  return `${sign}${two(Math.floor(minutes / 60))}${separator}${two(minutes % 60)}`;
}

/** `%.f`: nothing for a whole second, else 3, 6 or 9 digits, the fewest that say it. */
function autoFraction(nanosecond: number): string {
  if (nanosecond === 0) return '';
  if (nanosecond % 1_000_000 === 0) return `.${padded(nanosecond / 1_000_000, 3, 'zero')}`;
  if (nanosecond % 1_000 === 0) return `.${padded(nanosecond / 1_000, 6, 'zero')}`;
  return `.${padded(nanosecond, 9, 'zero')}`;
}

const fraction = (digits: 3 | 6 | 9) => (parts: DateParts) =>
  padded(Math.floor(parts.nanosecond / 10 ** (9 - digits)), digits, 'zero');

const FIXED: Record<string, Item> = {
  a: (parts) => SHORT_WEEKDAYS[parts.weekday] as string,
  A: (parts) => LONG_WEEKDAYS[parts.weekday] as string,
  b: (parts) => SHORT_MONTHS[parts.month - 1] as string,
  h: (parts) => SHORT_MONTHS[parts.month - 1] as string,
  B: (parts) => LONG_MONTHS[parts.month - 1] as string,
  p: (parts) => (parts.hour < 12 ? 'AM' : 'PM'),
  P: (parts) => (parts.hour < 12 ? 'am' : 'pm'),
  Z: (parts) => parts.zoneName,
  z: (parts) => formatOffset(parts.offsetSeconds, false, 'minutes'),
  '+': (parts) =>
    `${formatYear(parts.year, 'zero')}-${padded(parts.month, 2, 'zero')}-${padded(parts.day, 2, 'zero')}T` +
    `${padded(parts.hour, 2, 'zero')}:${padded(parts.minute, 2, 'zero')}:${padded(parts.second, 2, 'zero')}` +
    `${autoFraction(parts.nanosecond)}${formatOffset(parts.offsetSeconds, true, 'minutes')}`,
  n: '\n',
  t: '\t',
  '%': '%',
};

/** Specifiers that stand for several (chrono's POSIX locale for `%c`, `%x`, `%X`, `%r`). */
const COMPOSED: Record<string, string> = {
  D: '%m/%d/%y',
  x: '%m/%d/%y',
  F: '%Y-%m-%d',
  v: '%e-%b-%Y',
  R: '%H:%M',
  T: '%H:%M:%S',
  X: '%H:%M:%S',
  r: '%I:%M:%S %p',
  c: '%a %b %e %H:%M:%S %Y',
};

const PADS: Record<string, Pad> = { '-': 'none', _: 'space', '0': 'zero' };

/** A parsed format: `dynamic` when it prints anything of the time (else it is its own text). */
export interface StrftimeFormat {
  readonly dynamic: boolean;
  /** The date at `offsetSeconds` from UTC (a fixed offset), or in UTC when undefined. */
  format(date: Date, offsetSeconds?: number): string;
}

/**
 * Parses a chrono `strftime` format; a specifier chrono does not know (or `%` at the end) is an
 * error, as Vector's "Invalid strftime item".
 */
export function parseStrftime(format: string): StrftimeFormat | { error: string } {
  const items = parseItems(format);
  if ('error' in items) return items;
  const dynamic = items.some((item) => typeof item === 'function');
  return {
    dynamic,
    format: (date, offsetSeconds) => formatItems(items, datePartsOf(date, offsetSeconds)),
  };
}

function formatItems(items: readonly Item[], parts: DateParts): string {
  let text = '';
  for (const item of items) text += typeof item === 'string' ? item : item(parts);
  return text;
}

function parseItems(format: string): Item[] | { error: string } {
  const items: Item[] = [];
  let index = 0;
  const fail = (at: number) => ({
    error: `invalid strftime item ${JSON.stringify(format.slice(at, index + 1))}`,
  });
  while (index < format.length) {
    const percent = format.indexOf('%', index);
    if (percent === -1) {
      items.push(format.slice(index));
      break;
    }
    if (percent > index) items.push(format.slice(index, percent));
    const start = percent;
    index = percent + 1;
    let pad: Pad | undefined = PADS[format[index] ?? ''];
    if (pad !== undefined) index += 1;
    const specifier = format[index];
    if (specifier === undefined) return fail(start);
    let item: Item | undefined;
    const numericSpecifier = NUMERIC[specifier];
    if (numericSpecifier !== undefined) {
      item = numeric(numericSpecifier, pad ?? numericSpecifier.pad);
      pad = undefined;
    } else if (specifier === ':') {
      const colons = /^(:{1,3})z/.exec(format.slice(index))?.[1];
      if (colons === undefined) return fail(start);
      const precision = colons.length === 1 ? 'minutes' : colons.length === 2 ? 'seconds' : 'hours';
      item = (parts) => formatOffset(parts.offsetSeconds, true, precision);
      index += colons.length;
    } else if (specifier === '.' || specifier === '3' || specifier === '6' || specifier === '9') {
      const match = /^(\.)?([369])?f/.exec(format.slice(index));
      if (match === null || (match[1] === undefined && match[2] === undefined)) return fail(start);
      const digits = match[2] === undefined ? undefined : (Number(match[2]) as 3 | 6 | 9);
      const dot = match[1] === undefined ? '' : '.';
      item =
        digits === undefined
          ? (parts) => autoFraction(parts.nanosecond)
          : (parts) => dot + fraction(digits)(parts);
      index += match[0].length - 1;
    } else if (COMPOSED[specifier] !== undefined) {
      const composed = parseItems(COMPOSED[specifier]);
      if ('error' in composed || pad !== undefined) return fail(start);
      item = (parts) => formatItems(composed, parts);
    } else {
      // `%#z` only parses in chrono: formatting it fails, so it is refused here.
      item = FIXED[specifier];
    }
    // chrono accepts a padding modifier only before a single numeric specifier.
    if (item === undefined || pad !== undefined) return fail(start);
    items.push(item);
    index += 1;
  }
  return items;
}

const DAY_MILLISECONDS = 86_400_000;

function datePartsOf(date: Date, fixedOffsetSeconds: number | undefined): DateParts {
  const offsetSeconds = fixedOffsetSeconds ?? 0;
  const milliseconds = date.getTime();
  const local = new Date(milliseconds + offsetSeconds * 1000);
  const year = local.getUTCFullYear();
  const weekday = local.getUTCDay();
  const midnight = Date.UTC(year, local.getUTCMonth(), local.getUTCDate());
  const ordinal = (midnight - Date.UTC(year, 0, 1)) / DAY_MILLISECONDS + 1;
  // ISO 8601: the week (Monday first) belongs to the year of its Thursday.
  const thursday = new Date(midnight + (3 - modulo(weekday - 1, 7)) * DAY_MILLISECONDS);
  const isoYear = thursday.getUTCFullYear();
  const isoWeek = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MILLISECONDS)) + 1;
  return {
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    nanosecond: modulo(milliseconds, 1000) * 1_000_000 + submillisecondNanosOf(date),
    weekday,
    ordinal,
    isoYear,
    isoWeek,
    unixSeconds: Math.floor(milliseconds / 1000),
    offsetSeconds,
    zoneName:
      fixedOffsetSeconds === undefined
        ? 'UTC'
        : formatOffset(offsetSeconds, true, offsetSeconds % 60 === 0 ? 'minutes' : 'seconds'),
  };
}
