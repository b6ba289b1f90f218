import { Timestamp } from '../../value/markers.js';
import {
  civilFromDays,
  dateFromIsoWeek,
  dateFromOrdinal,
  dateFromYmd,
  isoWeekOf,
  MAX_YEAR,
  MIN_YEAR,
  weekdayFromMonday,
} from './civil-date.js';
import { instantsOfLocalTime, offsetAt } from './time-zone.js';
import { isRustWhitespace, skipWhitespace, utf8Length } from './whitespace.js';

/**
 * chrono's `strptime`: `StrftimeItems` (the format language), `format::parse` (greedy, padding-
 * agnostic reading of the input into `Parsed`) and `Parsed`'s resolution into a date and time,
 * with chrono's error kinds and texts. Ported from chrono 0.4.45 (`src/format/{strftime,parse,
 * scan,parsed}.rs`), the version VRL uses.
 */

const MESSAGES = {
  OutOfRange: 'input is out of range',
  Impossible: 'no possible date and time matching input',
  NotEnough: 'input is not enough for unique date and time',
  Invalid: 'input contains invalid characters',
  TooShort: 'premature end of input',
  TooLong: 'trailing input',
  BadFormat: 'bad or unsupported format string',
} as const;

export type ChronoErrorKind = keyof typeof MESSAGES;

/** chrono's `ParseError`: its message is chrono's `Display`. */
export class ChronoParseError extends Error {
  constructor(readonly kind: ChronoErrorKind) {
    super(MESSAGES[kind]);
    this.name = 'ChronoParseError';
  }
}

const OUT_OF_RANGE = new ChronoParseError('OutOfRange');
const IMPOSSIBLE = new ChronoParseError('Impossible');
const NOT_ENOUGH = new ChronoParseError('NotEnough');
const INVALID = new ChronoParseError('Invalid');
const TOO_SHORT = new ChronoParseError('TooShort');
const TOO_LONG = new ChronoParseError('TooLong');
const BAD_FORMAT = new ChronoParseError('BadFormat');

type Numeric =
  | 'Year'
  | 'YearDiv100'
  | 'YearMod100'
  | 'IsoYear'
  | 'IsoYearMod100'
  | 'Quarter'
  | 'Month'
  | 'Day'
  | 'WeekFromSun'
  | 'WeekFromMon'
  | 'IsoWeek'
  | 'NumDaysFromSun'
  | 'WeekdayFromMon'
  | 'Ordinal'
  | 'Hour'
  | 'Hour12'
  | 'Minute'
  | 'Second'
  | 'Nanosecond'
  | 'Timestamp';

type Fixed =
  | 'ShortMonthName'
  | 'LongMonthName'
  | 'ShortWeekdayName'
  | 'LongWeekdayName'
  | 'AmPm'
  | 'DotNanosecond'
  | 'DotNanosecond3'
  | 'DotNanosecond6'
  | 'DotNanosecond9'
  | 'Nanosecond3NoDot'
  | 'Nanosecond6NoDot'
  | 'Nanosecond9NoDot'
  | 'TimezoneName'
  | 'TimezoneOffset'
  | 'TimezoneOffsetPermissive'
  | 'RFC3339';

export type Item =
  | { type: 'literal'; text: string }
  | { type: 'space' }
  | { type: 'numeric'; numeric: Numeric }
  | { type: 'fixed'; fixed: Fixed }
  | { type: 'error' };

const literal = (text: string): Item => ({ type: 'literal', text });
const numeric = (value: Numeric): Item => ({ type: 'numeric', numeric: value });
const fixed = (value: Fixed): Item => ({ type: 'fixed', fixed: value });
const SPACE: Item = { type: 'space' };
const ERROR: Item = { type: 'error' };

