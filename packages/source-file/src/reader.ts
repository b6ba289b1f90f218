import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { currentTimestamp } from '@sluice/component-api';
import { BATCH_EVENTS, type PendingBatch } from './batch.js';
import { TAIL_BYTES, type TailMark, tailMarkOf } from './checkpoints.js';
import type { EventMaker } from './events.js';
import type { FileOperations } from './io.js';
import { type SplitOptions, splitLines } from './lines.js';
import type { LogicalFile } from './logical-file.js';
import { aggregateLine, merged, type PositionedLine } from './multiline.js';
import { type Reporter, readFailed } from './reporting.js';
import type { FileServerSettings } from './settings.js';
import type { Watcher } from './watcher.js';

/**
 * Bytes asked for by one read (besides the tail re-read before the position): about a batch of
 * lines (`BATCH_EVENTS` lines of the average length seen), between 16 and 256 KiB. Large reads
 * cost less CPU per line (256 KiB: 30 % less than 64 KiB); a batch-sized one keeps the events in
 * flight, and the memory they take, bounded whatever the line length. A read never makes more than
 * `2 × BATCH_EVENTS` events (the rest is read again).
 */
const MIN_CHUNK_BYTES = 16 * 1024;
const MAX_CHUNK_BYTES = 256 * 1024;

/** What the reader does when a file holds less, or other bytes, before the read position. */
export type OnTruncated = (watcher: Watcher, batch: PendingBatch, how: 'shrank' | 'rewritten') => void;

/**
 * Reads a file at its position: chunks (checked against the tail bytes before the position, to
 * see a truncation), or a gzip stream; splits them into lines, joins multiline messages, and
 * records on the batch how far the checkpoint may move once its events are finalized.
 */
export class Reader {
  readonly #settings: FileServerSettings;
  readonly #files: FileOperations;
  readonly #reporter: Reporter;
  readonly #events: EventMaker;
  readonly #onTruncated: OnTruncated;
  readonly #split: SplitOptions;
  #readBuffer = Buffer.allocUnsafe(TAIL_BYTES + MAX_CHUNK_BYTES);
  /** Average length of the lines read (with their delimiter), for the size of the next read. */
  #averageLine = 64;

  constructor(
    settings: FileServerSettings,
    files: FileOperations,
    reporter: Reporter,
    events: EventMaker,
    onTruncated: OnTruncated,
  ) {
    this.#settings = settings;
    this.#split = { ...settings.split, maxLines: 2 * BATCH_EVENTS };
    this.#files = files;
    this.#reporter = reporter;
    this.#events = events;
    this.#onTruncated = onTruncated;
  }

