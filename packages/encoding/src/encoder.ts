import { randomUUID } from 'node:crypto';
import type { Batch, FieldMap, FieldValue, JsonSchema, LogEvent, OptionProblem } from '@sluice/component-api';
import { getField, refuseInvalidOptions, removeField, setField } from '@sluice/component-api';

export type Codec = 'json' | 'text' | 'raw_message' | 'csv';
/** Vector's `encoding.timestamp_format` values: `unix` is whole seconds, as in Vector. */
export type TimestampFormat = 'rfc3339' | 'unix' | 'unix_ms' | 'unix_us' | 'unix_ns' | 'unix_float';
const TIMESTAMP_FORMATS: readonly TimestampFormat[] = [
  'rfc3339',
  'unix',
  'unix_ms',
  'unix_us',
  'unix_ns',
  'unix_float',
];
const CODECS: readonly Codec[] = ['json', 'text', 'raw_message', 'csv'];

/** The seed's string form (`encoding = "json"`) or Vector's table form (`encoding.codec = "json"`). */
export type EncodingConfig =
  | Codec
  | {
      codec?: Codec;
      json?: { pretty?: boolean };
      csv?: CsvOptions;
      only_fields?: string[];
      except_fields?: string[];
      timestamp_format?: TimestampFormat;
    };

/** Embed as the `encoding` property of a component's options schema. */
export const encodingOptionSchema: JsonSchema = {
  description:
    'How events are encoded: "json" (the whole event, keys sorted, as Vector), "text" or "raw_message" (the `message` field), "csv" (with csv.fields), ' +
    'or a table { codec, json.pretty, only_fields, except_fields, timestamp_format: rfc3339 | unix (seconds) | ' +
    'unix_ms | unix_us | unix_ns | unix_float }, as Vector. Unset: dynamic — ' +
    'structured (parsed) events as JSON, unstructured ones as text, so raw lines pass through unchanged.',
  oneOf: [
    { type: 'string', enum: [...CODECS] },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        codec: {
          type: 'string',
          enum: [...CODECS],
          description:
            'The codec; unset means dynamic (json for structured events, text otherwise). raw_message is text, as in Vector.',
        },
        csv: {
          type: 'object',
          additionalProperties: false,
          required: ['fields'],
          description: 'Options of the csv codec (as Vector): the fields, in order, and the quoting.',
          properties: {
            fields: {
              type: 'array',
              minItems: 1,
              items: { type: 'string', minLength: 1 },
              description: 'The fields to write, in order (dotted paths); a missing one is empty.',
            },
            delimiter: {
              type: 'string',
              minLength: 1,
              maxLength: 1,
              default: ',',
              description: 'Field separator.',
            },
            quote: {
              type: 'string',
              minLength: 1,
              maxLength: 1,
              default: '"',
              description: 'Quote character.',
            },
            escape: {
              type: 'string',
              minLength: 1,
              maxLength: 1,
              default: '"',
              description: 'Escapes a quote when double_quote is false.',
            },
            double_quote: {
              type: 'boolean',
              default: true,
              description: 'Write a quote inside a field as two quotes.',
            },
            quote_style: {
              type: 'string',
              enum: ['always', 'necessary', 'never'],
              default: 'necessary',
              description: 'Quote every field, only those that need it, or none.',
            },
            capacity: {
              type: 'integer',
              minimum: 0,
              description: "Vector's internal buffer size; accepted, not needed.",
            },
          },
        },
        json: {
          type: 'object',
          additionalProperties: false,
          description: 'Options of the json codec.',
          properties: {
            pretty: {
              type: 'boolean',
              default: false,
              description: 'Indent the JSON (two spaces, one field per line), as Vector.',
            },
          },
        },
        only_fields: {
          type: 'array',
          items: { type: 'string' },
          description: 'json: keep only these fields (dotted paths).',
        },
        except_fields: {
          type: 'array',
          items: { type: 'string' },
          description: 'json: leave out these fields (dotted paths).',
        },
        timestamp_format: {
          type: 'string',
          enum: [...TIMESTAMP_FORMATS],
          default: 'rfc3339',
          description:
            'How timestamps are written by json, as Vector: rfc3339, unix (whole seconds), unix_ms, unix_us, unix_ns (integers), unix_float (seconds with a fraction).',
        },
      },
    },
  ],
};