const SPECIFIERS: Record<string, Item | Item[]> = {
  A: fixed('LongWeekdayName'),
  B: fixed('LongMonthName'),
  C: numeric('YearDiv100'),
  D: [numeric('Month'), literal('/'), numeric('Day'), literal('/'), numeric('YearMod100')],
  F: [numeric('Year'), literal('-'), numeric('Month'), literal('-'), numeric('Day')],
  G: numeric('IsoYear'),
  H: numeric('Hour'),
  I: numeric('Hour12'),
  M: numeric('Minute'),
  P: fixed('AmPm'),
  R: [numeric('Hour'), literal(':'), numeric('Minute')],
  S: numeric('Second'),
  T: [numeric('Hour'), literal(':'), numeric('Minute'), literal(':'), numeric('Second')],
  U: numeric('WeekFromSun'),
  V: numeric('IsoWeek'),
  W: numeric('WeekFromMon'),
  X: [numeric('Hour'), literal(':'), numeric('Minute'), literal(':'), numeric('Second')],
  Y: numeric('Year'),
  Z: fixed('TimezoneName'),
  a: fixed('ShortWeekdayName'),
  b: fixed('ShortMonthName'),
  h: fixed('ShortMonthName'),
  c: [
    fixed('ShortWeekdayName'),
    SPACE,
    fixed('ShortMonthName'),
    SPACE,
    numeric('Day'),
    SPACE,
    numeric('Hour'),
    literal(':'),
    numeric('Minute'),
    literal(':'),
    numeric('Second'),
    SPACE,
    numeric('Year'),
  ],
  d: numeric('Day'),
  e: numeric('Day'),
  f: numeric('Nanosecond'),
  g: numeric('IsoYearMod100'),
  j: numeric('Ordinal'),
  k: numeric('Hour'),
  l: numeric('Hour12'),
  m: numeric('Month'),
  n: SPACE,
  p: fixed('AmPm'),
  q: numeric('Quarter'),
  r: [
    numeric('Hour12'),
    literal(':'),
    numeric('Minute'),
    literal(':'),
    numeric('Second'),
    SPACE,
    fixed('AmPm'),
  ],
  s: numeric('Timestamp'),
  t: SPACE,
  u: numeric('WeekdayFromMon'),
  v: [numeric('Day'), literal('-'), fixed('ShortMonthName'), literal('-'), numeric('Year')],
  w: numeric('NumDaysFromSun'),
  x: [numeric('Month'), literal('/'), numeric('Day'), literal('/'), numeric('YearMod100')],
  y: numeric('YearMod100'),
  z: fixed('TimezoneOffset'),
  '+': fixed('RFC3339'),
  '%': literal('%'),
};

/**
 * The items of a `strftime` format (`StrftimeItems::new`). An unknown specifier becomes an
 * error item in its place: parsing fails with "bad or unsupported format string" when it
 * reaches it, as chrono's lazy iterator does.
 */
export function strftimeItems(format: string): Item[] {
  const items: Item[] = [];
  let index = 0;
  const characters = [...format];
  while (index < characters.length) {
    const character = characters[index] as string;
    if (isRustWhitespace(character.codePointAt(0) as number)) {
      while (
        index < characters.length &&
        isRustWhitespace((characters[index] as string).codePointAt(0) as number)
      )
        index++;
      items.push(SPACE);
      continue;
    }
    if (character !== '%') {
      let text = '';
      while (index < characters.length) {
        const next = characters[index] as string;
        if (next === '%' || isRustWhitespace(next.codePointAt(0) as number)) break;
        text += next;
        index++;
      }
      items.push(literal(text));
      continue;
    }
    index++;
    const next = (): string | undefined => characters[index++];
    let spec = next();
    if (spec === undefined) {
      items.push(ERROR);
      break;
    }
    const padded = spec === '-' || spec === '0' || spec === '_';
    const alternate = spec === '#';
    if (padded || alternate) {
      spec = next();
      if (spec === undefined) {
        items.push(ERROR);
        break;
      }
    }
    if (alternate && spec !== 'z') {
      items.push(ERROR);
      continue;
    }
    let item: Item | Item[] | undefined;
    if (spec === 'z' && alternate) item = fixed('TimezoneOffsetPermissive');
    else if (spec === ':') {
      const rest = characters.slice(index, index + 3).join('');
      if (rest === '::z') index += 3;
      else if (rest.startsWith(':z')) index += 2;
      else if (rest.startsWith('z')) index += 1;
      item =
        rest.startsWith('z') || rest.startsWith(':z') || rest === '::z' ? fixed('TimezoneOffset') : ERROR;
    } else if (spec === '.') {
      const first = next();
      if (first === 'f') item = fixed('DotNanosecond');
      else if (first === '3' || first === '6' || first === '9') {
        item = next() === 'f' ? fixed(`DotNanosecond${first}`) : ERROR;
      } else item = ERROR;
      if (first === undefined) {
        items.push(ERROR);
        break;
      }
    } else if (spec === '3' || spec === '6' || spec === '9') {
      const following = next();
      if (following === undefined) {
        items.push(ERROR);
        break;
      }
      item = following === 'f' ? fixed(`Nanosecond${spec}NoDot`) : ERROR;
    } else {
      item = Object.hasOwn(SPECIFIERS, spec) ? SPECIFIERS[spec] : ERROR;
    }
    const resolved = item as Item | Item[];
    // A padding modifier is allowed on a single numeric item only (and changes nothing in parsing).
    if (padded && (Array.isArray(resolved) || resolved.type !== 'numeric')) items.push(ERROR);
    else if (Array.isArray(resolved)) items.push(...resolved);
    else items.push(resolved);
  }
  return items;
}