  /** One read at the position (and the tail before it, to see a truncation or a rewrite). */
  async readChunk(
    watcher: Watcher,
    batch: PendingBatch,
    final = false,
  ): Promise<{ consumed: number; atEnd: boolean } | 'truncated' | 'error'> {
    const tailLength = watcher.tailLength;
    const split = this.#settings.split;
    const want = watcher.needsLargeRead
      ? Math.max(MAX_CHUNK_BYTES, split.maxLineBytes + split.delimiter.length)
      : watcher.line.discarding
        ? MAX_CHUNK_BYTES // skipping an over-long line makes no events: large reads
        : Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, Math.round(this.#averageLine * BATCH_EVENTS)));
    if (this.#readBuffer.length < tailLength + want) this.#readBuffer = Buffer.allocUnsafe(tailLength + want);
    const buffer = this.#readBuffer;
    let bytesRead: number;
    try {
      bytesRead = await this.#files.read(
        watcher.fd as number,
        buffer,
        tailLength + want,
        watcher.position - tailLength,
      );
    } catch (error) {
      readFailed(this.#reporter, watcher, error);
      return 'error';
    }
    if (bytesRead < tailLength || buffer.compare(watcher.tail, 0, tailLength, 0, tailLength) !== 0) {
      this.#onTruncated(watcher, batch, bytesRead < tailLength ? 'shrank' : 'rewritten');
      return 'truncated';
    }
    const data = buffer.subarray(tailLength, bytesRead);
    const full = bytesRead === tailLength + want;
    // What the file holds, as far as this read saw: counted as lost if the file goes before it is read.
    watcher.size = Math.max(watcher.size, watcher.position + data.length);
    const { consumed, fillsBuffer, stopped } = this.#consume(watcher, batch, data, final && !full);
    if (consumed > 0) {
      const position = watcher.position + consumed;
      const length = Math.min(TAIL_BYTES, position);
      // `buffer` starts `tailLength` bytes before the old position.
      const from = tailLength + consumed - length;
      buffer.copy(watcher.tail, 0, from, from + length);
      watcher.tailLength = length;
      watcher.position = position;
    }
    this.#reporter.metrics.receivedBytes.increment(consumed);
    if (this.#settings.includeFileTag) this.#events.fileTags(watcher).bytes.increment(consumed);
    // One unfinished line fills the whole read: read it again at once, large enough for max_line_bytes.
    watcher.needsLargeRead = fillsBuffer && full && !watcher.needsLargeRead;
    if (watcher.needsLargeRead || stopped) return { consumed, atEnd: false };
    return { consumed, atEnd: !full || consumed === 0 };
  }

  /**
   * Turns the complete lines of `data` (the file from the watcher's position) into events on the
   * batch and records how far the file was used. `final`: the file is done, so an unfinished last
   * line is a line. `fillsBuffer`: one unfinished line takes all of `data`.
   */
  #consume(
    watcher: Watcher,
    batch: PendingBatch,
    data: Buffer,
    final: boolean,
  ): { consumed: number; fillsBuffer: boolean; stopped: boolean } {
    const settings = this.#settings;
    const base = watcher.position;
    const timestamp = currentTimestamp();
    const eventsBefore = batch.events.length;
    let invalidUtf8 = 0;
    // One check of the whole read (fast); line by line only when it holds invalid bytes.
    const ascii = settings.decode === undefined && isAscii(data);
    const checkUtf8 = settings.decode === undefined && !ascii && !isUtf8(data);
    // ASCII (most logs): the read is made one string, each line a slice of it (byte offsets are
    // character offsets), instead of one UTF-8 decode per line.
    let whole: string | undefined;
    const textOf = (start: number, end: number): string => {
      if (ascii) {
        whole ??= data.toString('latin1');
        return whole.slice(start, end);
      }
      if (settings.decode !== undefined) return settings.decode(data.subarray(start, end));
      if (checkUtf8 && !isUtf8(data.subarray(start, end))) invalidUtf8 += 1;
      return data.toString('utf8', start, end);
    };
    /** The tail mark at a file offset within this read (the bytes before it: in `data` or the tail). */
    const markAt = (offset: number): TailMark => {
      const inData = offset - base;
      const length = Math.min(TAIL_BYTES, offset);
      if (inData >= length) return tailMarkOf(data.subarray(inData - length, inData));
      const fromTail = Math.min(length - inData, watcher.tailLength);
      return tailMarkOf(
        Buffer.concat([
          watcher.tail.subarray(watcher.tailLength - fromTail, watcher.tailLength),
          data.subarray(0, inData),
        ]),
      );
    };
    const onLine = (start: number, end: number, delimiterLength = settings.split.delimiter.length) => {
      if (settings.multiline === undefined) {
        this.#events.add(watcher, batch, textOf(start, end), base + start, timestamp);
        return;
      }
      const line: PositionedLine = {
        text: textOf(start, end),
        start: base + start,
        end: base + end + delimiterLength,
      };
      const open = aggregateLine(settings.multiline, watcher.aggregate, line, Date.now(), (message) =>
        this.#events.add(watcher, batch, message.text, message.start, timestamp),
      );
      if (open === undefined) watcher.aggregate = undefined;
      else if (open !== watcher.aggregate)
        watcher.aggregate = Object.assign(open, { startTail: markAt(line.start) });
    };
    const onDiscard = (lineStart: number) => {
      this.#reporter.metrics.discarded.increment();
      this.#reporter.metrics.errors('reading_line_from_file', 'condition_failed').increment();
      this.#reporter.report('too-long', 'error', 'found line that exceeds max_line_bytes; discarding', {
        file: watcher.path,
        offset: lineStart,
        configured_limit: settings.split.maxLineBytes,
      });
    };
    const wasDiscarding = watcher.line.discarding;
    const result = splitLines(data, base, watcher.line, this.#split, onLine, onDiscard);
    if (watcher.line.discarding && !wasDiscarding) watcher.discardTail = markAt(watcher.line.discardStart);
    let consumed = result.consumed;
    if (final && consumed < data.length && result.stopped !== true) {
      if (watcher.line.discarding) {
        watcher.line.discarding = false;
        onDiscard(watcher.line.discardStart);
      } else if (data.length - consumed > settings.split.maxLineBytes) onDiscard(base + consumed);
      else onLine(consumed, data.length, 0);
      consumed = data.length;
    }
    if (invalidUtf8 > 0) {
      this.#reporter.metrics.errors('invalid_utf8', 'conversion_failed').increment(invalidUtf8);
      this.#reporter.report(
        'utf8',
        'warn',
        'lines of invalid UTF-8: the invalid bytes are replaced with U+FFFD',
        {
          file: watcher.path,
          lines: invalidUtf8,
        },
      );
    }
    const events = batch.events.length - eventsBefore;
    const logical = watcher.logical;
    if (events > 0 && logical !== undefined) batch.files.add(logical);
    if (events > 0) this.#averageLine = (this.#averageLine * 3 + consumed / events) / 4;
    if ((consumed > 0 || events > 0) && logical !== undefined) {
      // How far this read leaves the file; settled by the batch's finalizer (at once if no event).
      const end =
        watcher.aggregate !== undefined
          ? { end: watcher.aggregate.start, tail: watcher.aggregate.startTail }
          : watcher.line.discarding
            ? { end: watcher.line.discardStart, tail: watcher.discardTail }
            : { end: base + consumed, tail: markAt(base + consumed) };
      this.#addSegment(batch, logical, end.end, end.tail, !batch.files.has(logical));
    }
    return { consumed, fillsBuffer: result.lineFillsBuffer, stopped: result.stopped === true };
  }

