import {
  type FieldMap,
  type FieldValue,
  floatValue,
  isFieldMap,
  type JsonSchema,
  numberOf,
} from '@sluice/component-api';
import { parseSyslogLine } from './codecs/syslog/syslog-line.js';
import { parseJsonExact, type UnsignedBeyondI64 } from './json-numbers.js';

export type DecodingCodec = 'bytes' | 'json' | 'gelf' | 'native_json' | 'syslog';

/** Vector's `decoding` table of the sources (`lib/codecs/src/decoding/format`). */
export interface DecodingConfig {
  codec?: DecodingCodec;
  json?: { lossy?: boolean };
  gelf?: { lossy?: boolean; validation?: 'strict' | 'relaxed' };
  native_json?: { lossy?: boolean };
  syslog?: { lossy?: boolean };
}

const lossyOption = {
  type: 'boolean',
  default: true,
  description:
    'true: invalid UTF-8 is replaced with U+FFFD; false: a frame of invalid UTF-8 is dropped and counted as a decoding error, as Vector.',
};
const lossyOnly = (codec: string) => ({
  type: 'object',
  additionalProperties: false,
  description: `Options of the ${codec} codec.`,
  properties: { lossy: lossyOption },
});

export const decodingOptionSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: "How each frame becomes an event (Vector's decoding).",
  properties: {
    codec: {
      type: 'string',
      enum: ['bytes', 'json', 'gelf', 'native_json', 'syslog'],
      default: 'bytes',
      description:
        'bytes: the frame is the message (unstructured); json: a JSON object (or array of objects) is the event; gelf: a GELF message; native_json: Vector\'s native JSON ({"log": {...}}); syslog: RFC 5424 / RFC 3164.',
    },
    json: lossyOnly('json'),
    native_json: lossyOnly('native_json'),
    syslog: lossyOnly('syslog'),
    gelf: {
      type: 'object',
      additionalProperties: false,
      description: 'Options of the gelf codec.',
      properties: {
        lossy: lossyOption,
        validation: {
          type: 'string',
          enum: ['strict', 'relaxed'],
          default: 'strict',
          description:
            'strict rejects a version other than "1.1" and additional fields without a leading "_".',
        },
      },
    },
  },
};

/** Fields of the events one frame decodes to, or the reason it could not be decoded. */
export type DecodeResult = FieldMap[] | Error;

/** A frame decoder; `undefined` for `bytes`, which the sources keep on their fast path. */
export type Decoder = ((frame: string) => DecodeResult) | undefined;

/** The gelf codec's default stream framing in Vector: `\0`-delimited. */
export function defaultDelimiterOf(config: DecodingConfig | undefined): string | undefined {
  return config?.codec === 'gelf' ? '\u0000' : undefined;
}

export function createDecoder(config: DecodingConfig | undefined): Decoder {
  switch (config?.codec ?? 'bytes') {
    case 'bytes':
      return undefined;
    case 'json':
      return decodeJson;
    case 'native_json':
      return decodeNativeJson;
    case 'gelf':
      return (frame) => decodeGelf(frame, config?.gelf?.validation ?? 'strict');
    case 'syslog':
      return decodeSyslog;
  }
  return undefined;
}

/** A JSON object (not a list, nor a whole float's marker). */
const isObject = (value: unknown): value is FieldMap => isFieldMap(value);

/**
 * serde_json's reading (numbers exact, see json-numbers.ts). An integer beyond i64 within u64 is a
 * string for the json and gelf codecs (vrl's `From<serde_json::Value>`), a float for native_json
 * (serde's visitor).
 */
function parseJson(frame: string, unsignedBeyondI64: UnsignedBeyondI64 = 'string'): unknown {
  try {
    return parseJsonExact(frame, { unsignedBeyondI64 });
  } catch (error) {
    return new Error(`Error parsing JSON: ${(error as Error).message}`);
  }
}

/** Vector's json codec: an object is one event, an array of objects is one event each. */
function decodeJson(frame: string): DecodeResult {
  const value = parseJson(frame);
  if (value instanceof Error) return value;
  if (isObject(value)) return [value];
  if (Array.isArray(value) && value.every(isObject)) return value;
  return new Error('JSON value is not an object or an array of objects');
}

/** Vector's native_json codec: `{"log": {...}}` (metrics and traces are not events here). */
function decodeNativeJson(frame: string): DecodeResult {
  const value = parseJson(frame, 'float');
  if (value instanceof Error) return value;
  const items = Array.isArray(value) ? value : [value];
  const events: FieldMap[] = [];
  for (const item of items) {
    if (!isObject(item) || !isObject(item.log))
      return new Error('native_json: only {"log": {...}} events are supported');
    events.push(item.log);
  }
  return events;
}

const GELF_VALID_FIELD = /^[\w.-]*$/;

/** Vector's gelf codec: short_message becomes message; `_`-fields are kept by name, `_id` dropped. */
function decodeGelf(frame: string, validation: 'strict' | 'relaxed'): DecodeResult {
  const value = parseJson(frame);
  if (value instanceof Error) return value;
  if (!isObject(value)) return new Error('GELF message is not a JSON object');
  const { version, host, short_message, full_message, timestamp, level, facility, line, file, ...rest } =
    value;
  if (typeof short_message !== 'string') return new Error('GELF message has no short_message');
  if (typeof host !== 'string') return new Error('GELF message has no host');
  if (validation === 'strict' && version !== '1.1')
    return new Error('version does not match GELF spec version (1.1)');
  const fields: FieldMap = { message: short_message, version: String(version), host };
  if (full_message !== undefined) fields.full_message = full_message as FieldValue;
  const seconds = numberOf(timestamp);
  if (seconds !== undefined) fields.timestamp = new Date(seconds * 1000);
  if (level !== undefined) fields.level = level as FieldValue;
  if (facility !== undefined) fields.facility = facility as FieldValue;
  // Vector reads `line` as an f64: `42` becomes the float 42.0.
  const lineNumber = numberOf(line);
  if (lineNumber !== undefined) fields.line = floatValue(lineNumber);
  else if (line !== undefined) fields.line = line as FieldValue;
  if (file !== undefined) fields.file = file as FieldValue;
  for (const [key, field] of Object.entries(rest)) {
    if (key === '_id') continue;
    if (validation === 'strict' && (!key.startsWith('_') || !GELF_VALID_FIELD.test(key)))
      return new Error(`'${key}' field is invalid`);
    fields[key] = field as FieldValue;
  }
  return [fields];
}

/**
 * Vector's syslog codec: RFC 5424 and RFC 3164 as `syslog_loose` reads them (the parser VRL's
 * `parse_syslog` uses); a line that is neither becomes the message.
 */
function decodeSyslog(frame: string): DecodeResult {
  return [parseSyslogLine(frame) ?? { message: frame.trim() }];
}
