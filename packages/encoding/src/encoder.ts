import { randomUUID } from 'node:crypto';
import type { Batch, FieldMap, FieldValue, JsonSchema, LogEvent } from '@sluice/component-api';
import { getField, removeField, setField } from '@sluice/component-api';

export type Codec = 'json' | 'text' | 'raw_message';
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
const CODECS: readonly Codec[] = ['json', 'text', 'raw_message'];

/** The seed's string form (`encoding = "json"`) or Vector's table form (`encoding.codec = "json"`). */
export type EncodingConfig =
  | Codec
  | {
      codec?: Codec;
      json?: { pretty?: boolean };
      only_fields?: string[];
      except_fields?: string[];
      timestamp_format?: TimestampFormat;
    };

/** Embed as the `encoding` property of a component's options schema. */
export const encodingOptionSchema: JsonSchema = {
  description:
    'How events are encoded: "json" (the whole event), "text" or "raw_message" (the `message` field), ' +
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

/** `undefined` (or a table without `codec`) gives the dynamic encoding of the seed. */
export function createEncoder(config: EncodingConfig | undefined): Encoder {
  const table = typeof config === 'string' ? { codec: config } : (config ?? {});
  const json = jsonEncoder(
    table.only_fields,
    table.except_fields,
    table.timestamp_format ?? 'rfc3339',
    table.json?.pretty === true,
  );
  const encodeToString =
    table.codec === 'json'
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
 * A replacer writing Dates in `format`. Nanoseconds overflow a double's exact integers, so they go
 * out as a marked string that `unmark` turns into the bare integer (the mark holds a random nonce
 * and a NUL, which no string value can produce unescaped).
 */
function dateReplacer(format: TimestampFormat): {
  replace: (this: Record<string, unknown>, key: string, value: unknown) => unknown;
  unmark: (text: string) => string;
} {
  if (format === 'unix_ns') {
    const mark = `\u0000${randomUUID()}:`;
    const pattern = new RegExp(`"${mark.replace('\u0000', '\\\\u0000')}(-?\\d+)"`, 'g');
    return {
      replace(key, value) {
        const original = this[key];
        if (!(original instanceof Date)) return value;
        const milliseconds = original.getTime();
        return `${mark}${milliseconds === 0 ? '0' : `${milliseconds}000000`}`;
      },
      unmark: (text) => text.replace(pattern, '$1'),
    };
  }
  const form = format === 'rfc3339' ? undefined : UNIX_FORMS[format];
  return {
    replace(key, value) {
      const original = this[key];
      if (original instanceof Date)
        return form === undefined ? original.toISOString() : form(original.getTime());
      return value;
    },
    unmark: (text) => text,
  };
}

function jsonEncoder(
  onlyFields: readonly string[] | undefined,
  exceptFields: readonly string[] | undefined,
  timestampFormat: TimestampFormat,
  pretty: boolean,
): (event: LogEvent) => string {
  const select = fieldSelector(onlyFields, exceptFields);
  const indent = pretty ? 2 : undefined;
  // Date.prototype.toJSON already gives RFC 3339, so only the other formats need the (slower) replacer.
  if (timestampFormat === 'rfc3339')
    return (event) => JSON.stringify(select(event.fields), undefined, indent);
  const { replace, unmark } = dateReplacer(timestampFormat);
  return (event) => unmark(JSON.stringify(select(event.fields), replace, indent));
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
