/*
 * VRL's `parse_syslog` (vectordotdev/vrl src/stdlib/parse_syslog.rs), on the `syslog_loose` crate
 * 0.22 it uses (github.com/FungusHumungus/syslog-loose, MIT): RFC 5424 first, then RFC 3164 and its
 * common variations, as loosely as that crate reads them, with VRL's field names. A port of its nom
 * parsers, combinator for combinator, so the same input gives the same fields or the same failure.
 *
 * One parser for all three users: the `syslog` decoding codec, the syslog source and VRL's
 * `parse_syslog` in `@sluice/vrl`. No imports from Sluice, so each takes it as it is.
 */

/** A timestamp as VRL holds it: a Date, with the nanoseconds below its millisecond. */
export class SyslogTimestamp extends Date {
  constructor(
    milliseconds: number,
    readonly submillisecondNanos = 0,
  ) {
    super(milliseconds);
  }
}

/** What `parse_syslog` returns: VRL's fields, and one table per structured data element by its id. */
export interface SyslogFields {
  message: string;
  hostname?: string;
  severity?: string;
  facility?: string;
  /** RFC 5424 only. */
  version?: number;
  appname?: string;
  msgid?: string;
  timestamp?: SyslogTimestamp;
  /** A number when it is one (an i32), else the text. */
  procid?: number | string;
  [structuredDataId: string]: string | number | SyslogTimestamp | Record<string, string> | undefined;
}

export interface ParseSyslogOptions {
  /**
   * The time zone of a timestamp that names none (RFC 3164's): an IANA name ("Europe/Paris",
   * "UTC"); default the process's local time zone, as VRL's `TimeZone::Local`.
   */
  timezone?: string;
  /** Now, for the year of an RFC 3164 date (default: the clock). */
  now?: Date;
}

/** VRL's error, word for word. */
export class SyslogParseError extends Error {
  constructor() {
    super('unable to parse input as valid syslog message');
    this.name = 'SyslogParseError';
  }
}

const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'audit',
  'alert',
  'clockd',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];
const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Rust's `char::is_whitespace` (Unicode White_Space). */
const isWhitespace = (character: string) => /^\p{White_Space}$/u.test(character);
/** nom's `space0`/`space1`: spaces and tabs only. */
const isSpace = (character: string | undefined) => character === ' ' || character === '\t';
const isDigit = (character: string | undefined) =>
  character !== undefined && character >= '0' && character <= '9';

/** A parser's result: the value and the input left, or null (nom's `Err::Error`). */
type Parsed<T> = { value: T; rest: string } | null;

function space0(input: string): string {
  let index = 0;
  while (isSpace(input[index])) index += 1;
  return input.slice(index);
}

function space1(input: string): string | null {
  const rest = space0(input);
  return rest.length === input.length ? null : rest;
}

/** nom's `digit1` read as an integer that must fit `max` (Rust's `FromStr` for the type). */
function digits(input: string, max: number): Parsed<number> {
  let index = 0;
  while (isDigit(input[index])) index += 1;
  if (index === 0) return null;
  const value = Number(input.slice(0, index));
  return value > max ? null : { value, rest: input.slice(index) };
}

/** nom's `take_while1` on characters. */
function takeWhile1(input: string, keep: (character: string) => boolean): Parsed<string> {
  let index = 0;
  for (const character of input) {
    if (!keep(character)) break;
    index += character.length;
  }
  return index === 0 ? null : { value: input.slice(0, index), rest: input.slice(index) };
}

/** The parsers shared by both protocols (syslog_loose's `optional`). */
function optionalField(
  input: string,
  hasColons: boolean,
  hasTrailingColon: boolean,
): Parsed<string | undefined> {
  const taken = takeWhile1(
    input,
    (character) => !isWhitespace(character) && (hasColons || character !== ':'),
  );
  if (taken === null) return null;
  const { value, rest } = taken;
  if (value.trim() === ':') return null;
  if (value.endsWith(':') && !hasTrailingColon)
    return { value: value.slice(0, -1), rest: input.slice(value.length - 1) };
  if (value === '-' || value === '') return { value: undefined, rest };
  return { value, rest };
}
const hostname = (input: string) => optionalField(input, true, false);
const tagname = (input: string) => optionalField(input, false, true);
const headerField = (input: string) => optionalField(input, true, true);

