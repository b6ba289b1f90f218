import { RuntimeError } from '../runtime/errors.js';
import { Timestamp } from '../value/markers.js';

/**
 * Time for the stdlib: the wall clock with nanoseconds, time zones (IANA names through `Intl`,
 * `local`), and chrono's `strftime` formatting as VRL's `format_timestamp` uses it.
 */

/** Now, with sub-millisecond precision where the platform has it. */
export function now(): Timestamp {
  const milliseconds = performance.timeOrigin + performance.now();
  const whole = Math.floor(milliseconds);
  return new Timestamp(whole, Math.min(Math.round((milliseconds - whole) * 1_000_000), 999_999));
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Nanoseconds of the second. */
  nanos: number;
  /** Offset from UTC in seconds. */
  offset: number;
  /** The zone's abbreviation (or `UTC`). */
  zone: string;
  /** Seconds since the epoch. */
  epochSeconds: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let cached = formatters.get(zone);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone === 'local' ? undefined : zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'short',
      era: 'short',
    });
    formatters.set(zone, cached);
  }
  return cached;
}

/** Whether a time zone name is known (`local` is the machine's). */
export function isTimeZone(zone: string): boolean {
  if (zone === 'local' || zone === 'UTC') return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The local time of a timestamp in a zone (`UTC`, an IANA name, `local`). */
export function localTime(date: Date, zone: string): LocalTime {
  const milliseconds = date.getTime();
  const nanos =
    (((milliseconds % 1000) + 1000) % 1000) * 1_000_000 + ((date as Timestamp).submillisecondNanos ?? 0);
  const epochSeconds = Math.floor(milliseconds / 1000);
  if (zone === 'UTC') {
    const utc = new Date(epochSeconds * 1000);
    return {
      year: utc.getUTCFullYear(),
      month: utc.getUTCMonth() + 1,
      day: utc.getUTCDate(),
      hour: utc.getUTCHours(),
      minute: utc.getUTCMinutes(),
      second: utc.getUTCSeconds(),
      nanos,
      offset: 0,
      zone: 'UTC',
      epochSeconds,
    };
  }
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(new Date(epochSeconds * 1000)))
    parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra;
  const local = {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const offset = Math.round((asUtc - epochSeconds * 1000) / 1000);
  return { ...local, nanos, offset, zone: parts.timeZoneName ?? zone, epochSeconds };
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

function pad(value: number, width: number, padding: string): string {
  const text = String(Math.abs(value));
  const padded = padding === '' ? text : text.padStart(width, padding);
  return value < 0 ? `-${padded}` : padded;
}

function dayOfYear(time: LocalTime): number {
  return (Date.UTC(time.year, time.month - 1, time.day) - Date.UTC(time.year, 0, 1)) / 86_400_000 + 1;
}

function weekday(time: LocalTime): number {
  return new Date(Date.UTC(time.year, time.month - 1, time.day)).getUTCDay();
}

/** ISO 8601 week-numbering year and week. */
function isoWeek(time: LocalTime): { year: number; week: number } {
  const date = new Date(Date.UTC(time.year, time.month - 1, time.day));
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day + 3);
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week =
    1 +
    Math.round(
      (date.getTime() - firstThursday.getTime()) / 86_400_000 / 7 -
        (((firstThursday.getUTCDay() + 6) % 7) - 3) / 7,
    );
  return { year, week };
}

function offsetText(offset: number, colons: number): string {
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  const hours = pad(Math.floor(absolute / 3600), 2, '0');
  const minutes = pad(Math.floor((absolute % 3600) / 60), 2, '0');
  const seconds = pad(absolute % 60, 2, '0');
  if (colons === 0) return `${sign}${hours}${minutes}`;
  if (colons === 1) return `${sign}${hours}:${minutes}`;
  if (colons === 2) return `${sign}${hours}:${minutes}:${seconds}`;
  return `${sign}${hours}`;
}

function fraction(nanos: number, digits: 3 | 6 | 9 | 'auto'): string {
  const text = String(nanos).padStart(9, '0');
  if (digits !== 'auto') return text.slice(0, digits);
  if (nanos === 0) return '';
  if (nanos % 1_000_000 === 0) return text.slice(0, 3);
  if (nanos % 1000 === 0) return text.slice(0, 6);
  return text;
}

/** Formats a local time with a chrono `strftime` format; throws "invalid format" as VRL does. */
export function strftime(time: LocalTime, format: string): string {
  let output = '';
  let index = 0;
  while (index < format.length) {
    const character = format[index] as string;
    if (character !== '%') {
      output += character;
      index++;
      continue;
    }
    index++;
    let padding: string | undefined;
    if (format[index] === '-' || format[index] === '_' || format[index] === '0') {
      padding = format[index] === '-' ? '' : format[index] === '_' ? ' ' : '0';
      index++;
    }
    let specifier = format[index];
    if (specifier === undefined) throw new RuntimeError('invalid format');
    index++;
    // %.f, %.3f, %3f, %:z, %::z, %:::z, %#z
    if (specifier === '.') {
      const digit = format[index];
      if (digit === 'f') {
        index++;
        const text = fraction(time.nanos, 'auto');
        output += text === '' ? '' : `.${text}`;
        continue;
      }
      if ((digit === '3' || digit === '6' || digit === '9') && format[index + 1] === 'f') {
        index += 2;
        output += `.${fraction(time.nanos, Number(digit) as 3 | 6 | 9)}`;
        continue;
      }
      throw new RuntimeError('invalid format');
    }
    if ((specifier === '3' || specifier === '6' || specifier === '9') && format[index] === 'f') {
      index++;
      output += fraction(time.nanos, Number(specifier) as 3 | 6 | 9);
      continue;
    }
    if (specifier === ':') {
      let colons = 1;
      while (format[index] === ':') {
        colons++;
        index++;
      }
      if (format[index] !== 'z' || colons > 3) throw new RuntimeError('invalid format');
      index++;
      output += offsetText(time.offset, colons);
      continue;
    }
    if (specifier === '#') {
      if (format[index] !== 'z') throw new RuntimeError('invalid format');
      index++;
      output += offsetText(time.offset, 3);
      continue;
    }
    const two = (value: number, fallback = '0'): string => pad(value, 2, padding ?? fallback);
    switch (specifier) {
      case 'Y':
        output +=
          time.year > 9999
            ? `+${time.year}`
            : time.year < 0
              ? `-${pad(-time.year, 4, '0')}`
              : pad(time.year, 4, padding ?? '0');
        break;
      case 'C':
        output += two(Math.floor(time.year / 100));
        break;
      case 'y':
        output += two(((time.year % 100) + 100) % 100);
        break;
      case 'm':
        output += two(time.month);
        break;
      case 'b':
      case 'h':
        output += (MONTHS[time.month - 1] as string).slice(0, 3);
        break;
      case 'B':
        output += MONTHS[time.month - 1];
        break;
      case 'd':
        output += two(time.day);
        break;
      case 'e':
        output += two(time.day, ' ');
        break;
      case 'a':
        output += (WEEKDAYS[weekday(time)] as string).slice(0, 3);
        break;
      case 'A':
        output += WEEKDAYS[weekday(time)];
        break;
      case 'w':
        output += String(weekday(time));
        break;
      case 'u':
        output += String(weekday(time) === 0 ? 7 : weekday(time));
        break;
      case 'U':
        output += two(Math.floor((dayOfYear(time) + 6 - weekday(time)) / 7));
        break;
      case 'W':
        output += two(Math.floor((dayOfYear(time) + 6 - ((weekday(time) + 6) % 7)) / 7));
        break;
      case 'G':
        output += pad(isoWeek(time).year, 4, padding ?? '0');
        break;
      case 'g':
        output += two(isoWeek(time).year % 100);
        break;
      case 'V':
        output += two(isoWeek(time).week);
        break;
      case 'j':
        output += pad(dayOfYear(time), 3, padding ?? '0');
        break;
      case 'D':
      case 'x':
        output += strftime(time, '%m/%d/%y');
        break;
      case 'F':
        output += strftime(time, '%Y-%m-%d');
        break;
      case 'v':
        output += strftime(time, '%e-%b-%Y');
        break;
      case 'H':
        output += two(time.hour);
        break;
      case 'k':
        output += two(time.hour, ' ');
        break;
      case 'I':
        output += two(time.hour % 12 === 0 ? 12 : time.hour % 12);
        break;
      case 'l':
        output += two(time.hour % 12 === 0 ? 12 : time.hour % 12, ' ');
        break;
      case 'P':
        output += time.hour < 12 ? 'am' : 'pm';
        break;
      case 'p':
        output += time.hour < 12 ? 'AM' : 'PM';
        break;
      case 'M':
        output += two(time.minute);
        break;
      case 'S':
        output += two(time.second);
        break;
      case 'f':
        output += String(time.nanos).padStart(9, '0');
        break;
      case 'R':
        output += strftime(time, '%H:%M');
        break;
      case 'T':
      case 'X':
        output += strftime(time, '%H:%M:%S');
        break;
      case 'r':
        output += strftime(time, '%I:%M:%S %p');
        break;
      case 'Z':
        output += time.zone;
        break;
      case 'z':
        output += offsetText(time.offset, 0);
        break;
      case 'c':
        output += strftime(time, '%a %b %e %H:%M:%S %Y');
        break;
      case '+':
        output += strftime(time, '%Y-%m-%dT%H:%M:%S%.f%:z');
        break;
      case 's':
        output += String(time.epochSeconds);
        break;
      case 't':
        output += '\t';
        break;
      case 'n':
        output += '\n';
        break;
      case '%':
        output += '%';
        break;
      default:
        throw new RuntimeError('invalid format');
    }
    specifier = undefined;
  }
  return output;
}