/** The fields read from the input (chrono's `Parsed`), each set once or checked for consistency. */
class Parsed {
  year?: number;
  yearDiv100?: number;
  yearMod100?: number;
  isoYear?: number;
  isoYearMod100?: number;
  quarter?: number;
  month?: number;
  weekFromSun?: number;
  weekFromMon?: number;
  isoWeek?: number;
  /** Monday = 0 … Sunday = 6. */
  weekday?: number;
  ordinal?: number;
  day?: number;
  hourDiv12?: number;
  hourMod12?: number;
  minute?: number;
  second?: number;
  nanosecond?: number;
  timestamp?: number;
  offset?: number;

  clone(): Parsed {
    return Object.assign(new Parsed(), this);
  }

  set(field: keyof Omit<Parsed, 'clone' | 'set' | 'setNumeric'>, value: number): void {
    const old = this[field];
    if (old !== undefined && old !== value) throw IMPOSSIBLE;
    this[field] = value;
  }

  setNumeric(kind: Numeric, value: number): void {
    const range = (low: number, high: number): void => {
      if (value < low || value > high) throw OUT_OF_RANGE;
    };
    switch (kind) {
      case 'Year':
      case 'IsoYear':
        range(-2_147_483_648, 2_147_483_647);
        this.set(kind === 'Year' ? 'year' : 'isoYear', value);
        return;
      case 'YearDiv100':
        range(0, 2_147_483_647);
        this.set('yearDiv100', value);
        return;
      case 'YearMod100':
      case 'IsoYearMod100':
        range(0, 99);
        this.set(kind === 'YearMod100' ? 'yearMod100' : 'isoYearMod100', value);
        return;
      case 'Quarter':
        range(1, 4);
        this.set('quarter', value);
        return;
      case 'Month':
        range(1, 12);
        this.set('month', value);
        return;
      case 'Day':
        range(1, 31);
        this.set('day', value);
        return;
      case 'WeekFromSun':
      case 'WeekFromMon':
        range(0, 53);
        this.set(kind === 'WeekFromSun' ? 'weekFromSun' : 'weekFromMon', value);
        return;
      case 'IsoWeek':
        range(1, 53);
        this.set('isoWeek', value);
        return;
      case 'NumDaysFromSun':
        range(0, 6);
        this.set('weekday', (value + 6) % 7);
        return;
      case 'WeekdayFromMon':
        range(1, 7);
        this.set('weekday', value - 1);
        return;
      case 'Ordinal':
        range(1, 366);
        this.set('ordinal', value);
        return;
      case 'Hour':
        range(0, 23);
        this.set('hourDiv12', value >= 12 ? 1 : 0);
        this.set('hourMod12', value % 12);
        return;
      case 'Hour12':
        range(1, 12);
        this.set('hourMod12', value === 12 ? 0 : value);
        return;
      case 'Minute':
        range(0, 59);
        this.set('minute', value);
        return;
      case 'Second':
        range(0, 60);
        this.set('second', value);
        return;
      case 'Nanosecond':
        range(0, 999_999_999);
        this.set('nanosecond', value);
        return;
      case 'Timestamp':
        this.set('timestamp', value);
        return;
    }
  }
}

// --- Scanning (chrono's `format::scan`) ---

/** A non-negative number of `min` to `max` ASCII digits (more are left for the next item). */
function scanNumber(text: string, at: number, min: number, max: number): [number, number] {
  if (text.length - at < min && utf8Length(text, at, min) < min) throw TOO_SHORT;
  let value = 0;
  let index = at;
  while (index - at < max && index < text.length) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) {
      if (index - at < min) throw INVALID;
      return [index, value];
    }
    value = value * 10 + (code - 48);
    if (value >= 2 ** 63) throw OUT_OF_RANGE;
    index++;
  }
  return [index, value];
}

const SCALE = [0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1000, 100, 10, 1];

/** A fraction of a second after its dot: 1–9 digits scaled to nanoseconds, further digits skipped. */
function scanNanosecond(text: string, at: number): [number, number] {
  const [end, value] = scanNumber(text, at, 1, 9);
  let index = end;
  while (index < text.length && text.charCodeAt(index) >= 48 && text.charCodeAt(index) <= 57) index++;
  return [index, value * (SCALE[end - at] as number)];
}

