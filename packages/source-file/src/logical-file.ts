import { type Checkpoint, checkpointLine, type TailMark } from './checkpoints.js';
import type { Watcher } from './watcher.js';

/** A range of a file's lines handed downstream in one batch; done once the batch is finalized. */
export interface Segment {
  end: number;
  tail: TailMark | undefined;
  done: boolean;
}

/**
 * A file as its checkpoint knows it: a fingerprint and how far its lines were delivered. It
 * outlives the watcher of an inode: a truncated file starts a new one, a copy of a file (copytruncate)
 * may continue one, a file renamed while Sluice was down resumes one.
 */
export class LogicalFile {
  /** Everything before `acked` was finalized downstream. */
  acked: number;
  ackedTail: TailMark | undefined;
  modified: number;
  readonly pending: Segment[] = [];
  lastEnd: number;
  watcher: Watcher | undefined;
  /** Without a watcher: where reading stood (a copy continues from here) and what preceded it. */
  position: number;
  tail: TailMark | undefined;
  path: string;
  dev: number;
  ino: number;
  deadSince: number | undefined;
  /** Loaded from the checkpoint file (ignored for positions with `ignore_checkpoints`). */
  readonly loaded: boolean;
  /** Bytes known unread when its watcher was lost: reported if no copy of the file takes over. */
  unreadBytes = 0;

  constructor(
    readonly id: string,
    readonly fingerprint: string,
    position: number,
    tail: TailMark | undefined,
    where: { path: string; dev: number; ino: number },
    loaded: boolean,
    modified = Date.now(),
  ) {
    this.acked = position;
    this.ackedTail = tail;
    this.lastEnd = position;
    this.modified = modified;
    this.loaded = loaded;
    this.position = position;
    this.tail = tail;
    this.path = where.path;
    this.dev = where.dev;
    this.ino = where.ino;
  }

  /** Read by `watcher` from where it stood (a restart, a rename while down, a copy after a truncation). */
  claimBy(watcher: Watcher): void {
    this.watcher = watcher;
    this.deadSince = undefined;
    this.unreadBytes = 0;
    this.path = watcher.path;
    this.dev = watcher.dev;
    this.ino = watcher.ino;
    watcher.logical = this;
  }

  /** Records a range handed downstream; done at once when nothing in it awaits an outcome. */
  segment(end: number, tail: TailMark | undefined, done: boolean): Segment | undefined {
    if (end <= this.lastEnd) return undefined;
    this.lastEnd = end;
    const segment = { end, tail, done };
    this.pending.push(segment);
    if (done) this.advance();
    return segment;
  }

  /** Moves `acked` over the finalized segments at the head, in order. */
  advance(): void {
    let moved = false;
    while (this.pending.length > 0 && (this.pending[0] as Segment).done) {
      const segment = this.pending.shift() as Segment;
      this.acked = segment.end;
      this.ackedTail = segment.tail;
      moved = true;
    }
    if (moved) this.modified = Date.now();
  }

  /** The checkpoint's line in the file, serialized again only when the checkpoint changed. */
  line(): string {
    const key = `${this.acked}:${this.modified}:${this.path}:${this.dev}:${this.ino}`;
    if (key !== this.#lineKey) {
      this.#lineKey = key;
      this.#line = checkpointLine(this.checkpoint());
    }
    return this.#line;
  }

  #lineKey = '';
  #line = '';

  checkpoint(): Checkpoint {
    return {
      id: this.id,
      fingerprint: this.fingerprint,
      position: this.acked,
      tail: this.ackedTail,
      modified: this.modified,
      path: this.path,
      dev: this.dev,
      ino: this.ino,
    };
  }
}
