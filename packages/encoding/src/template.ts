import type { FieldMap, FieldValue } from '@sluice/component-api';
import { textOf } from './codecs/text.js';
import {
  fixedZone,
  formatStrftime,
  isDynamicStrftime,
  parseStrftime,
  type StrftimeItem,
  UTC_ZONE,
} from './strftime.js';

/*
 * Vector's templates (`src/template`): `{{ field }}` is replaced by the event's field, written as
 * Vector writes a value as text (`to_string_lossy`), and strftime specifiers (`%Y-%m-%d`) by the
 * event's `timestamp` (now, when it has none) in UTC or at a fixed offset.
 */

const REFERENCE = /\{\{([^}]+)\}\}/g;

type Part =
  | { kind: 'literal'; text: string }
  | { kind: 'time'; items: StrftimeItem[] }
  | { kind: 'field'; path: string; segments: Array<string | number> };

export interface Template {
  /** The template as written. */
  readonly source: string;
  /** The fields it names, in order. */
  readonly fields: readonly string[];
  /** Whether it renders differently per event (a field or a date in it). */
  readonly isDynamic: boolean;
  /** The text for an event, or the fields it lacks (the event cannot be rendered). */
  render(fields: FieldMap): { text: string } | { missing: string[] };
  /**
   * The text before the first `{{` or `%`: what every rendering starts with (Vector's
   * `literal_prefix`, the base of path confinement).
   */
  readonly literalPrefix: string;
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export interface TemplateOptions {
  /** Write dates at this many minutes east of UTC (a `timezone` resolved once); default UTC. */
  offsetMinutes?: number;
  /**
   * Vector before 0.22 (`add_fields`): fields are rendered first, then the whole text is read as
   * a strftime format when any part of it is one; a format error anywhere makes it no template.
   */
  legacy?: boolean;
}

/**
 * A field path as Vector's templates read it: `.a.b`, `a.b`, `a[0]`, `"a.b"` (one quoted name).
 * Undefined when it is not a path.
 */
function segmentsOf(path: string): Array<string | number> | undefined {
  const segments: Array<string | number> = [];
  const pattern = /\.?(?:"((?:[^"\\]|\\.)*)"|([^.[\]"]+))|\[(-?\d+)\]/gy;
  let text = path.startsWith('.') ? path.slice(1) : path;
  if (text === '') return undefined;
  if (!text.startsWith('[') && !text.startsWith('"')) text = `.${text}`;
  pattern.lastIndex = 0;
  let end = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[1] !== undefined) segments.push(match[1].replace(/\\(.)/g, '$1'));
    else if (match[2] !== undefined) segments.push(match[2]);
    else segments.push(Number(match[3]));
    end = pattern.lastIndex;
  }
  return end === text.length && segments.length > 0 ? segments : undefined;
}

function valueAt(fields: FieldMap, segments: ReadonlyArray<string | number>): FieldValue | undefined {
  let current: FieldValue | undefined = fields;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || current instanceof Date) return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment < 0 ? current.length + segment : segment];
    } else {
      if (Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
      current = (current as FieldMap)[segment];
    }
  }
  return current;
}

const timestampOf = (fields: FieldMap) => (fields.timestamp instanceof Date ? fields.timestamp : new Date());

/** Parses a template; throws a `TemplateError` for a bad strftime specifier or field path. */
export function parseTemplate(source: string, options: TemplateOptions = {}): Template {
  const zone = options.offsetMinutes === undefined ? UTC_ZONE : fixedZone(options.offsetMinutes);
  const references = [...source.matchAll(REFERENCE)];
  const fields = references.map((match) => (match[1] as string).trim());
  const literalPrefix = /^[^%]*?(?=\{\{|%|$)/.exec(source)?.[0] ?? '';
  const referencePart = (path: string): Part => {
    const segments = segmentsOf(path);
    if (segments === undefined) throw new TemplateError(`invalid field path in template: "${path}"`);
    return { kind: 'field', path, segments };
  };
  const renderField = (part: Extract<Part, { kind: 'field' }>, values: FieldMap, missing: string[]) => {
    const value = valueAt(values, part.segments);
    if (value === undefined) {
      missing.push(part.path);
      return '';
    }
    return textOf(value);
  };

  if (options.legacy === true) {
    const items = parseStrftime(source);
    if ('error' in items) throw new TemplateError(items.error);
    const hasTime = isDynamicStrftime(items);
    // Old Vector looked a field up by its dotted name, never refusing one.
    const parts = fields.map((path) => ({
      kind: 'field' as const,
      path,
      segments: segmentsOf(path) ?? [path],
    }));
    return {
      source,
      fields,
      isDynamic: hasTime || parts.length > 0,
      literalPrefix,
      render(values) {
        const missing: string[] = [];
        let index = 0;
        const text = source.replace(REFERENCE, () => {
          const part = parts[index++] as (typeof parts)[number];
          return renderField(part, values, missing);
        });
        if (missing.length > 0) return { missing };
        if (!hasTime) return { text };
        const rendered = parseStrftime(text);
        // A field's value that is no strftime format is written as it is.
        return { text: 'error' in rendered ? text : formatStrftime(rendered, timestampOf(values), zone) };
      },
    };
  }

  const parts: Part[] = [];
  const literal = (text: string) => {
    const items = parseStrftime(text);
    if ('error' in items) throw new TemplateError(items.error);
    // A literal without a date part is kept as written (`%%` stays `%%`), as Vector keeps it.
    parts.push(isDynamicStrftime(items) ? { kind: 'time', items } : { kind: 'literal', text });
  };
  let last = 0;
  for (const match of references) {
    if ((match.index as number) > last) literal(source.slice(last, match.index));
    parts.push(referencePart((match[1] as string).trim()));
    last = (match.index as number) + match[0].length;
  }
  if (last < source.length) literal(source.slice(last));
  const isDynamic = parts.some((part) => part.kind !== 'literal');
  return {
    source,
    fields,
    isDynamic,
    literalPrefix,
    render(values) {
      if (!isDynamic) return { text: source };
      const missing: string[] = [];
      let text = '';
      for (const part of parts) {
        if (part.kind === 'literal') text += part.text;
        else if (part.kind === 'time') text += formatStrftime(part.items, timestampOf(values), zone);
        else text += renderField(part, values, missing);
      }
      return missing.length > 0 ? { missing } : { text };
    },
  };
}

/**
 * Minutes east of UTC of a Vector `timezone` (`local` or an IANA name such as `Asia/Singapore`),
 * now: as Vector, one fixed offset for the component's life. Undefined for an unknown name.
 */
export function timezoneOffsetMinutes(timezone: string, now = new Date()): number | undefined {
  if (timezone === 'local') return -now.getTimezoneOffset();
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(now);
  } catch {
    return undefined;
  }
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((wall - Math.floor(now.getTime() / 1000) * 1000) / 60_000);
}