/** `<PRI>`: facility and severity, or neither when absent (or not a u8, as the crate reads it). */
function pri(input: string): { facility?: string; severity?: string; rest: string } {
  if (!input.startsWith('<')) return { rest: input };
  const number = digits(input.slice(1), 255);
  if (number === null || !number.rest.startsWith('>')) return { rest: input };
  return {
    facility: FACILITIES[number.value >> 3],
    severity: SEVERITIES[number.value & 7],
    rest: number.rest.slice(1),
  };
}

/** A procid as the crate's `From<&str>`: an i32 when Rust parses one, else the text. */
function procId(text: string): number | string {
  if (/^[+-]?\d+$/.test(text)) {
    const value = Number(text);
    if (value >= -(2 ** 31) && value <= 2 ** 31 - 1) return value;
  }
  return text;
}

// --- Timestamps -------------------------------------------------------------------------------

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** chrono's `DateTime::parse_from_rfc3339`, as a UTC timestamp. */
function parseRfc3339(text: string): SyslogTimestamp | null {
  const match = RFC3339.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction = '', zulu, sign, offsetHours, offsetMinutes] =
    match.map((part) => part ?? '') as string[];
  const numbers = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = numbers;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 60) return null;
  let offset = 0;
  if (zulu === '') {
    if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
    offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  }
  // chrono keeps nanoseconds (digits beyond are dropped); a leap second (60) is the next second here.
  const nanos = Number(fraction.slice(0, 9).padEnd(9, '0'));
  const milliseconds = Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000 + Math.floor(nanos / 1_000_000);
  return new SyslogTimestamp(milliseconds, nanos % 1_000_000);
}

/** Minutes east of UTC of `timezone` at the UTC instant `utc`. */
function offsetAt(timezone: string, utc: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utc));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((wall - Math.floor(utc / 1000) * 1000) / 60_000);
}

/**
 * A wall-clock time in a time zone as a timestamp, or null when it is no valid date or does not
 * exist there (a daylight-saving gap); of two (a fold), the earlier, as chrono's `earliest()`.
 */
function wallClock(
  parts: [number, number, number, number, number, number],
  timezone: string | undefined,
): SyslogTimestamp | null {
  const [year, month, day, hour, minute, second] = parts;
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const candidates: number[] = [];
  if (timezone === undefined) {
    // The process's local time zone: the offsets around the date, as JavaScript knows them.
    const around = [asUtc - 86_400_000, asUtc, asUtc + 86_400_000].map(
      (utc) => -new Date(utc).getTimezoneOffset(),
    );
    for (const offset of new Set(around)) candidates.push(asUtc - offset * 60_000);
  } else {
    for (const offset of new Set([
      offsetAt(timezone, asUtc - 86_400_000),
      offsetAt(timezone, asUtc + 86_400_000),
    ]))
      candidates.push(asUtc - offset * 60_000);
  }
  const offsetOf = (utc: number) =>
    timezone === undefined ? -new Date(utc).getTimezoneOffset() : offsetAt(timezone, utc);
  const valid = candidates.filter((utc) => utc + offsetOf(utc) * 60_000 === asUtc).sort((a, b) => a - b);
  return valid.length === 0 ? null : new SyslogTimestamp(valid[0] as number);
}

/** `MMM`: a month by its three letters, any case. */
function month(input: string): Parsed<number> {
  const index = MONTHS.indexOf(input.slice(0, 3).toLowerCase());
  return input.length < 3 || index === -1 ? null : { value: index + 1, rest: input.slice(3) };
}