function scanNanosecondFixed(text: string, at: number, digits: number): [number, number] {
  const [end, value] = scanNumber(text, at, digits, digits);
  return [end, value * (SCALE[digits] as number)];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_SUFFIXES = ['uary', 'ruary', 'ch', 'il', '', 'e', 'y', 'ust', 'tember', 'ober', 'ember', 'ember'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY_SUFFIXES = ['day', 'sday', 'nesday', 'rsday', 'day', 'urday', 'day'];

/** Three ASCII letters, any case, from a list of names: their index. */
function scanShortName(text: string, at: number, names: readonly string[]): [number, number] {
  if (utf8Length(text, at, 3) < 3) throw TOO_SHORT;
  const found = names.indexOf(asciiLower(text.slice(at, at + 3)));
  if (found < 0) throw INVALID;
  return [at + 3, found];
}

/** A short name, then its long suffix when present (`Jan`, `January`). */
function scanShortOrLongName(
  text: string,
  at: number,
  names: readonly string[],
  suffixes: readonly string[],
): [number, number] {
  const [end, found] = scanShortName(text, at, names);
  const suffix = suffixes[found] as string;
  if (asciiLower(text.slice(end, end + suffix.length)) === suffix) return [end + suffix.length, found];
  return [end, found];
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) | 32));
}

/** Zero or more colons and whitespace. */
function colonOrSpace(text: string, at: number): number {
  let index = at;
  while (index < text.length && (text[index] === ':' || isRustWhitespace(text.charCodeAt(index)))) index++;
  return index;
}

/** An offset `±HH[:]MM` in seconds (`scan::timezone_offset`), or `Z` when `allowZulu`. */
export function scanTimezoneOffset(
  text: string,
  at: number,
  allowZulu: boolean,
  allowMissingMinutes: boolean,
): [number, number] {
  let index = at;
  if (allowZulu && (text[index] === 'Z' || text[index] === 'z')) return [index + 1, 0];
  let negative: boolean;
  const sign = text[index];
  if (sign === '+') negative = false;
  else if (sign === '-' || sign === '\u2212') negative = true;
  else if (sign === undefined) throw TOO_SHORT;
  else throw INVALID;
  index++;
  if (utf8Length(text, index, 2) < 2) throw TOO_SHORT;
  const hours = twoDigits(text, index);
  if (hours === undefined) throw INVALID;
  index = colonOrSpace(text, index + 2);
  let minutes = 0;
  if (utf8Length(text, index, 2) >= 2) {
    const first = text.charCodeAt(index);
    const second = text.charCodeAt(index + 1);
    if (first >= 48 && first <= 53 && second >= 48 && second <= 57)
      minutes = (first - 48) * 10 + (second - 48);
    else if (first >= 54 && first <= 57 && second >= 48 && second <= 57) throw OUT_OF_RANGE;
    else throw INVALID;
    index += 2;
  } else if (!allowMissingMinutes) {
    throw TOO_SHORT;
  } else if (index < text.length) {
    throw TOO_SHORT;
  }
  const seconds = hours * 3600 + minutes * 60;
  return [index, negative ? -seconds : seconds];
}

function twoDigits(text: string, at: number): number | undefined {
  const first = text.charCodeAt(at);
  const second = text.charCodeAt(at + 1);
  if (first < 48 || first > 57 || second < 48 || second > 57) return undefined;
  return (first - 48) * 10 + (second - 48);
}

// --- Parsing (chrono's `format::parse_internal`) ---

const SIGNED: ReadonlySet<Numeric> = new Set(['Year', 'IsoYear']);
const WIDTHS: Record<Numeric, number> = {
  Year: 4,
  YearDiv100: 2,
  YearMod100: 2,
  IsoYear: 4,
  IsoYearMod100: 2,
  Quarter: 1,
  Month: 2,
  Day: 2,
  WeekFromSun: 2,
  WeekFromMon: 2,
  IsoWeek: 2,
  NumDaysFromSun: 1,
  WeekdayFromMon: 1,
  Ordinal: 3,
  Hour: 2,
  Hour12: 2,
  Minute: 2,
  Second: 2,
  Nanosecond: 9,
  Timestamp: Number.POSITIVE_INFINITY,
};