export interface Encoder {
  encode(event: LogEvent): Buffer;
  encodeBatch(events: Batch): Buffer[];
  /**
   * The encoded event as a string: every codec here is text, and its UTF-8 bytes are what `encode`
   * returns. For a sink that writes the bytes into a larger buffer itself (no Buffer per event).
   */
  encodeToString(event: LogEvent): string;
}

/**
 * The checks of a sink's `encoding` option the schema cannot express, for the sink's `validate`
 * (paths inside the sink's options).
 */
export function encodingProblems(config: EncodingConfig | undefined): OptionProblem[] {
  const table = typeof config === 'string' ? { codec: config } : (config ?? {});
  if (table.codec === 'csv' && (table.csv?.fields.length ?? 0) === 0)
    return [{ path: 'encoding.csv.fields', message: 'the csv codec needs at least one field' }];
  return [];
}

/** `undefined` (or a table without `codec`) gives the dynamic encoding of the seed. */
export function createEncoder(config: EncodingConfig | undefined): Encoder {
  refuseInvalidOptions(encodingProblems(config));
  const table = typeof config === 'string' ? { codec: config } : (config ?? {});
  const json = jsonEncoder(
    table.only_fields,
    table.except_fields,
    table.timestamp_format ?? 'rfc3339',
    table.json?.pretty === true,
  );
  const encodeToString =
    table.codec === 'csv'
      ? csvEncoder(table.csv as CsvOptions)
      : table.codec === 'json'
        ? json
        : table.codec === 'text' || table.codec === 'raw_message'
          ? encodeText
          : (event: LogEvent) => (event.metadata.structured ? json(event) : encodeText(event));
  const encode = (event: LogEvent) => Buffer.from(encodeToString(event), 'utf8');
  return {
    encode,
    encodeToString,
    encodeBatch: (events) => {
      const encoded = new Array<Buffer>(events.length);
      for (let index = 0; index < events.length; index += 1)
        encoded[index] = encode(events[index] as LogEvent);
      return encoded;
    },
  };
}

function encodeText(event: LogEvent): string {
  return textOf(event.fields.message);
}

/** `message` as text: strings as they are, missing as empty, anything else as JSON. */
export function textOf(value: FieldValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** RFC 3339 as Vector writes it (chrono's AutoSi): no fraction for a whole second, else milliseconds. */
export function rfc3339(date: Date): string {
  const text = date.toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

/** Vector's unix timestamp forms from a millisecond Date (whole seconds round down, as chrono's). */
const UNIX_FORMS: Readonly<
  Record<Exclude<TimestampFormat, 'rfc3339' | 'unix_ns'>, (milliseconds: number) => number>
> = {
  unix: (milliseconds) => Math.floor(milliseconds / 1000),
  unix_ms: (milliseconds) => milliseconds,
  unix_us: (milliseconds) => milliseconds * 1000,
  unix_float: (milliseconds) => milliseconds / 1000,
};

/**
 * How a Date is written in `format`. Nanoseconds overflow a double's exact integers, so they are
 * written as a marked string that `unmark` turns into the bare integer (the mark holds a random
 * nonce and a NUL, which no string value can produce unescaped).
 */
function timestampWriter(format: TimestampFormat): {
  write: (date: Date) => string | number;
  unmark: (text: string) => string;
} {
  if (format === 'unix_ns') {
    const mark = `\u0000${randomUUID()}:`;
    const pattern = new RegExp(`"${mark.replace('\u0000', '\\\\u0000')}(-?\\d+)"`, 'g');
    return {
      write: (date) => {
        const milliseconds = date.getTime();
        return `${mark}${milliseconds === 0 ? '0' : `${milliseconds}000000`}`;
      },
      unmark: (text) => text.replace(pattern, '$1'),
    };
  }
  const form = format === 'rfc3339' ? undefined : UNIX_FORMS[format];
  return {
    write: form === undefined ? rfc3339 : (date) => form(date.getTime()),
    unmark: (text) => text,
  };
}

/**
 * A copy of a value shaped as Vector's JSON has it: keys sorted at every level (Vector's maps are
 * ordered), Dates written by `write`. The copy is then written by the native JSON.stringify, which
 * is as fast as writing the original (measured: a copy of a 7-field event costs less than the
 * Date.toJSON calls it saves).
 */
function vectorShape(value: FieldValue | undefined, write: (date: Date) => string | number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return write(value);
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) copy[index] = vectorShape(value[index], write);
    return copy;
  }
  const keys = Object.keys(value);
  let sorted = true;
  for (let index = 1; index < keys.length && sorted; index += 1)
    sorted = (keys[index - 1] as string) < (keys[index] as string);
  if (!sorted) keys.sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) copy[key] = vectorShape((value as FieldMap)[key], write);
  return copy;
}