/** `MMM DD HH:MM:SS[:]` (no year), or `MMM DD YYYY HH:MM:SS[:]`: the parts and the rest. */
function date3164(input: string, withYear: boolean): Parsed<number[]> {
  const values: number[] = [];
  let rest: string | null = input;
  const read = (parser: (text: string) => Parsed<number>) => {
    if (rest === null) return;
    const result = parser(rest);
    if (result === null) rest = null;
    else {
      values.push(result.value);
      rest = result.rest;
    }
  };
  const literal = (text: string) => {
    if (rest !== null) rest = rest.startsWith(text) ? rest.slice(text.length) : null;
  };
  const spaces = () => {
    if (rest !== null) rest = space1(rest);
  };
  read(month);
  spaces();
  read((text) => digits(text, 2 ** 32 - 1));
  spaces();
  if (withYear) {
    read((text) => digits(text, 2 ** 31 - 1));
    spaces();
  }
  read((text) => digits(text, 2 ** 32 - 1));
  literal(':');
  read((text) => digits(text, 2 ** 32 - 1));
  literal(':');
  read((text) => digits(text, 2 ** 32 - 1));
  if (rest === null) return null;
  if ((rest as string).startsWith(':')) rest = (rest as string).slice(1);
  return { value: values, rest };
}

/** VRL's `resolve_year`: December seen in January is last year's. */
function resolveYear(monthNumber: number, now: Date): number {
  return now.getUTCMonth() === 0 && monthNumber === 12 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
}

/** A timestamp without a time zone (a space up to the next space, as `take_until(" ")`). */
function timestamp3339(input: string): Parsed<SyslogTimestamp> {
  const end = input.indexOf(' ');
  if (end === -1) return null;
  const parsed = parseRfc3339(input.slice(0, end));
  return parsed === null ? null : { value: parsed, rest: input.slice(end) };
}

function timestamp3164(input: string, options: ParseSyslogOptions): Parsed<SyslogTimestamp> {
  const noYear = date3164(input, false);
  if (noYear !== null) {
    const [m, d, h, mi, s] = noYear.value as [number, number, number, number, number];
    const year = resolveYear(m, options.now ?? new Date());
    const value = wallClock([year, m, d, h, mi, s], options.timezone);
    if (value !== null) return { value, rest: noYear.rest };
  }
  const withYear = date3164(input, true);
  if (withYear !== null) {
    const [m, d, y, h, mi, s] = withYear.value as [number, number, number, number, number, number];
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) && h <= 23 && mi <= 59 && s <= 59) {
      // As the crate: in a named time zone the date is read as UTC (`from_naive_utc_and_offset`);
      // in local time, the earliest local reading, or UTC when the local time does not exist.
      const asUtc = new SyslogTimestamp(Date.UTC(y, m - 1, d, h, mi, s));
      const value =
        options.timezone === undefined ? (wallClock([y, m, d, h, mi, s], undefined) ?? asUtc) : asUtc;
      return { value, rest: withYear.rest };
    }
  }
  return timestamp3339(input);
}

// --- Structured data --------------------------------------------------------------------------

interface Element {
  id: string;
  params: Array<[string, string]>;
}

/** A param value `"…"`: `\` escapes the next character (kept as written; undone in `unescape`). */
function paramValue(input: string): Parsed<string> {
  if (input.startsWith('""')) return { value: '', rest: input.slice(2) };
  if (!input.startsWith('"')) return null;
  let index = 1;
  while (index < input.length && input[index] !== '"') {
    if (input[index] === '\\') {
      if (index + 1 >= input.length) return null;
      index += 1 + ((input.codePointAt(index + 1) as number) > 0xffff ? 2 : 1);
    } else index += 1;
  }
  if (index === 1 || input[index] !== '"') return null;
  return { value: input.slice(1, index), rest: input.slice(index + 1) };
}

/** `name="value"`: a name up to `]` or `=`, then `=`, spaces, and the value. */
function param(input: string): Parsed<[string, string]> {
  const name = takeWhile1(input, (character) => character !== ']' && character !== '=');
  if (name === null || !name.rest.startsWith('=')) return null;
  const value = paramValue(space0(name.rest.slice(1)));
  return value === null ? null : { value: [name.value, value.value], rest: value.rest };
}

