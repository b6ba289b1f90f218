import type { JsonSchema } from '@sluice/component-api';

export type OversizedAction = 'drop' | 'truncate';

export interface NewlineFramerOptions {
  /** Longest line kept, in bytes (without the newline). */
  maxLength: number;
  oversizedAction: OversizedAction;
}

/** What one chunk produced: the complete lines, and how many over-long lines were dropped or truncated. */
export interface FramedChunk {
  lines: string[];
  /** Total bytes of the lines, for `*_event_bytes` metrics. */
  bytes: number;
  oversized: number;
}

export const DEFAULT_MAX_LENGTH = 102_400;

export const framingOptionSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'How the byte stream is split into events.',
  properties: {
    method: {
      type: 'string',
      enum: ['newline_delimited'],
      default: 'newline_delimited',
      description: 'Only newline-delimited framing is supported.',
    },
    newline_delimited: {
      type: 'object',
      additionalProperties: false,
      description: 'Options of newline-delimited framing.',
      properties: {
        max_length: {
          type: 'integer',
          minimum: 1,
          description: 'Longest line in bytes; longer lines are dropped or truncated. Default 102400.',
        },
        oversized_action: {
          type: 'string',
          enum: ['drop', 'truncate'],
          default: 'drop',
          description: 'What to do with a line longer than max_length.',
        },
      },
    },
  },
};

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const EMPTY = Buffer.alloc(0);

/**
 * Splits a byte stream on `\n` with `indexOf` + `subarray` (no readline: measured 1.7x slower),
 * strips a trailing `\r`, and decodes UTF-8 replacing invalid bytes (never throws). An over-long
 * line is dropped (its bytes discarded up to the next newline, never buffered) or truncated; the
 * lines after it are unaffected.
 */
export class NewlineFramer {
  readonly #maxLength: number;
  readonly #truncate: boolean;
  #pending: Buffer[] = [];
  #pendingLength = 0;
  /** Inside an over-long line: discard until the next newline. */
  #discarding = false;

  constructor(options: NewlineFramerOptions) {
    this.#maxLength = options.maxLength;
    this.#truncate = options.oversizedAction === 'truncate';
  }

  /** Feeds one chunk; returns the complete lines it finished. */
  push(chunk: Buffer): FramedChunk {
    const result: FramedChunk = { lines: [], bytes: 0, oversized: 0 };
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline === -1) break;
      this.#finishLine(chunk, start, newline, result);
      start = newline + 1;
    }
    if (start < chunk.length) this.#keep(chunk.subarray(start), result);
    return result;
  }

  /** The last unterminated line, at end of stream. */
  end(): FramedChunk {
    const result: FramedChunk = { lines: [], bytes: 0, oversized: 0 };
    if (this.#pendingLength > 0 && !this.#discarding) this.#finishLine(EMPTY, 0, 0, result);
    this.#reset();
    return result;
  }

  /**
   * Drops the unfinished line after an abnormal end (a reset): its end never arrived, so it is not
   * a complete event. Returns whether there was one.
   */
  discard(): boolean {
    const hadPartial = this.#pendingLength > 0 && !this.#discarding;
    this.#reset();
    return hadPartial;
  }

  /**
   * Ends the line whose last bytes are `source[start, end)`. Decoded straight from the chunk, with
   * no Buffer view per line: at a million lines a second, the views cost more than the decoding.
   */
  #finishLine(source: Buffer, start: number, end: number, result: FramedChunk): void {
    if (this.#discarding) {
      this.#reset();
      return;
    }
    let line = source;
    let from = start;
    let to = end;
    if (this.#pendingLength > 0) {
      line = Buffer.concat([...this.#pending, source.subarray(start, end)]);
      from = 0;
      to = line.length;
      this.#reset();
    }
    if (to > from && line[to - 1] === CARRIAGE_RETURN) to -= 1;
    if (to - from > this.#maxLength) {
      result.oversized += 1;
      if (!this.#truncate) return;
      to = from + this.#maxLength;
    }
    result.lines.push(line.toString('utf8', from, to));
    result.bytes += to - from;
  }

  #keep(part: Buffer, result: FramedChunk): void {
    if (this.#discarding) return;
    // +1: a trailing `\r` may still be stripped when the newline arrives.
    if (this.#pendingLength + part.length > this.#maxLength + 1) {
      result.oversized += 1;
      if (this.#truncate) {
        const kept = Buffer.concat([...this.#pending, part]).subarray(0, this.#maxLength);
        result.lines.push(kept.toString('utf8'));
        result.bytes += kept.length;
      }
      this.#pending = [];
      this.#pendingLength = 0;
      this.#discarding = true;
      return;
    }
    // Copy: the chunk's memory belongs to the socket and is reused.
    this.#pending.push(Buffer.from(part));
    this.#pendingLength += part.length;
  }

  #reset(): void {
    this.#pending = [];
    this.#pendingLength = 0;
    this.#discarding = false;
  }
}
