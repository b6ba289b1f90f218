import type { Batch, FieldValue, LogEvent } from '@sluice/component-api';
import { refuseInvalidOptions } from '@sluice/component-api';
import {
  type Codec,
  type CsvOptions,
  type EncodingConfig,
  encodingProblems,
  type TimestampFormat,
} from './codecs/config.js';
import { csvEncoder } from './codecs/csv.js';
import { fieldSelector, type Selector } from './codecs/fields.js';
import { gelfEncoder } from './codecs/gelf.js';
import { jsonWriter } from './codecs/json.js';
import { logfmt } from './codecs/logfmt.js';
import { type TimestampWriter, timestampWriter } from './codecs/scalars.js';
import { textWriter } from './codecs/text.js';

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

type Serializer = (event: LogEvent, select?: Selector) => string;

function serializerOf(
  codec: Codec | undefined,
  parts: {
    write: TimestampWriter;
    json: (value: unknown, level?: number) => string;
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
      // The wrapper is level 0: the event keeps its own levels.
      return (event, select) => json({ log: fieldsOf(event, select) }, 0);
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
