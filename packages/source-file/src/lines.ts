/**
 * Where a file's reading stands between two reads: the next unread byte (a line start), or inside a
 * line longer than `max_line_bytes` that is being skipped until its delimiter.
 */
export interface LineState {
  /** Skipping an over-long line that started at `discardStart`. */
  discarding: boolean;
  discardStart: number;
}

export interface SplitOptions {
  delimiter: Buffer;
  /** Stop after this many lines (the rest of `data` is left unconsumed, read again). Default: all. */
  maxLines?: number;
  /** 2 for UTF-16: a delimiter counts only at an even file offset (never across two characters). */
  unit: 1 | 2;
  maxLineBytes: number;
}

export interface SplitResult {
  /** Bytes of `data` used up: complete lines, delimiters and skipped bytes. The rest is read again. */
  consumed: number;
  /** No line ends in `data` and it holds one unfinished line filling it: read more at once. */
  lineFillsBuffer: boolean;
  /** Stopped at `maxLines`: `data` holds more lines. */
  stopped?: boolean;
}

/**
 * Splits `data` (the file's bytes from offset `offset`) into lines as Vector's
 * `read_until_with_max_size` does: the delimiter is not part of the line; a line longer than
 * `maxLineBytes` is skipped whole, up to its delimiter, and reported through `onDiscard` with its
 * start offset; an unfinished last line is left unconsumed (read again next time, when it may be
 * complete). `onLine` gets offsets into `data`.
 */
export function splitLines(
  data: Buffer,
  offset: number,
  state: LineState,
  options: SplitOptions,
  onLine: (start: number, end: number) => void,
  onDiscard: (lineStart: number) => void,
): SplitResult {
  const { delimiter, unit, maxLineBytes } = options;
  const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY;
  let lines = 0;
  const delimiterLength = delimiter.length;
  const find = (from: number): number => {
    let index = data.indexOf(delimiter, from);
    while (index !== -1 && unit === 2 && (offset + index) % 2 !== 0)
      index = data.indexOf(delimiter, index + 1);
    return index;
  };
  let lineStart = 0;
  for (;;) {
    const end = find(lineStart);
    if (state.discarding) {
      if (end === -1) {
        // Keep the bytes that may begin a delimiter split across two reads.
        let keep = Math.max(lineStart, data.length - (delimiterLength - 1));
        if (unit === 2 && (offset + keep) % 2 !== 0) keep -= 1;
        return { consumed: Math.max(lineStart, keep), lineFillsBuffer: false };
      }
      state.discarding = false;
      onDiscard(state.discardStart);
      lineStart = end + delimiterLength;
      continue;
    }
    if (end === -1) {
      const unfinished = data.length - lineStart;
      if (unfinished > maxLineBytes + delimiterLength - 1) {
        state.discarding = true;
        state.discardStart = offset + lineStart;
        continue;
      }
      return { consumed: lineStart, lineFillsBuffer: lineStart === 0 && unfinished > 0 };
    }
    if (end - lineStart > maxLineBytes) onDiscard(offset + lineStart);
    else {
      onLine(lineStart, end);
      lines += 1;
    }
    lineStart = end + delimiterLength;
    if (lines >= maxLines) return { consumed: lineStart, lineFillsBuffer: false, stopped: true };
  }
}
