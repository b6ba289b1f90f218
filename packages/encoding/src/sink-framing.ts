import type { JsonSchema, LogEvent } from '@sluice/component-api';
import { codecOf, type EncodingConfig } from './codecs/config.js';
import { EncodingError } from './codecs/errors.js';
import { createEncoder, type Encoder } from './encoder.js';
import {
  DEFAULT_MAX_FRAME_LENGTH,
  delimiterOption,
  type LengthDelimitedConfig,
  lengthDelimitedSchema,
} from './framing.js';

export type SinkFramingMethod =
  | 'bytes'
  | 'character_delimited'
  | 'length_delimited'
  | 'newline_delimited'
  | 'varint_length_delimited';

/** Vector's `framing` table of the stream sinks (`lib/codecs/src/encoding/framing`). */
export interface SinkFramingConfig {
  method: SinkFramingMethod;
  character_delimited?: { delimiter: string };
  length_delimited?: LengthDelimitedConfig;
  /** varint_length_delimited's limit: at the top of the table, as Vector's. */
  max_frame_length?: number;
}

const maxFrameLength = {
  type: 'integer',
  minimum: 1,
  default: DEFAULT_MAX_FRAME_LENGTH,
  description: 'Longest event in bytes; a longer one is not written (counted and logged).',
};

/** Embed as the `framing` property of a stream sink's options schema. */
export const sinkFramingOptionSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['method'],
  description:
    'How encoded events are delimited in the stream, as Vector. Unset: newline_delimited (gelf: character_delimited with "\\u0000").',
  properties: {
    method: {
      type: 'string',
      enum: [
        'bytes',
        'character_delimited',
        'length_delimited',
        'newline_delimited',
        'varint_length_delimited',
      ],
      description:
        'newline_delimited (a "\\n" after each event), character_delimited (the delimiter after each), length_delimited (a length before each), varint_length_delimited (a protobuf varint length before each), bytes (nothing).',
    },
    character_delimited: {
      type: 'object',
      additionalProperties: false,
      required: ['delimiter'],
      description: 'Options of character_delimited.',
      properties: { delimiter: delimiterOption },
    },
    length_delimited: lengthDelimitedSchema({
      description: 'Options of length_delimited.',
      maxFrameLength,
      offsetDescription: 'Accepted as Vector; like Vector, the encoder writes no header before the length.',
    }),
    max_frame_length: {
      ...maxFrameLength,
      description: `varint_length_delimited: ${maxFrameLength.description}`,
    },
  },
};

/** Adds the frame of one encoded event to `parts` (its bytes and the delimiter or length). */
type Frame = (payload: Buffer, parts: Buffer[]) => void;

const NEWLINE = Buffer.from('\n');

function tooLong(length: number, max: number): EncodingError {
  return new EncodingError(`frame of ${length} bytes is longer than max_frame_length (${max})`);
}

/**
 * The framer `config` asks for; without one, the codec's default on a stream sink (Vector's
 * EncodingConfigWithFraming::build: gelf is `\0`-delimited, every other codec here newline-delimited).
 */
function framerOf(config: SinkFramingConfig | undefined, encoding: EncodingConfig | undefined): Frame {
  const method =
    config?.method ?? (codecOf(encoding) === 'gelf' ? 'character_delimited' : 'newline_delimited');
  switch (method) {
    case 'newline_delimited':
      return (payload, parts) => void parts.push(payload, NEWLINE);
    case 'character_delimited': {
      const delimiter = Buffer.from([(config?.character_delimited?.delimiter ?? '\0').charCodeAt(0)]);
      return (payload, parts) => void parts.push(payload, delimiter);
    }
    case 'bytes':
      return (payload, parts) => void parts.push(payload);
    case 'length_delimited': {
      const options = config?.length_delimited ?? {};
      const fieldLength = options.length_field_length ?? 4;
      const bigEndian = options.length_field_is_big_endian ?? true;
      // tokio's LengthDelimitedCodec: a frame must also fit its length field.
      const max = Math.min(options.max_frame_length ?? DEFAULT_MAX_FRAME_LENGTH, 2 ** (8 * fieldLength) - 1);
      const width = Math.min(fieldLength, 6);
      return (payload, parts) => {
        if (payload.length > max) throw tooLong(payload.length, max);
        // Buffer writes at most 6 bytes of an integer; the high bytes of a wider field stay 0.
        const header = Buffer.alloc(fieldLength);
        if (bigEndian) header.writeUIntBE(payload.length, fieldLength - width, width);
        else header.writeUIntLE(payload.length, 0, width);
        parts.push(header, payload);
      };
    }
    case 'varint_length_delimited': {
      const max = config?.max_frame_length ?? DEFAULT_MAX_FRAME_LENGTH;
      return (payload, parts) => {
        // Vector writes nothing, not even a length, for an empty frame.
        if (payload.length === 0) return;
        if (payload.length > max) throw tooLong(payload.length, max);
        const bytes: number[] = [];
        let length = payload.length;
        while (length >= 0x80) {
          bytes.push((length & 0x7f) | 0x80);
          length >>>= 7;
        }
        bytes.push(length);
        parts.push(Buffer.from(bytes), payload);
      };
    }
  }
}

/** What a batch became: the bytes to write, the events in them, and those that could not be encoded. */
export interface FramedBatch {
  bytes: Buffer;
  /** The events whose frames are in `bytes` (the batch itself when none failed). */
  written: readonly LogEvent[];
  failed: Array<{ event: LogEvent; error: Error }>;
}

export interface FramedEncoder {
  readonly encoder: Encoder;
  encodeBatch(events: readonly LogEvent[]): FramedBatch;
}

/**
 * Vector's `encoding` and `framing` of a stream sink (console, file): each event encoded, then
 * framed. An event the codec or the framer refuses (gelf without `host`, a frame over the length
 * limit, an event nested past the limit), or whose encoding throws anything else, is left out and
 * returned in `failed`; the others are written.
 */
export function createFramedEncoder(
  encoding: EncodingConfig | undefined,
  framing: SinkFramingConfig | undefined,
): FramedEncoder {
  const encoder = createEncoder(encoding);
  const frame = framerOf(framing, encoding);
  return {
    encoder,
    encodeBatch(events) {
      const parts: Buffer[] = [];
      let written: LogEvent[] | undefined;
      const failed: FramedBatch['failed'] = [];
      for (let index = 0; index < events.length; index += 1) {
        const event = events[index] as LogEvent;
        const partsBefore = parts.length;
        try {
          frame(encoder.encode(event), parts);
          written?.push(event);
        } catch (error) {
          // Whatever the codec threw (its refusal, or a value no codec foresaw), only this event fails.
          parts.length = partsBefore;
          written ??= events.slice(0, index);
          failed.push({ event, error: error instanceof Error ? error : new EncodingError(String(error)) });
        }
      }
      return { bytes: Buffer.concat(parts), written: written ?? events, failed };
    },
  };
}
