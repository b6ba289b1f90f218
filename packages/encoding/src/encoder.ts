import { randomUUID } from 'node:crypto';
import type { Batch, FieldMap, FieldValue, JsonSchema, LogEvent, OptionProblem } from '@sluice/component-api';
import {
  FloatValue,
  getField,
  isFieldMap,
  refuseInvalidOptions,
  removeField,
  setField,
  submillisecondNanosOf,
} from '@sluice/component-api';
import { displayNumber, jsonDiffers, serdeJsonFloat } from './numbers.js';

export type Codec = 'json' | 'text' | 'raw_message' | 'csv' | 'logfmt' | 'gelf' | 'native_json';
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
const CODECS: readonly Codec[] = ['json', 'text', 'raw_message', 'csv', 'logfmt', 'gelf', 'native_json'];

/** The seed's string form (`encoding = "json"`) or Vector's table form (`encoding.codec = "json"`). */
export type EncodingConfig =
  | Codec
  | {
      codec?: Codec;
      json?: { pretty?: boolean };
      csv?: CsvOptions;
      gelf?: { max_chunk_size?: number };
      metric_tag_values?: 'single' | 'full';
      only_fields?: string[];
      except_fields?: string[];
      timestamp_format?: TimestampFormat;
    };

/** Embed as the `encoding` property of a component's options schema. */
export const encodingOptionSchema: JsonSchema = {
  description:
    'How events are encoded: "json" (the whole event, keys sorted, as Vector), "text" or "raw_message" (the `message` field), "csv" (with csv.fields), ' +
    '"logfmt", "gelf", "native_json" ({"log": event}), ' +
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
        gelf: {
          type: 'object',
          additionalProperties: false,
          description: 'Options of the gelf codec.',
          properties: {
            max_chunk_size: {
              type: 'integer',
              minimum: 13,
              default: 8192,
              description:
                "Vector's chunk size of GELF over UDP; accepted, no effect (Sluice's sinks are streams, which GELF does not chunk).",
            },
          },
        },
        metric_tag_values: {
          type: 'string',
          enum: ['single', 'full'],
          default: 'single',
          description:
            "Vector's option for metric tags (json, text); accepted, no effect: Sluice carries logs only.",
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
          description: 'Keep only these fields (dotted paths), for every codec, as Vector.',
        },
        except_fields: {
          type: 'array',
          items: { type: 'string' },
          description: 'Leave out these fields (dotted paths), for every codec, as Vector.',
        },
        timestamp_format: {
          type: 'string',
          enum: [...TIMESTAMP_FORMATS],
          default: 'rfc3339',
          description:
            'How timestamps are written, for every codec, as Vector: rfc3339, unix (whole seconds), unix_ms, unix_us, unix_ns (integers), unix_float (seconds as a float).',
        },
      },
    },
  ],
};

export interface Encoder {
  /** The event's bytes; throws an {@link EncodingError} when the codec cannot write it (gelf). */
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
  const overlap = (table.only_fields ?? []).filter((path) => table.except_fields?.includes(path));
  if (overlap.length > 0)
    return [
      {
        path: 'encoding',
        message: `\`except_fields\` and \`only_fields\` should be mutually exclusive (both name ${overlap.join(', ')})`,
      },
    ];
  if (table.codec === 'csv' && (table.csv?.fields.length ?? 0) === 0)
    return [{ path: 'encoding.csv.fields', message: 'the csv codec needs at least one field' }];
  return [];
}

/** An event the codec cannot write (Vector's serializer errors, e.g. gelf without `host`). */
export class EncodingError extends Error {
  override readonly name = 'EncodingError';
}

/** The codec of a config; `undefined` is the seed's dynamic encoding. */
export function codecOf(config: EncodingConfig | undefined): Codec | undefined {
  return typeof config === 'string' ? config : config?.codec;
}