/** `[id name="value" …]`, or null. */
function datumStrict(input: string): Parsed<Element> {
  if (!input.startsWith('[')) return null;
  const id = takeWhile1(
    input.slice(1),
    (character) => !isWhitespace(character) && character !== ']' && character !== '=',
  );
  if (id === null) return null;
  let rest = space0(id.rest);
  const params: Array<[string, string]> = [];
  // nom's separated_list0(tag(" "), param): a separator is taken only with the param after it.
  const first = param(rest);
  if (first !== null) {
    params.push(first.value);
    rest = first.rest;
    for (;;) {
      if (!rest.startsWith(' ')) break;
      const next = param(rest.slice(1));
      if (next === null) break;
      params.push(next.value);
      rest = next.rest;
    }
  }
  if (!rest.startsWith(']')) return null;
  return { value: { id: id.value, params }, rest: rest.slice(1) };
}

/**
 * The structured data: `-`, or one or more elements. RFC 5424's accepts an element it cannot read
 * (anything up to `]`, dropped) and one without params; RFC 3164's accepts neither, so brackets in
 * a message stay in the message.
 */
function structuredData(input: string, lenient: boolean): Parsed<Element[]> {
  if (input.startsWith('-')) return { value: [], rest: input.slice(1) };
  const elements: Element[] = [];
  let rest = input;
  for (;;) {
    let datum: Parsed<Element | null> = datumStrict(rest);
    if (datum === null && lenient && rest.startsWith('[')) {
      const end = rest.indexOf(']', 1);
      if (end !== -1) datum = { value: null, rest: rest.slice(end + 1) };
    }
    if (datum !== null && !lenient && datum.value !== null && datum.value.params.length === 0) datum = null;
    if (datum === null) break;
    if (datum.value !== null) elements.push(datum.value);
    rest = datum.rest;
  }
  if (rest === input) return null;
  return { value: elements, rest };
}

/** A param's value with its escapes undone, as the crate's `params()`: `\"`, `\\`, `\]`, `\n`. */
function unescapeParam(value: string): string {
  let result = '';
  let escaped = false;
  for (const character of value) {
    if (character === '\\' && !escaped) escaped = true;
    else if (character === 'n' && escaped) {
      escaped = false;
      result += '\n';
    } else if (character !== '"' && character !== ']' && character !== '\\' && escaped) {
      escaped = false;
      result += `\\${character}`;
    } else {
      escaped = false;
      result += character;
    }
  }
  return result;
}

// --- The two protocols ------------------------------------------------------------------------

interface Message {
  facility?: string;
  severity?: string;
  version?: number;
  timestamp?: SyslogTimestamp;
  hostname?: string;
  appname?: string;
  procid?: number | string;
  msgid?: string;
  structuredData: Element[];
  msg: string;
}

function parse5424(input: string): Message | null {
  const { facility, severity, rest: afterPri } = pri(input);
  const version = digits(afterPri, 2 ** 32 - 1);
  if (version === null) return null;
  let rest = space1(version.rest);
  if (rest === null) return null;
  const timestamp = timestamp3339(rest);
  if (timestamp === null) return null;
  const fields: Array<string | undefined> = [];
  rest = timestamp.rest;
  for (const parser of [hostname, headerField, headerField, headerField]) {
    const spaced = space1(rest);
    if (spaced === null) return null;
    const field = parser(spaced);
    if (field === null) return null;
    fields.push(field.value);
    rest = field.rest;
  }
  const data = structuredData(space0(rest), true);
  if (data === null) return null;
  const [host, appname, procid, msgid] = fields;
  return {
    facility,
    severity,
    version: version.value,
    timestamp: timestamp.value,
    hostname: host,
    appname,
    procid: procid === undefined ? undefined : procId(procid),
    msgid,
    structuredData: data.value,
    msg: space0(data.rest),
  };
}

