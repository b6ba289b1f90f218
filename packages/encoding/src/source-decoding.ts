import {
  type ComponentContext,
  createLogEvent,
  EVENT_OVERHEAD_BYTES,
  type FieldMap,
  type FieldValue,
  type LogEvent,
  rateLimitedLog,
} from '@sluice/component-api';
import { createDecoder, type DecodingConfig, defaultDelimiterOf } from './decoding.js';
import {
  createFramer,
  type FramedChunk,
  type Framer,
  type FramerDefaults,
  type FramingConfig,
  frameLengthLimit,
  MAX_FRAME_LENGTH_CEILING,
} from './framing.js';

/** The per-event overhead of `byteSize` and `*_event_bytes`: component-api's, re-exported for the sources. */
export { EVENT_OVERHEAD_BYTES } from '@sluice/component-api';

export interface SourceDecodingOptions {
  framing?: FramingConfig;
  decoding?: DecodingConfig;
  /** The sources' old top-level `max_length` (newline framing). */
  legacyMaxLength?: number;
}

/** The codec's `lossy = false`: invalid UTF-8 is an error, as in Vector, instead of U+FFFD. */
function isStrictUtf8(decoding: DecodingConfig | undefined): boolean {
  const codec = decoding?.codec ?? 'bytes';
  return codec !== 'bytes' && decoding?.[codec]?.lossy === false;
}

/**
 * The framing and decoding of one source (socket, stdin, demo_logs): one framer per stream, frames
 * to events, and the counting and rate-limited logging of every frame that is dropped. The `bytes`
 * codec (the default) keeps the fast path: the frame is the message and the event is unstructured.
 */
export class SourceDecoding {
  readonly #options: SourceDecodingOptions;
  readonly #decoder: ReturnType<typeof createDecoder>;
  readonly #receivedEvents;
  readonly #receivedEventBytes;
  readonly #oversized;
  readonly #invalid;
  readonly #parseFailed;
  readonly #discarded;
  readonly #warnOversized;
  readonly #warnInvalid;
  readonly #warnParse;
  readonly #maxLengthText: string;
  /** Over-long frames are truncated (and delivered) rather than dropped. */
  readonly #truncates: boolean;

  constructor(options: SourceDecodingOptions, context: Pick<ComponentContext, 'metrics' | 'logger'>) {
    this.#options = options;
    this.#decoder = createDecoder(options.decoding);
    const { metrics, logger } = context;
    this.#receivedEvents = metrics.counter('component_received_events_total');
    this.#receivedEventBytes = metrics.counter('component_received_event_bytes_total');
    this.#oversized = metrics.counter('component_errors_total', {
      error_type: 'oversized_line',
      stage: 'receiving',
    });
    this.#invalid = metrics.counter('component_errors_total', {
      error_code: 'decoder_frame',
      error_type: 'parser_failed',
      stage: 'processing',
    });
    this.#parseFailed = metrics.counter('component_errors_total', {
      error_code: 'decoder_deserialize',
      error_type: 'parser_failed',
      stage: 'processing',
    });
    this.#discarded = metrics.counter('component_discarded_events_total', { intentional: 'false' });
    this.#warnOversized = rateLimitedLog(logger, 'warn');
    this.#warnInvalid = rateLimitedLog(logger, 'warn');
    this.#warnParse = rateLimitedLog(logger, 'warn');
    const framing = options.framing;
    const maxLength = frameLengthLimit(framing, this.#framerDefaults());
    const method = framing?.method ?? 'newline_delimited';
    this.#truncates =
      (method === 'newline_delimited' && framing?.newline_delimited?.oversized_action === 'truncate') ||
      (method === 'character_delimited' && framing?.character_delimited?.oversized_action === 'truncate');
    this.#maxLengthText = `max_length (${maxLength} bytes)`;
    const configured = [
      framing?.newline_delimited?.max_length,
      framing?.character_delimited?.max_length,
      framing?.octet_counting?.max_length,
      framing?.length_delimited?.max_frame_length,
      framing?.max_frame_length,
      options.legacyMaxLength,
    ];
    if (configured.some((length) => length !== undefined && length > MAX_FRAME_LENGTH_CEILING))
      logger.warn(
        `a frame length limit above ${MAX_FRAME_LENGTH_CEILING} bytes is lowered to it: no frame may be longer`,
      );
  }

  /** Whether events are structured (parsed by a codec) rather than a raw line. */
  get structured(): boolean {
    return this.#decoder !== undefined;
  }

  newFramer(): Framer {
    return createFramer(this.#options.framing, this.#framerDefaults());
  }

  #framerDefaults(): FramerDefaults {
    return {
      legacyMaxLength: this.#options.legacyMaxLength,
      defaultDelimiter: defaultDelimiterOf(this.#options.decoding),
      strictUtf8: isStrictUtf8(this.#options.decoding),
    };
  }

  /** Counts and logs the frames a chunk dropped; `peer` names the sender in the log line. */
  account(framed: FramedChunk, peer?: string): void {
    if (framed.oversized > 0) {
      this.#oversized.increment(framed.oversized);
      if (!this.#truncates) this.#discarded.increment(framed.oversized);
      this.#warnOversized(
        `frame longer than ${this.#maxLengthText} ${this.#truncates ? 'truncated' : 'dropped'}`,
        {
          ...(peer === undefined ? {} : { peer }),
          lines: framed.oversized,
        },
      );
    }
    if (framed.invalidUtf8 !== undefined && framed.invalidUtf8 > 0) {
      this.#parseFailed.increment(framed.invalidUtf8);
      this.#discarded.increment(framed.invalidUtf8);
      this.#warnParse('failed deserializing frame: invalid UTF-8 (lossy = false): event dropped', {
        ...(peer === undefined ? {} : { peer }),
        frames: framed.invalidUtf8,
      });
    }
    if (framed.invalid !== undefined && framed.invalid > 0) {
      this.#invalid.increment(framed.invalid);
      this.#discarded.increment(framed.invalid);
      this.#warnInvalid('failed framing bytes: frame dropped', {
        ...(peer === undefined ? {} : { peer }),
        frames: framed.invalid,
      });
    }
  }

  /**
   * The events of `frames`. `context` names the fields every event gets (timestamp, source_type,
   * host, …); a codec's own fields win over them, as in Vector's legacy namespace.
   */
  toEvents(frames: readonly string[], context: FieldMap): LogEvent[] {
    const events: LogEvent[] = [];
    let bytes = 0;
    if (this.#decoder === undefined) {
      for (const message of frames) {
        const fields: FieldMap = { message };
        for (const key in context) fields[key] = context[key] as FieldValue;
        const byteSize = message.length + EVENT_OVERHEAD_BYTES;
        bytes += byteSize;
        events.push(createLogEvent(fields, { byteSize }));
      }
    } else {
      for (const frame of frames) {
        const decoded = this.#decoder(frame);
        if (decoded instanceof Error) {
          this.#parseFailed.increment();
          this.#discarded.increment();
          this.#warnParse('failed deserializing frame: event dropped', { error: decoded.message });
          continue;
        }
        for (const fields of decoded) {
          for (const key in context) if (!(key in fields)) fields[key] = context[key] as FieldValue;
          const byteSize = frame.length + EVENT_OVERHEAD_BYTES;
          bytes += byteSize;
          events.push(createLogEvent(fields, { byteSize, structured: true }));
        }
      }
    }
    if (events.length > 0) {
      this.#receivedEvents.increment(events.length);
      this.#receivedEventBytes.increment(bytes);
    }
    return events;
  }
}
