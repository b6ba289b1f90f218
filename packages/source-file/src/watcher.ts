import type { Counter } from '@sluice/component-api';
import { TAIL_BYTES, type TailMark, tailMarkOf } from './checkpoints.js';
import type { LineState } from './lines.js';
import type { LogicalFile } from './logical-file.js';
import type { Aggregate } from './multiline.js';

/** Vector's read backoff at the end of a file: 1 ms doubling to 250 ms; 10 s once quiet for 10 s. */
export const EOF_BACKOFF_MIN_MS = 1;
export const EOF_BACKOFF_MAX_MS = 250;
export const QUIET_AFTER_MS = 10_000;

/** Streaming decompression of a gzip file (read once, from the start, never tailed). */
export interface GzipReading {
  chunks: AsyncIterator<Buffer>;
  carry: Buffer;
  /** The last step stopped with lines left in `carry`. */
  more: boolean;
}

/** One inode being read: where it is, its descriptor (opened lazily), where reading stands. */
export class Watcher {
  fd: number | undefined;
  logical: LogicalFile | undefined;
  position: number;
  /** The (up to) `TAIL_BYTES` bytes before `position`: re-read and compared before each read. */
  readonly tail = Buffer.alloc(TAIL_BYTES);
  tailLength = 0;
  readonly line: LineState = { discarding: false, discardStart: 0 };
  discardTail: TailMark | undefined;
  size: number;
  findable = true;
  unfindableSince: number | undefined;
  lastData: number;
  lastAttempt = 0;
  nextPoll = 0;
  retryDelay = EOF_BACKOFF_MIN_MS;
  atEnd = false;
  /** Discovery saw the file larger than `position`. */
  hasData = true;
  needsLargeRead = false;
  aggregate: (Aggregate & { startTail: TailMark | undefined }) | undefined;
  gzip: GzipReading | undefined;
  isGzip = false;
  /** Nothing more to read: a gzip file read to its end, or one Vector would not read. */
  finished = false;
  fileTags: { bytes: Counter; events: Counter; eventBytes: Counter } | undefined;

  constructor(
    public path: string,
    readonly dev: number,
    readonly ino: number,
    stats: { size: number; mtimeMs: number },
    readonly age: readonly [number, number],
  ) {
    this.position = 0;
    this.size = stats.size;
    this.lastData = stats.mtimeMs;
  }

  get key(): string {
    return `${this.dev}:${this.ino}`;
  }

  /** Where the checkpoint may safely stand: never inside an open message or a line being skipped. */
  safeEnd(): { end: number; tail: TailMark | undefined } {
    if (this.aggregate !== undefined) return { end: this.aggregate.start, tail: this.aggregate.startTail };
    if (this.line.discarding) return { end: this.line.discardStart, tail: this.discardTail };
    return { end: this.position, tail: tailMarkOf(this.tail.subarray(0, this.tailLength)) };
  }
}

/** How old a file is for `oldest_first`: created first, or (created in the same tick) modified first. */
export function ageOf(stats: { birthtimeMs: number; mtimeMs: number }): [number, number] {
  return [stats.birthtimeMs > 0 ? stats.birthtimeMs : stats.mtimeMs, stats.mtimeMs];
}

export function olderFirst(first: readonly [number, number], second: readonly [number, number]): number {
  return first[0] - second[0] || first[1] - second[1];
}
