import type { Batch, FieldMap, FieldValue, JsonSchema, LogEvent } from '@sluice/component-api';
import { getField, removeField, setField } from '@sluice/component-api';

export type Codec = 'json' | 'text';
export type TimestampFormat = 'rfc3339' | 'unix';

/** The seed's string form (`encoding = "json"`) or Vector's table form (`encoding.codec = "json"`). */
export type EncodingConfig =
  | Codec
  | {
      codec?: Codec;
      only_fields?: string[];
      except_fields?: string[];
      timestamp_format?: TimestampFormat;
    };

/** Embed as the `encoding` property of a component's options schema. */
export const encodingOptionSchema: JsonSchema = {
  description:
    'How events are encoded: "json" (the whole event), "text" (the `message` field), or a table ' +
    '{ codec, only_fields, except_fields, timestamp_format }. Unset: dynamic — structured (parsed) ' +
    'events as JSON, unstructured ones as text, so raw lines pass through unchanged.',
  oneOf: [
    { type: 'string', enum: ['json', 'text'] },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        codec: {
          type: 'string',
          enum: ['json', 'text'],
          description: 'The codec; unset means dynamic (json for structured events, text otherwise).',
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
          enum: ['rfc3339', 'unix'],
          default: 'rfc3339',
          description: 'How Date values are written by json.',
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
  const json = jsonEncoder(table.only_fields, table.except_fields, table.timestamp_format ?? 'rfc3339');
  const encodeToString =
    table.codec === 'json'
      ? json
      : table.codec === 'text'
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
  if (typeof value === 'object') return JSON.stringify(value, dateReplacer('rfc3339'));
  return String(value);
}

function dateReplacer(format: TimestampFormat) {
  return function replace(this: Record<string, unknown>, key: string, value: unknown): unknown {
    const original = this[key];
    if (original instanceof Date)
      return format === 'unix' ? original.getTime() / 1000 : original.toISOString();
    return value;
  };
}

function jsonEncoder(
  onlyFields: readonly string[] | undefined,
  exceptFields: readonly string[] | undefined,
  timestampFormat: TimestampFormat,
): (event: LogEvent) => string {
  // Date.prototype.toJSON already gives RFC 3339, so only unix needs the (slower) replacer.
  const replacer = timestampFormat === 'unix' ? dateReplacer('unix') : undefined;
  const select = fieldSelector(onlyFields, exceptFields);
  return (event) => JSON.stringify(select(event.fields), replacer);
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
