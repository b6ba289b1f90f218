import { type FieldMap, FloatValue } from '@sluice/component-api';
import type { TimestampFormat } from './config.js';
import { EncodingError } from './errors.js';
import { floatOf, RawNumber, type TimestampWriter } from './scalars.js';

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
export function gelfEncoder(
  write: TimestampWriter,
  json: (value: unknown, level?: number) => string,
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