/** `app[pid]` as a whole, or null. */
function systag(field: string): [string, string] | null {
  let index = 0;
  while (
    index < field.length &&
    !isWhitespace(field[index] as string) &&
    field[index] !== ':' &&
    field[index] !== '['
  )
    index += 1;
  const open = field.slice(index);
  if (!open.startsWith('[')) return null;
  const close = open.indexOf(']');
  // is_not("]") takes at least one character, and nothing may follow the `]`.
  if (close <= 1 || close !== open.length - 1) return null;
  return [field.slice(0, index), open.slice(1, close)];
}

/**
 * syslog_loose's `resolve_host_and_tag`: with two fields, the second is the tag (`app[pid]` or just
 * the app); one field alone is the tag only as `app[pid]`, else the host. A field written `-` is
 * present but empty; any other combination gives neither host nor tag.
 */
function hostAndTag(
  first: { value: string | undefined } | null,
  second: { value: string | undefined } | null,
): [string | undefined, string | undefined, string | undefined] {
  const alone = (field: string): [string | undefined, string | undefined, string | undefined] => {
    const tag = systag(field);
    return tag === null ? [field, undefined, undefined] : [undefined, tag[0], tag[1]];
  };
  if (first !== null && second?.value !== undefined) {
    const tag = systag(second.value);
    return tag === null ? [first.value, second.value, undefined] : [first.value, tag[0], tag[1]];
  }
  if (first?.value !== undefined && second === null) return alone(first.value);
  if (first === null && second?.value !== undefined) return alone(second.value);
  return [undefined, undefined, undefined];
}

function parse3164(input: string, options: ParseSyslogOptions): Message | null {
  const { facility, severity, rest: afterPri } = pri(input);
  const timestamp = timestamp3164(space0(afterPri), options);
  if (timestamp === null) return null;
  let rest = timestamp.rest;
  const field = (parser: (text: string) => Parsed<string | undefined>) => {
    if (!rest.startsWith(' ')) return null;
    const parsed = parser(rest.slice(1));
    if (parsed === null) return null;
    rest = parsed.rest;
    return { value: parsed.value };
  };
  const first = field(hostname);
  const second = field(tagname);
  rest = space0(rest);
  if (rest.startsWith(':')) rest = rest.slice(1);
  rest = space0(rest);
  const data = structuredData(rest, false);
  if (data !== null) rest = data.rest;
  const [host, appname, procid] = hostAndTag(first, second);
  return {
    facility,
    severity,
    timestamp: timestamp.value,
    hostname: host,
    appname,
    procid: procid === undefined ? undefined : procId(procid),
    structuredData: data?.value ?? [],
    msg: space0(rest),
  };
}

/** Rust's `str::trim`: Unicode white space at both ends. */
const rustTrim = (text: string) => text.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');

/**
 * VRL's `parse_syslog`: the fields of a syslog message, RFC 5424 tried first, then RFC 3164.
 * Throws a `SyslogParseError` when it is neither.
 */
export function parseSyslog(text: string, options: ParseSyslogOptions = {}): SyslogFields {
  const input = rustTrim(text);
  const message = parse5424(input) ?? parse3164(input, options);
  if (message === null) throw new SyslogParseError();
  const fields: SyslogFields = { message: message.msg };
  if (message.hostname !== undefined) fields.hostname = message.hostname;
  if (message.severity !== undefined) fields.severity = message.severity;
  if (message.facility !== undefined) fields.facility = message.facility;
  if (message.version !== undefined) fields.version = message.version;
  if (message.appname !== undefined) fields.appname = message.appname;
  if (message.msgid !== undefined) fields.msgid = message.msgid;
  if (message.timestamp !== undefined) fields.timestamp = message.timestamp;
  if (message.procid !== undefined) fields.procid = message.procid;
  for (const element of message.structuredData) {
    const params: Record<string, string> = {};
    for (const [name, value] of element.params) params[name] = unescapeParam(value);
    fields[element.id] = params;
  }
  return fields;
}