/** Reads the input with the items from `at`; returns where reading stopped. */
function parseItems(parsed: Parsed, text: string, at: number, items: readonly Item[]): number {
  let index = at;
  for (const item of items) {
    switch (item.type) {
      case 'literal': {
        if (text.startsWith(item.text, index)) index += item.text.length;
        else if (utf8Length(text, index) < utf8Length(item.text)) throw TOO_SHORT;
        else throw INVALID;
        break;
      }
      case 'space':
        index = skipWhitespace(text, index);
        break;
      case 'numeric': {
        index = skipWhitespace(text, index);
        let value: number;
        if (SIGNED.has(item.numeric) && (text[index] === '-' || text[index] === '+')) {
          const negative = text[index] === '-';
          [index, value] = scanNumber(text, index + 1, 1, Number.POSITIVE_INFINITY);
          if (negative) value = -value;
        } else {
          [index, value] = scanNumber(text, index, 1, WIDTHS[item.numeric]);
        }
        parsed.setNumeric(item.numeric, value);
        break;
      }
      case 'fixed':
        index = parseFixed(parsed, text, index, item.fixed);
        break;
      case 'error':
        throw BAD_FORMAT;
    }
  }
  return index;
}

function parseFixed(parsed: Parsed, text: string, at: number, item: Fixed): number {
  let index = at;
  let value: number;
  switch (item) {
    case 'ShortMonthName':
      [index, value] = scanShortName(text, index, MONTHS);
      parsed.setNumeric('Month', value + 1);
      return index;
    case 'LongMonthName':
      [index, value] = scanShortOrLongName(text, index, MONTHS, MONTH_SUFFIXES);
      parsed.setNumeric('Month', value + 1);
      return index;
    case 'ShortWeekdayName':
      [index, value] = scanShortName(text, index, WEEKDAYS);
      parsed.set('weekday', value);
      return index;
    case 'LongWeekdayName':
      [index, value] = scanShortOrLongName(text, index, WEEKDAYS, WEEKDAY_SUFFIXES);
      parsed.set('weekday', value);
      return index;
    case 'AmPm': {
      if (utf8Length(text, index, 2) < 2) throw TOO_SHORT;
      const first = text.charCodeAt(index) | 32;
      const second = text.charCodeAt(index + 1) | 32;
      if (second !== 109 || (first !== 97 && first !== 112)) throw INVALID;
      parsed.set('hourDiv12', first === 112 ? 1 : 0);
      return index + 2;
    }
    case 'DotNanosecond':
      if (text[index] !== '.') return index;
      [index, value] = scanNanosecond(text, index + 1);
      parsed.setNumeric('Nanosecond', value);
      return index;
    case 'DotNanosecond3':
    case 'DotNanosecond6':
    case 'DotNanosecond9':
      if (text[index] !== '.') return index;
      [index, value] = scanNanosecondFixed(text, index + 1, Number(item.slice(-1)));
      parsed.setNumeric('Nanosecond', value);
      return index;
    case 'Nanosecond3NoDot':
    case 'Nanosecond6NoDot':
    case 'Nanosecond9NoDot': {
      const digits = Number(item[10]);
      if (utf8Length(text, index, digits) < digits) throw TOO_SHORT;
      [index, value] = scanNanosecondFixed(text, index, digits);
      parsed.setNumeric('Nanosecond', value);
      return index;
    }
    case 'TimezoneName':
      while (index < text.length && !isRustWhitespace(text.charCodeAt(index))) index++;
      return index;
    case 'TimezoneOffset':
    case 'TimezoneOffsetPermissive':
      [index, value] = scanTimezoneOffset(
        text,
        skipWhitespace(text, index),
        item === 'TimezoneOffsetPermissive',
        item === 'TimezoneOffsetPermissive',
      );
      parsed.set('offset', value);
      return index;
    case 'RFC3339':
      return parseRfc3339Relaxed(parsed, text, index);
  }
}

const RFC3339_DATE: Item[] = [
  numeric('Year'),
  SPACE,
  literal('-'),
  numeric('Month'),
  SPACE,
  literal('-'),
  numeric('Day'),
];
const RFC3339_TIME: Item[] = [
  numeric('Hour'),
  SPACE,
  literal(':'),
  numeric('Minute'),
  SPACE,
  literal(':'),
  numeric('Second'),
  fixed('DotNanosecond'),
  SPACE,
];

/** `%+`: RFC 3339 with chrono's relaxations (spaces, `UTC`, a missing colon in the offset). */
function parseRfc3339Relaxed(parsed: Parsed, text: string, at: number): number {
  let index = parseItems(parsed, text, at, RFC3339_DATE);
  const separator = text[index];
  if (separator === undefined) throw TOO_SHORT;
  if (separator !== 'T' && separator !== 't' && separator !== ' ') throw INVALID;
  index = skipWhitespace(text, parseItems(parsed, text, index + 1, RFC3339_TIME));
  let offset: number;
  if (text.slice(index, index + 3).toUpperCase() === 'UTC') {
    index += 3;
    offset = 0;
  } else {
    [index, offset] = scanTimezoneOffset(text, index, true, false);
  }
  parsed.set('offset', offset);
  return index;
}

