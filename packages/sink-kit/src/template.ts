/**
 * Vector's template syntax (`src/template`), for the options a sink renders per event (an index, a
 * key, a stream): `{{ field.path }}` is the event's field, and strftime items (`%Y-%m-%d`, chrono's
 * specifiers) format the event's `timestamp` (now when it has none), in UTC.
 */
import { ConfigError, getField, type LogEvent, submillisecondNanosOf } from '@sluice/component-api';
import { textOf } from '@sluice/encoding';
import { type Discard, rejectEvent } from './results.js';

/** Vector's longest rendered value: a longer one fails, a field cannot blow up a request line. */
const MAX_RENDERED_LENGTH = 1024;
const REFERENCE = /\{\{([^}]+)\}\}/g;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
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

type Part = string | { readonly field: string } | { readonly time: readonly TimeItem[] };
type TimeItem = string | ((date: Date) => string);

/** A template rendered for one event: the text, or the fields it lacks. */
export type Rendered = { readonly text: string } | { readonly missing: readonly string[] };

export class Template {
  readonly source: string;
  /** The option it comes from, for messages. */
  readonly option: string;
  readonly #parts: readonly Part[];

  /** Parses `source`; a config error names `path` for an invalid strftime item or field path. */
  constructor(source: string, path = 'template') {
    this.source = source;
    this.option = path;
    const parts: Part[] = [];
    let last = 0;
    for (const match of source.matchAll(REFERENCE)) {
      if (match.index > last) parts.push(literal(source.slice(last, match.index), path));
      const field = (match[1] as string).trim().replace(/^\./, '');
      if (field === '' || /\s/.test(field) || field.split('.').includes(''))
        throw problem(path, `"${field}" is not a field path`);
      parts.push({ field });
      last = match.index + match[0].length;
    }
    if (last < source.length) parts.push(literal(source.slice(last), path));
    this.#parts = parts;
  }

  /** Whether every event renders the same text (no field, no time). */
  get isStatic(): boolean {
    return this.#parts.every((part) => typeof part === 'string');
  }

  /** The text for `event`, or the fields it lacks (null counts as missing). */
  render(event: LogEvent): Rendered {
    let text = '';
    const missing: string[] = [];
    for (const part of this.#parts) {
      if (typeof part === 'string') text += part;
      else if ('field' in part) {
        const value = getField(event.fields, part.field);
        if (value === undefined || value === null) missing.push(part.field);
        else text += textOf(value);
      } else {
        const timestamp = event.fields.timestamp;
        const date = timestamp instanceof Date ? timestamp : new Date();
        for (const item of part.time) text += typeof item === 'string' ? item : item(date);
      }
    }
    if (missing.length > 0) return { missing };
    if (text.length > MAX_RENDERED_LENGTH)
      return { missing: [`(rendered longer than ${MAX_RENDERED_LENGTH} characters)`] };
    return { text };
  }

  /**
   * The text for a sink's `prepare`, or the event's rejection (`template_failed`, counted and
   * routed by the kit) where Vector drops it with a TemplateRenderingError.
   */
  renderOrReject(event: LogEvent): string | Discard {
    const rendered = this.render(event);
    if ('text' in rendered) return rendered.text;
    const message = `${this.option} "${this.source}": missing ${rendered.missing.join(', ')}`;
    return rejectEvent('template_failed', message);
  }
}

function problem(path: string, message: string): ConfigError {
  return new ConfigError([{ file: undefined, path, message: `template: ${message}` }]);
}

/** Literal text, or time items when it holds a strftime specifier. */
function literal(text: string, path: string): Part {
  if (!text.includes('%')) return text;
  const items: TimeItem[] = [];
  let plain = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    if (character !== '%') {
      plain += character;
      continue;
    }
    const spec = /^(?:[-_0]?[a-zA-Z+%]|\.[369]?f|[369]f|:{1,2}z)/.exec(text.slice(index + 1))?.[0];
    const item = spec === undefined ? undefined : strftimeItem(spec);
    if (item === undefined)
      throw problem(path, `"%${text.slice(index + 1, index + 3)}" is not a strftime item`);
    index += (spec as string).length;
    if (typeof item === 'string') plain += item;
    else {
      if (plain !== '') items.push(plain);
      plain = '';
      items.push(item);
    }
  }
  if (plain !== '') items.push(plain);
  return items.every((item) => typeof item === 'string') ? items.join('') : { time: items };
}

const pad = (value: number, width: number, fill: string) => String(value).padStart(width, fill);

/** Day of the year, 1-based. */
function dayOfYear(date: Date): number {
  return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** ISO 8601 week-based year and week. */
function isoWeek(date: Date): { year: number; week: number } {
  const thursday = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7)),
  );
  return { year: thursday.getUTCFullYear(), week: Math.ceil(dayOfYear(thursday) / 7) };
}