  #addSegment(
    batch: PendingBatch,
    logical: LogicalFile,
    end: number,
    tail: TailMark | undefined,
    nothingPending: boolean,
  ): void {
    const segment = logical.segment(end, tail, nothingPending);
    if (segment === undefined || nothingPending) return;
    batch.segments.push(segment);
    batch.files.add(logical);
  }

  async readGzip(
    watcher: Watcher,
    batch: PendingBatch,
  ): Promise<{ consumed: number; atEnd: boolean } | 'error'> {
    if (watcher.gzip === undefined) {
      const stream = createReadStream('', { fd: watcher.fd as number, autoClose: false, start: 0 }).pipe(
        createGunzip(),
      );
      watcher.gzip = {
        chunks: stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>,
        carry: Buffer.alloc(0),
        more: false,
      };
    }
    const gzip = watcher.gzip;
    // Lines left over by the last step (it stopped at a batch's worth) go before more is decompressed.
    let next: IteratorResult<Buffer> = { done: false, value: Buffer.alloc(0) };
    if (!gzip.more) {
      try {
        next = await gzip.chunks.next();
      } catch (error) {
        // A damaged or cut gzip file: what decompressed was read; the rest cannot be.
        readFailed(this.#reporter, watcher, error);
        watcher.finished = true;
        return 'error';
      }
    }
    const ended = next.done === true;
    const data = ended ? gzip.carry : Buffer.concat([gzip.carry, next.value as Buffer]);
    const { consumed, stopped } = this.#consume(watcher, batch, data, ended);
    watcher.position += consumed;
    gzip.carry = data.subarray(consumed);
    gzip.more = stopped;
    this.#reporter.metrics.receivedBytes.increment(consumed);
    if (this.#settings.includeFileTag) this.#events.fileTags(watcher).bytes.increment(consumed);
    if (ended && !stopped) {
      watcher.finished = true;
      watcher.gzip = undefined;
    }
    return { consumed, atEnd: ended && !stopped };
  }

  /** The open multiline messages whose `timeout_ms` has passed go out as they are. */
  flushExpiredAggregates(watchers: Iterable<Watcher>, batch: PendingBatch): void {
    if (this.#settings.multiline === undefined) return;
    const now = Date.now();
    for (const watcher of watchers)
      if (watcher.aggregate !== undefined && watcher.aggregate.deadline <= now)
        this.flushAggregate(watcher, batch);
  }

  flushAggregate(watcher: Watcher, batch: PendingBatch): void {
    const aggregate = watcher.aggregate;
    if (aggregate === undefined) return;
    watcher.aggregate = undefined;
    const message = merged(aggregate);
    this.#events.add(watcher, batch, message.text, message.start, currentTimestamp());
    if (watcher.logical !== undefined) batch.files.add(watcher.logical);
    const logical = watcher.logical;
    if (logical !== undefined) {
      const end = watcher.safeEnd();
      this.#addSegment(batch, logical, end.end, end.tail, false);
    }
  }
}