// --- Resolution (chrono's `Parsed::to_*`) ---

function resolveYear(year?: number, quotient?: number, remainder?: number): number | undefined {
  if (quotient === undefined && remainder === undefined) return year;
  if (year !== undefined && (remainder === undefined || (remainder >= 0 && remainder <= 99))) {
    if (year < 0) throw IMPOSSIBLE;
    const q = Math.trunc(year / 100);
    const r = year % 100;
    if ((quotient ?? q) === q && (remainder ?? r) === r) return year;
    throw IMPOSSIBLE;
  }
  if (year === undefined && quotient !== undefined && remainder !== undefined && remainder <= 99) {
    if (quotient < 0) throw IMPOSSIBLE;
    const full = quotient * 100 + remainder;
    if (full > 2_147_483_647) throw OUT_OF_RANGE;
    return full;
  }
  if (year === undefined && quotient === undefined && remainder !== undefined && remainder <= 99)
    return remainder + (remainder < 70 ? 2000 : 1900);
  if (year === undefined && quotient !== undefined && remainder === undefined) throw NOT_ENOUGH;
  throw OUT_OF_RANGE;
}

function divMod100(year: number): [number | undefined, number | undefined] {
  return year >= 0 ? [Math.trunc(year / 100), year % 100] : [undefined, undefined];
}

/** The date as days since the epoch. */
function toDate(parsed: Parsed): number {
  const year = resolveYear(parsed.year, parsed.yearDiv100, parsed.yearMod100);
  const isoYear = resolveYear(parsed.isoYear, undefined, parsed.isoYearMod100);

  const verifyYmd = (days: number): boolean => {
    const date = civilFromDays(days);
    const [div, mod] = divMod100(date.year);
    return (
      (parsed.year ?? date.year) === date.year &&
      (parsed.yearDiv100 ?? div) === div &&
      (parsed.yearMod100 ?? mod) === mod &&
      (parsed.month ?? date.month) === date.month &&
      (parsed.day ?? date.day) === date.day
    );
  };
  const verifyIsoWeekDate = (days: number): boolean => {
    const week = isoWeekOf(days);
    const [, mod] = divMod100(week.year);
    const weekday = weekdayFromMonday(days);
    return (
      (parsed.isoYear ?? week.year) === week.year &&
      (parsed.isoYearMod100 ?? mod) === mod &&
      (parsed.isoWeek ?? week.week) === week.week &&
      (parsed.weekday ?? weekday) === weekday
    );
  };
  const verifyOrdinal = (days: number): boolean => {
    const date = civilFromDays(days);
    const ordinal = days - (dateFromYmd(date.year, 1, 1) as number) + 1;
    const weekday = weekdayFromMonday(days);
    // `weeks_from(day)`: (ordinal - days since the week's first day + 6) / 7
    const fromSunday = Math.trunc((ordinal - ((weekday + 1) % 7) + 6) / 7);
    const fromMonday = Math.trunc((ordinal - weekday + 6) / 7);
    return (
      (parsed.ordinal ?? ordinal) === ordinal &&
      (parsed.weekFromSun ?? fromSunday) === fromSunday &&
      (parsed.weekFromMon ?? fromMonday) === fromMonday
    );
  };

  let days: number | undefined;
  let verified: boolean;
  if (year !== undefined && parsed.month !== undefined && parsed.day !== undefined) {
    days = dateFromYmd(year, parsed.month, parsed.day);
    if (days === undefined) throw OUT_OF_RANGE;
    verified = verifyIsoWeekDate(days) && verifyOrdinal(days);
  } else if (year !== undefined && parsed.ordinal !== undefined) {
    days = dateFromOrdinal(year, parsed.ordinal);
    if (days === undefined) throw OUT_OF_RANGE;
    verified = verifyYmd(days) && verifyIsoWeekDate(days) && verifyOrdinal(days);
  } else if (year !== undefined && parsed.weekFromSun !== undefined && parsed.weekday !== undefined) {
    days = weekDate(year, parsed.weekFromSun, parsed.weekday, 6);
    verified = verifyYmd(days) && verifyIsoWeekDate(days) && verifyOrdinal(days);
  } else if (year !== undefined && parsed.weekFromMon !== undefined && parsed.weekday !== undefined) {
    days = weekDate(year, parsed.weekFromMon, parsed.weekday, 0);
    verified = verifyYmd(days) && verifyIsoWeekDate(days) && verifyOrdinal(days);
  } else if (isoYear !== undefined && parsed.isoWeek !== undefined && parsed.weekday !== undefined) {
    days = dateFromIsoWeek(isoYear, parsed.isoWeek, parsed.weekday);
    if (days === undefined) throw OUT_OF_RANGE;
    verified = verifyYmd(days) && verifyOrdinal(days);
  } else {
    throw NOT_ENOUGH;
  }
  if (!verified) throw IMPOSSIBLE;
  if (parsed.quarter !== undefined && parsed.quarter !== Math.floor((civilFromDays(days).month - 1) / 3) + 1)
    throw IMPOSSIBLE;
  return days;
}