/** Week of the year whose weeks start on `first` (0: Sunday, 1: Monday), as %U and %W. */
function weekOfYear(date: Date, first: number): number {
  return Math.floor((dayOfYear(date) - 1 + 7 - ((date.getUTCDay() - first + 7) % 7)) / 7);
}

function nanosOf(date: Date): number {
  return date.getUTCMilliseconds() * 1_000_000 + submillisecondNanosOf(date);
}

/** chrono's `%.f`: a fraction of 3, 6 or 9 digits as the value needs, none when 0. */
function autoFraction(date: Date): string {
  const nanos = nanosOf(date);
  if (nanos === 0) return '';
  if (nanos % 1_000_000 === 0) return `.${pad(nanos / 1_000_000, 3, '0')}`;
  if (nanos % 1000 === 0) return `.${pad(nanos / 1000, 6, '0')}`;
  return `.${pad(nanos, 9, '0')}`;
}

/** One specifier (after `%`, with a `-`, `_` or `0` padding flag) as text or a formatter. */
function strftimeItem(spec: string): TimeItem | undefined {
  const flag = /^[-_0]/.test(spec) ? spec[0] : undefined;
  const letter = flag === undefined ? spec : spec.slice(1);
  const numeric = (read: (date: Date) => number, width: number, fill = '0') => {
    const chosen = flag === '-' ? '' : flag === '_' ? ' ' : flag === '0' ? '0' : fill;
    return (date: Date) => (chosen === '' ? String(read(date)) : pad(read(date), width, chosen));
  };
  const fixed: Record<string, TimeItem> = { '%': '%', t: '\t', n: '\n', Z: 'UTC', z: '+0000' };
  if (letter in fixed) return fixed[letter];
  if (letter === ':z') return '+00:00';
  if (letter === '::z') return '+00:00:00';
  const fraction = /^(\.)?([369])?f$/.exec(letter);
  if (fraction !== null) {
    const [, dot, digits] = fraction;
    if (dot !== undefined && digits === undefined) return autoFraction;
    const width = Number(digits ?? 9);
    return (date) => `${dot ?? ''}${pad(Math.floor(nanosOf(date) / 10 ** (9 - width)), width, '0')}`;
  }
  const composite: Record<string, string> = {
    D: '%m/%d/%y',
    x: '%m/%d/%y',
    F: '%Y-%m-%d',
    v: '%e-%b-%Y',
    R: '%H:%M',
    T: '%H:%M:%S',
    X: '%H:%M:%S',
    r: '%I:%M:%S %p',
    c: '%a %b %e %H:%M:%S %Y',
    '+': '%Y-%m-%dT%H:%M:%S%.f+00:00',
  };
  if (letter in composite) {
    const inner = literal(composite[letter] as string, '');
    return typeof inner === 'string' || !('time' in inner)
      ? (inner as string)
      : (date) => inner.time.map((item) => (typeof item === 'string' ? item : item(date))).join('');
  }
  const hour12 = (date: Date) => ((date.getUTCHours() + 11) % 12) + 1;
  const formats: Record<string, TimeItem> = {
    Y: numeric((date) => date.getUTCFullYear(), 4),
    C: numeric((date) => Math.floor(date.getUTCFullYear() / 100), 2),
    y: numeric((date) => date.getUTCFullYear() % 100, 2),
    m: numeric((date) => date.getUTCMonth() + 1, 2),
    d: numeric((date) => date.getUTCDate(), 2),
    e: numeric((date) => date.getUTCDate(), 2, ' '),
    H: numeric((date) => date.getUTCHours(), 2),
    k: numeric((date) => date.getUTCHours(), 2, ' '),
    I: numeric(hour12, 2),
    l: numeric(hour12, 2, ' '),
    M: numeric((date) => date.getUTCMinutes(), 2),
    S: numeric((date) => date.getUTCSeconds(), 2),
    j: numeric(dayOfYear, 3),
    w: numeric((date) => date.getUTCDay(), 1),
    u: numeric((date) => date.getUTCDay() || 7, 1),
    U: numeric((date) => weekOfYear(date, 0), 2),
    W: numeric((date) => weekOfYear(date, 1), 2),
    G: numeric((date) => isoWeek(date).year, 4),
    g: numeric((date) => isoWeek(date).year % 100, 2),
    V: numeric((date) => isoWeek(date).week, 2),
    s: numeric((date) => Math.floor(date.getTime() / 1000), 1),
    b: (date) => (MONTHS[date.getUTCMonth()] as string).slice(0, 3),
    h: (date) => (MONTHS[date.getUTCMonth()] as string).slice(0, 3),
    B: (date) => MONTHS[date.getUTCMonth()] as string,
    a: (date) => (DAYS[date.getUTCDay()] as string).slice(0, 3),
    A: (date) => DAYS[date.getUTCDay()] as string,
    p: (date) => (date.getUTCHours() < 12 ? 'AM' : 'PM'),
    P: (date) => (date.getUTCHours() < 12 ? 'am' : 'pm'),
  };
  return formats[letter];
}