/** Vector's `json` codec: sorted keys, Vector's timestamp forms, optionally pretty (two spaces, as serde_json). */
function jsonEncoder(
  onlyFields: readonly string[] | undefined,
  exceptFields: readonly string[] | undefined,
  timestampFormat: TimestampFormat,
  pretty: boolean,
): (event: LogEvent) => string {
  const select = fieldSelector(onlyFields, exceptFields);
  const indent = pretty ? 2 : undefined;
  const { write, unmark } = timestampWriter(timestampFormat);
  if (timestampFormat !== 'unix_ns')
    return (event) => JSON.stringify(vectorShape(select(event.fields), write), undefined, indent);
  return (event) => unmark(JSON.stringify(vectorShape(select(event.fields), write), undefined, indent));
}

export interface CsvOptions {
  fields: string[];
  delimiter?: string;
  quote?: string;
  escape?: string;
  double_quote?: boolean;
  quote_style?: 'always' | 'necessary' | 'never';
}

/**
 * Vector's `csv` codec (its `csv_core` writer): the listed fields in order, missing ones empty,
 * strings as they are, timestamps in RFC 3339 (AutoSi), tables and lists empty; a field is quoted
 * when it holds the delimiter, the quote, `\r` or `\n` (or always/never), a quote doubled (or
 * escaped when `double_quote = false`). No line end: framing adds it.
 */
function csvEncoder(options: CsvOptions): (event: LogEvent) => string {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote ?? '"';
  const escapedQuote =
    options.double_quote === false ? `${options.escape ?? '"'}${quote}` : `${quote}${quote}`;
  const style = options.quote_style ?? 'necessary';
  const paths = options.fields.map((path) => path.replace(/^\./, ''));
  const cell = (value: FieldValue | undefined): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value instanceof Date) return rfc3339(value);
    return '';
  };
  const needsQuotes = (text: string) =>
    style === 'always' ||
    (style === 'necessary' &&
      (text.includes(delimiter) || text.includes(quote) || text.includes('\n') || text.includes('\r')));
  return (event) => {
    let line = '';
    for (const [index, path] of paths.entries()) {
      const text = cell(getField(event.fields, path));
      if (index > 0) line += delimiter;
      line += needsQuotes(text) ? `${quote}${text.replaceAll(quote, escapedQuote)}${quote}` : text;
    }
    // csv_core quotes a record of one empty field, so the line is not mistaken for no record.
    return paths.length === 1 && line === '' && style !== 'never' ? `${quote}${quote}` : line;
  };
}

function fieldSelector(
  onlyFields: readonly string[] | undefined,
  exceptFields: readonly string[] | undefined,
): (fields: FieldMap) => FieldMap {
  if (
    (onlyFields === undefined || onlyFields.length === 0) &&
    (exceptFields === undefined || exceptFields.length === 0)
  ) {
    return (fields) => fields;
  }
  return (fields) => {
    let selected: FieldMap;
    if (onlyFields !== undefined && onlyFields.length > 0) {
      selected = {};
      for (const path of onlyFields) {
        const value = getField(fields, path);
        if (value !== undefined) setField(selected, path, value);
      }
    } else {
      selected = structuredCopy(fields);
    }
    for (const path of exceptFields ?? []) removeField(selected, path);
    return selected;
  };
}

/** A copy deep enough that removing nested fields leaves the event untouched. */
function structuredCopy(fields: FieldMap): FieldMap {
  const copy: FieldMap = {};
  for (const key in fields) {
    const value = fields[key];
    copy[key] =
      value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
        ? structuredCopy(value as FieldMap)
        : value;
  }
  return copy;
}