/** `resolve_week_date`: a weekday (Monday = 0) of a week counted from the first `weekStart` day. */
function weekDate(year: number, week: number, weekday: number, weekStart: number): number {
  const first = dateFromOrdinal(year, 1);
  if (first === undefined) throw OUT_OF_RANGE;
  const firstWeekStart = 1 + ((weekStart - weekdayFromMonday(first) + 7) % 7);
  const ordinal = firstWeekStart + (week - 1) * 7 + ((weekday - weekStart + 7) % 7);
  if (ordinal <= 0) throw IMPOSSIBLE;
  const days = dateFromOrdinal(year, ordinal);
  if (days === undefined) throw IMPOSSIBLE;
  return days;
}

/** The time as seconds of the day and nanoseconds (1e9 or more in a leap second). */
function toTime(parsed: Parsed): { seconds: number; nanos: number } {
  if (parsed.hourDiv12 === undefined || parsed.hourMod12 === undefined || parsed.minute === undefined)
    throw NOT_ENOUGH;
  const hour = parsed.hourDiv12 * 12 + parsed.hourMod12;
  let second = parsed.second ?? 0;
  let nanos = 0;
  if (second === 60) {
    second = 59;
    nanos = 1_000_000_000;
  }
  if (parsed.nanosecond !== undefined) {
    if (parsed.second === undefined) throw NOT_ENOUGH;
    nanos += parsed.nanosecond;
  }
  return { seconds: hour * 3600 + parsed.minute * 60 + second, nanos };
}

/** A local date and time: seconds since the epoch as if it were UTC, and nanoseconds. */
interface NaiveDateTime {
  seconds: number;
  nanos: number;
}

const MIN_SECONDS = (dateFromYmd(MIN_YEAR, 1, 1) as number) * 86_400;
const MAX_SECONDS = ((dateFromYmd(MAX_YEAR, 12, 31) as number) + 1) * 86_400 - 1;

function toDateTimeWithOffset(parsed: Parsed, offset: number): NaiveDateTime {
  let date: number | ChronoParseError;
  let time: { seconds: number; nanos: number } | ChronoParseError;
  try {
    date = toDate(parsed);
  } catch (error) {
    if (!(error instanceof ChronoParseError)) throw error;
    date = error;
  }
  try {
    time = toTime(parsed);
  } catch (error) {
    if (!(error instanceof ChronoParseError)) throw error;
    time = error;
  }
  if (typeof date === 'number' && !(time instanceof ChronoParseError)) {
    const seconds = date * 86_400 + time.seconds;
    if (parsed.timestamp !== undefined) {
      const timestamp = seconds - offset;
      if (
        parsed.timestamp !== timestamp &&
        !(time.nanos >= 1_000_000_000 && parsed.timestamp === timestamp + 1)
      )
        throw IMPOSSIBLE;
    }
    return { seconds, nanos: time.nanos };
  }
  if (parsed.timestamp === undefined) {
    if (date instanceof ChronoParseError) throw date;
    throw time;
  }
  const errors = [date, time].filter((error) => error instanceof ChronoParseError);
  if (errors.some((error) => error.kind === 'OutOfRange')) throw OUT_OF_RANGE;
  if (errors.some((error) => error.kind === 'Impossible')) throw IMPOSSIBLE;

  // Reconstruct the missing fields from the timestamp; the ones given must agree.
  let local = parsed.timestamp + offset;
  if (local < MIN_SECONDS || local > MAX_SECONDS) throw OUT_OF_RANGE;
  const filled = parsed.clone();
  const secondOfMinute = ((local % 60) + 60) % 60;
  if (filled.second === 60) {
    if (secondOfMinute === 0) local -= 1;
    else if (secondOfMinute !== 59) throw IMPOSSIBLE;
  } else {
    filled.setNumeric('Second', secondOfMinute);
  }
  const days = Math.floor(local / 86_400);
  const civil = civilFromDays(days);
  const secondOfDay = local - days * 86_400;
  filled.setNumeric('Year', civil.year);
  filled.setNumeric('Ordinal', days - (dateFromYmd(civil.year, 1, 1) as number) + 1);
  filled.setNumeric('Hour', Math.floor(secondOfDay / 3600));
  filled.setNumeric('Minute', Math.floor((secondOfDay % 3600) / 60));
  const resolvedDate = toDate(filled);
  const resolvedTime = toTime(filled);
  return { seconds: resolvedDate * 86_400 + resolvedTime.seconds, nanos: resolvedTime.nanos };
}