/** `undefined` (or a table without `codec`) gives the dynamic encoding of the seed. */
export function createEncoder(config: EncodingConfig | undefined): Encoder {
  refuseInvalidOptions(encodingProblems(config));
  const table = typeof config === 'string' ? { codec: config } : (config ?? {});
  const timestampFormat = table.timestamp_format ?? 'rfc3339';
  const write = timestampWriter(timestampFormat);
  const select = fieldSelector(table.only_fields, table.except_fields);
  const json = jsonWriter(write, table.json?.pretty === true ? 2 : undefined);
  const text = textWriter(write, json);
  const serialize = serializerOf(table.codec, { write, json, text, timestampFormat, csv: table.csv });
  const encodeToString =
    select !== undefined
      ? (event: LogEvent) => serialize(event, select)
      : table.codec === undefined || table.codec === 'text' || table.codec === 'raw_message'
        ? (event: LogEvent) => {
            // The hot path of the seed (raw lines forwarded): the message string itself.
            const message = event.fields.message;
            return typeof message === 'string' && (table.codec !== undefined || !event.metadata.structured)
              ? message
              : serialize(event);
          }
        : serialize;
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

type Selector = (fields: FieldMap) => FieldMap;
type Serializer = (event: LogEvent, select?: Selector) => string;

function serializerOf(
  codec: Codec | undefined,
  parts: {
    write: TimestampWriter;
    json: (value: unknown) => string;
    text: (value: FieldValue | undefined) => string;
    timestampFormat: TimestampFormat;
    csv: CsvOptions | undefined;
  },
): Serializer {
  const { json, text, write } = parts;
  const fieldsOf = (event: LogEvent, select: Selector | undefined) =>
    select === undefined ? event.fields : select(event.fields);
  switch (codec) {
    case 'json':
      return (event, select) => json(fieldsOf(event, select));
    case 'native_json':
      return (event, select) => json({ log: fieldsOf(event, select) });
    case 'text':
    case 'raw_message':
      return (event, select) => text(fieldsOf(event, select).message);
    case 'csv': {
      const csv = csvEncoder(parts.csv as CsvOptions, write);
      return (event, select) => csv(fieldsOf(event, select));
    }
    case 'logfmt':
      return (event, select) => logfmt(fieldsOf(event, select), write);
    case 'gelf': {
      const gelf = gelfEncoder(write, json, parts.timestampFormat);
      return (event, select) => gelf(fieldsOf(event, select));
    }
    case undefined:
      // The seed's dynamic encoding: raw lines pass through unchanged, parsed events as JSON.
      return (event, select) => {
        const fields = fieldsOf(event, select);
        return event.metadata.structured ? json(fields) : text(fields.message);
      };
  }
}

/**
 * A number JSON.stringify cannot write as Vector does (a float of serde_json, a nanosecond count
 * beyond 2^53): `json` is its JSON text, `display` its Rust `Display` form (logfmt, text, csv).
 */
class RawNumber {
  constructor(
    readonly json: string,
    readonly display: string,
  ) {}
}

/** What a timestamp becomes under `timestamp_format`: an RFC 3339 string or a number. */
type TimestampWriter = (date: Date) => string | number | RawNumber;

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
function timestampWriter(format: TimestampFormat): TimestampWriter {
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

/**
 * Vector's JSON (serde_json over its ordered maps): keys sorted at every level, timestamps by
 * `write`, floats as serde_json writes them. A sorted copy of the value is written by the native
 * JSON.stringify, which is as fast as writing the original (measured: a copy of a 7-field event
 * costs less than the Date.toJSON calls it saves). A number JSON.stringify would write otherwise
 * goes in as a marked string that is replaced by its bare text afterwards (the mark holds a
 * random nonce and a NUL, which no string value can produce unescaped); the replace pass runs
 * only for events that have one.
 */
function jsonWriter(write: TimestampWriter, indent: number | undefined): (value: unknown) => string {
  const mark = `\u0000${randomUUID()}:`;
  const pattern = new RegExp(`"${mark.replace('\u0000', '\\\\u0000')}([^"]*)"`, 'g');
  let marked = false;
  const raw = (number: RawNumber) => {
    marked = true;
    return `${mark}${number.json}`;
  };
  const shape = (value: unknown): unknown => {
    if (typeof value === 'number') return jsonDiffers(value) ? raw(floatOf(value)) : value;
    if (typeof value === 'bigint') return raw(integerOf(value));
    if (value === null || typeof value !== 'object') return value;
    if (value instanceof FloatValue) return raw(floatOf(value.value));
    if (value instanceof Date) {
      const written = write(value);
      return written instanceof RawNumber ? raw(written) : written;
    }
    if (value instanceof RawNumber) return raw(value);
    if (Array.isArray(value)) {
      const copy = new Array<unknown>(value.length);
      for (let index = 0; index < value.length; index += 1) copy[index] = shape(value[index]);
      return copy;
    }
    const keys = Object.keys(value);
    let sorted = true;
    for (let index = 1; index < keys.length && sorted; index += 1)
      sorted = (keys[index - 1] as string) < (keys[index] as string);
    if (!sorted) keys.sort();
    const copy: Record<string, unknown> = {};
    for (const key of keys) copy[key] = shape((value as Record<string, unknown>)[key]);
    return copy;
  };
  return (value) => {
    marked = false;
    const text = JSON.stringify(shape(value), undefined, indent);
    return marked ? text.replace(pattern, '$1') : text;
  };
}

/** A float as serde_json and Rust's Display write it (`2.0` and `2`, `-0.0` and `-0`). */
const floatOf = (value: number) =>
  new RawNumber(serdeJsonFloat(value), Object.is(value, -0) ? '-0' : displayNumber(value));
/** An integer beyond 2^53 (Vector's i64), digits as they are. */
const integerOf = (value: bigint) => {
  const digits = String(value);
  return new RawNumber(digits, digits);
};

/**
 * A value as Vector's text and raw_message codecs write it (`Value::coerce_to_bytes`): strings as
 * they are, a missing message as nothing, null as `<null>`, numbers as Rust prints them, tables
 * and lists as JSON.
 */
function textWriter(
  write: TimestampWriter,
  json: (value: unknown) => string,
): (value: FieldValue | undefined) => string {
  return (value) => {
    if (typeof value === 'string') return value;
    if (value === undefined) return '';
    return scalarText(value, write) ?? json(value);
  };
}

/** The text of a scalar as Rust's Display writes it; `undefined` for a table or a list. */
function scalarText(value: FieldValue, write: TimestampWriter): string | undefined {
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

const defaultJson = jsonWriter(rfc3339, undefined);
const defaultText = textWriter(rfc3339, defaultJson);

/** `message` as Vector's text codec writes it: strings as they are, missing as empty, tables as JSON. */
export function textOf(value: FieldValue | undefined): string {
  return defaultText(value);
}

/** logfmt values that need quotes: Unicode white space, a quote or `=` (VRL's encode_key_value). */
const LOGFMT_QUOTED = /[\p{White_Space}"=]/u;
const LOGFMT_ESCAPED = /[\\"\n]/g;
const LOGFMT_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\\\n' };

function logfmtString(text: string): string {
  const escaped = text.replace(LOGFMT_ESCAPED, (character) => LOGFMT_ESCAPES[character] as string);
  return LOGFMT_QUOTED.test(text) ? `"${escaped}"` : escaped;
}

/**
 * Vector's logfmt codec (VRL's encode_logfmt): the event flattened (`a.b`, `list.0`), keys sorted,
 * `key=value` separated by spaces; `true` is the bare key, `false` and empty tables are left out,
 * null is `null`. Quoting and escaping as VRL (a newline becomes `\\n`, as VRL writes it).
 */
function logfmt(fields: FieldMap, write: TimestampWriter): string {
  const flat = new Map<string, string | true>();
  const flatten = (key: string, value: FieldValue | undefined) => {
    if (value === undefined || value === false) return;
    if (value === true) flat.set(key, true);
    else if (value === null) flat.set(key, 'null');
    else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) flatten(`${key}.${index}`, value[index]);
    } else if (isFieldMap(value)) {
      for (const child in value) flatten(`${key}.${child}`, value[child]);
    } else flat.set(key, scalarText(value, write) as string);
  };
  for (const key in fields) flatten(key, fields[key]);
  const keys = [...flat.keys()].sort();
  let line = '';
  for (const key of keys) {
    if (line !== '') line += ' ';
    const value = flat.get(key) as string | true;
    line += value === true ? logfmtString(key) : `${logfmtString(key)}=${logfmtString(value)}`;
  }
  return line;
}

/** Rust's `\w` (Unicode word characters), periods, dashes and `@`: Vector's valid GELF field names. */
const GELF_FIELD_NAME = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}.\-@]*$/u;
const GELF_STRING_FIELDS = new Set(['version', 'host', 'short_message', 'full_message', 'facility', 'file']);

/** Vector's name of a value's type in its errors (`Value::kind_str`). */
function kindOf(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'bigint') return 'integer';
  if (value instanceof FloatValue) return 'float';
  if (value instanceof RawNumber) return value.json.includes('.') ? 'float' : 'integer';
  if (value instanceof Date) return 'timestamp';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

const isInteger = (value: unknown) =>
  (typeof value === 'number' && Number.isInteger(value)) ||
  typeof value === 'bigint' ||
  (value instanceof RawNumber && !value.json.includes('.'));
const isNumber = (value: unknown) =>
  typeof value === 'number' ||
  typeof value === 'bigint' ||
  value instanceof FloatValue ||
  value instanceof RawNumber;

/**
 * Vector's gelf codec (lib/codecs/src/encoding/format/gelf.rs): `version` added as "1.1",
 * `message` renamed `short_message`, `host` required, a timestamp as seconds (a float when it has
 * milliseconds), additional fields prefixed with `_`; an event GELF cannot carry is an error, with
 * Vector's messages. Written as Vector's JSON (keys sorted).
 */
function gelfEncoder(
  write: TimestampWriter,
  json: (value: unknown) => string,
  timestampFormat: TimestampFormat,
): (fields: FieldMap) => string {
  const invalidType = (field: string, expected: string, value: unknown) =>
    new EncodingError(
      `LogEvent contains a value with an invalid type. field = "${field}" type = "${kindOf(value)}" expected type = "${expected}"`,
    );
  return (fields) => {
    const log: Record<string, unknown> = {};
    for (const key in fields) {
      const value = fields[key];
      if (value === undefined) continue;
      // The Transformer turns timestamps into numbers before the serializer sees them.
      log[key] = value instanceof Date && timestampFormat !== 'rfc3339' ? write(value) : value;
    }
    if (log.version === undefined) log.version = '1.1';
    if (log.host === undefined) throw new EncodingError('LogEvent does not contain required field: "host"');
    if (log.short_message === undefined) {
      if (log.message === undefined)
        throw new EncodingError('LogEvent does not contain required field: "short_message"');
      log.short_message = log.message;
      delete log.message;
    }
    const renamed: string[] = [];
    for (const field of Object.keys(log).sort()) {
      const value = log[field];
      if (GELF_STRING_FIELDS.has(field)) {
        if (typeof value !== 'string') throw invalidType(field, 'UTF-8 string', value);
      } else if (field === 'timestamp') {
        if (!(value instanceof Date || isInteger(value)))
          throw invalidType(field, 'timestamp or integer', value);
        if (value instanceof Date) {
          const milliseconds = value.getTime();
          log[field] = milliseconds % 1000 !== 0 ? floatOf(milliseconds / 1000) : milliseconds / 1000;
        }
      } else if (field === 'level') {
        if (!isInteger(value)) throw invalidType(field, 'integer', value);
      } else if (field === 'line') {
        if (!isNumber(value)) throw invalidType(field, 'number', value);
      } else {
        if (!GELF_FIELD_NAME.test(field))
          throw new EncodingError(
            `LogEvent contains field with invalid name not matching pattern '^[\\w\\.\\-@]*$': "${field}"`,
          );
        if (!(typeof value === 'string' || isNumber(value)))
          throw invalidType(field, 'string or number', value);
        if (field !== '' && !field.startsWith('_')) renamed.push(field);
      }
    }
    for (const field of renamed) {
      log[`_${field}`] = log[field];
      delete log[field];
    }
    return json(log);
  };
}

/** Vector's paths may start with `.` (`.message`). */
const withoutLeadingDot = (path: string) => (path.startsWith('.') ? path.slice(1) : path);

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
 * strings as they are, numbers as Rust prints them, timestamps by `timestamp_format`, null,
 * tables and lists empty; a field is quoted when it holds the delimiter, the quote, `\r` or `\n`
 * (or always/never), a quote doubled (or escaped when `double_quote = false`). No line end:
 * framing adds it.
 */
function csvEncoder(options: CsvOptions, write: TimestampWriter): (fields: FieldMap) => string {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote ?? '"';
  const escapedQuote =
    options.double_quote === false ? `${options.escape ?? '"'}${quote}` : `${quote}${quote}`;
  const style = options.quote_style ?? 'necessary';
  const paths = options.fields.map(withoutLeadingDot);
  const cell = (value: FieldValue | undefined): string =>
    value === undefined || value === null ? '' : (scalarText(value, write) ?? '');
  const needsQuotes = (text: string) =>
    style === 'always' ||
    (style === 'necessary' &&
      (text.includes(delimiter) || text.includes(quote) || text.includes('\n') || text.includes('\r')));
  return (fields) => {
    let line = '';
    for (const [index, path] of paths.entries()) {
      const text = cell(getField(fields, path));
      if (index > 0) line += delimiter;
      line += needsQuotes(text) ? `${quote}${text.replaceAll(quote, escapedQuote)}${quote}` : text;
    }
    // csv_core quotes a record of one empty field, so the line is not mistaken for no record.
    return paths.length === 1 && line === '' && style !== 'never' ? `${quote}${quote}` : line;
  };
}

/** Vector's only_fields / except_fields; `undefined` when neither is set (the event as it is). */
function fieldSelector(
  onlyFields: readonly string[] | undefined,
  exceptFields: readonly string[] | undefined,
): Selector | undefined {
  if (
    (onlyFields === undefined || onlyFields.length === 0) &&
    (exceptFields === undefined || exceptFields.length === 0)
  ) {
    return undefined;
  }
  const only = onlyFields?.map(withoutLeadingDot);
  const except = exceptFields?.map(withoutLeadingDot);
  return (fields) => {
    let selected: FieldMap;
    if (only !== undefined && only.length > 0) {
      selected = {};
      for (const path of only) {
        const value = getField(fields, path);
        if (value !== undefined) setField(selected, path, value);
      }
    } else {
      selected = structuredCopy(fields);
    }
    for (const path of except ?? []) removeField(selected, path);
    return selected;
  };
}

/** A copy deep enough that removing nested fields leaves the event untouched. */
function structuredCopy(fields: FieldMap): FieldMap {
  const copy: FieldMap = {};
  for (const key in fields) {
    const value = fields[key];
    copy[key] = isFieldMap(value) ? structuredCopy(value) : value;
  }
  return copy;
}