/** An instant: seconds since the epoch (UTC) and nanoseconds. */
export interface Instant {
  seconds: number;
  nanos: number;
}

/** `Parsed::to_datetime`: the input must carry an offset (or be a Unix timestamp). */
function toDateTime(parsed: Parsed): Instant {
  const offset = parsed.offset ?? (parsed.timestamp !== undefined ? 0 : undefined);
  if (offset === undefined) throw NOT_ENOUGH;
  const local = toDateTimeWithOffset(parsed, offset);
  if (offset <= -86_400 || offset >= 86_400) throw OUT_OF_RANGE;
  const seconds = local.seconds - offset;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw IMPOSSIBLE;
  return { seconds, nanos: local.nanos };
}

/** `Parsed::to_datetime_with_timezone`: a local time in the zone, checked against any offset given. */
function toDateTimeInZone(parsed: Parsed, zone: string): Instant {
  let guessedOffset = 0;
  if (parsed.timestamp !== undefined) {
    if (parsed.timestamp < MIN_SECONDS || parsed.timestamp > MAX_SECONDS) throw OUT_OF_RANGE;
    guessedOffset = offsetAt(zone, parsed.timestamp);
  }
  const local = toDateTimeWithOffset(parsed, guessedOffset);
  const instants = instantsOfLocalTime(zone, local.seconds);
  const fits = (instant: number): boolean =>
    parsed.offset === undefined || local.seconds - instant === parsed.offset;
  if (instants.length === 0) throw IMPOSSIBLE;
  if (instants.length === 1) {
    if (!fits(instants[0] as number)) throw IMPOSSIBLE;
    return { seconds: instants[0] as number, nanos: local.nanos };
  }
  const matching = instants.filter(fits);
  if (matching.length === 0) throw IMPOSSIBLE;
  if (matching.length > 1) throw NOT_ENOUGH;
  return { seconds: matching[0] as number, nanos: local.nanos };
}

const ITEM_CACHE_LIMIT = 256;
const itemCache = new Map<string, Item[]>();

function itemsOf(format: string): Item[] {
  let items = itemCache.get(format);
  if (items === undefined) {
    items = strftimeItems(format);
    if (itemCache.size >= ITEM_CACHE_LIMIT) itemCache.clear();
    itemCache.set(format, items);
  }
  return items;
}

function parseAll(text: string, format: string): Parsed {
  const parsed = new Parsed();
  if (parseItems(parsed, text, 0, itemsOf(format)) !== text.length) throw TOO_LONG;
  return parsed;
}

/** `DateTime::parse_from_str`: a format that carries its offset. Throws {@link ChronoParseError}. */
export function parseWithOffset(text: string, format: string): Instant {
  return toDateTime(parseAll(text, format));
}

/** VRL's `TimeZone::datetime_from_str`: a local time in `zone` (`UTC`, an IANA name, `local`). */
export function parseInZone(text: string, format: string, zone: string): Instant {
  return toDateTimeInZone(parseAll(text, format), zone);
}

/** `NaiveDateTime::parse_from_str`: the local date and time as if in UTC (an offset read is ignored). */
export function parseNaive(text: string, format: string): Instant {
  return toDateTimeWithOffset(parseAll(text, format), 0);
}

/** `str::parse::<DateTime<FixedOffset>>()`: relaxed RFC 3339. */
export function parseRfc3339(text: string): Instant {
  const parsed = new Parsed();
  const end = parseRfc3339Relaxed(parsed, text, 0);
  if (skipWhitespace(text, end) !== text.length) throw TOO_LONG;
  return toDateTime(parsed);
}

/** An instant as a timestamp value (nanoseconds of a leap second carry into the next second). */
export function timestampOf(instant: Instant): Timestamp {
  const milliseconds = instant.seconds * 1000 + Math.floor(instant.nanos / 1_000_000);
  return new Timestamp(milliseconds, instant.nanos % 1_000_000);
}
