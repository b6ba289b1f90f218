import type { Stats } from 'node:fs';
import type { CheckpointBook } from './checkpoint-book.js';
import { TAIL_BYTES, type TailMark, tailMarkOf } from './checkpoints.js';
import { checksumOf, deviceAndInodeOf, gunzipPrefix, isGzip } from './fingerprint.js';
import type { FileOperations } from './io.js';
import { type Reporter, readFailed } from './reporting.js';
import type { FileServerSettings } from './settings.js';
import type { Watcher } from './watcher.js';

/** The first read of a new file, for its fingerprint (more when its first lines are longer). */
const START_READ_BYTES = 4096;

/**
 * Tells files apart: reads a new inode's first bytes, fingerprints them, and finds the known file
 * it continues (a checkpoint, a rename, a copy made by copytruncate), checked by its tail mark.
 */
export class Identity {
  readonly #settings: FileServerSettings;
  readonly #files: FileOperations;
  readonly #book: CheckpointBook;
  readonly #reporter: Reporter;
  /** New inodes that look like a copy of a watched file, with their size when last seen. */
  readonly #copies = new Map<string, number>();

  constructor(settings: FileServerSettings, files: FileOperations, book: CheckpointBook, reporter: Reporter) {
    this.#settings = settings;
    this.#files = files;
    this.#book = book;
    this.#reporter = reporter;
  }

  /** Forgets the copies that are no longer new inodes (adopted, or gone). */
  retainCopies(keys: ReadonlySet<string>): void {
    for (const key of [...this.#copies.keys()]) if (!keys.has(key)) this.#copies.delete(key);
  }

  /**
   * The file's first bytes (decompressed when gzip), as many as the fingerprint needs: a small read
   * first (most first lines are short; 10,000 new files must not cost 100 KiB each), all of
   * `ignored_header_bytes + max_line_bytes` when that is not enough. Undefined when unreadable.
   */
  async readStart(watcher: Watcher): Promise<{ bytes: Buffer; gzip: boolean } | undefined> {
    const strategy = this.#settings.fingerprint;
    const header = strategy.strategy === 'checksum' ? strategy.ignoredHeaderBytes : 0;
    const lines = strategy.strategy === 'checksum' ? Math.max(1, strategy.lines) : 0;
    const want = header + this.#settings.split.maxLineBytes;
    const read = async (length: number) => {
      const buffer = Buffer.allocUnsafe(Math.max(length, 2));
      const bytesRead = await this.#files.read(watcher.fd as number, buffer, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    };
    let bytes: Buffer;
    try {
      const small = Math.min(want, header + START_READ_BYTES);
      bytes = await read(small);
      const complete = bytes.length < small || countNewlines(bytes.subarray(header), lines) >= lines;
      if (!complete || isGzip(bytes)) bytes = await read(want);
    } catch (error) {
      readFailed(this.#reporter, watcher, error);
      return undefined;
    }
    if (!isGzip(bytes)) return { bytes, gzip: false };
    try {
      return { bytes: gunzipPrefix(bytes, want), gzip: true };
    } catch {
      return { bytes, gzip: false };
    }
  }

  fingerprintOf(watcher: Watcher, start: Buffer): string | undefined {
    const strategy = this.#settings.fingerprint;
    if (strategy.strategy === 'device_and_inode') return deviceAndInodeOf(watcher.dev, watcher.ino);
    return checksumOf(start, {
      lines: Math.max(1, strategy.lines),
      ignoredHeaderBytes: strategy.ignoredHeaderBytes,
      maxLineBytes: this.#settings.split.maxLineBytes,
    });
  }

  /**
   * Whether the new inode continues a file already known by its fingerprint: a checkpoint (a
   * restart, a file renamed while Sluice was down), or a file truncated after it was copied
   * (copytruncate). It does only if it holds the same bytes just before the known position (the
   * tail mark), so a different file with the same first lines (a fingerprint collision, a file
   * replaced or rewritten) is read from its start instead.
   *
   * A copy of a watched file that is still whole waits (`deferred`) while it grows: copytruncate
   * copies, then truncates, and the copy must not be read from its start meanwhile. A copy that
   * stopped growing while its original stays whole is a file of its own (a backup, or another file
   * with the same lines so far): read from its start, duplicates rather than loss.
   */
  async continued(
    watcher: Watcher,
    fingerprint: string,
    stats: Stats,
  ): Promise<'resumed' | 'deferred' | undefined> {
    const known = [...this.#book.withFingerprint(fingerprint)].sort(
      (first, second) =>
        Number(second.dev === watcher.dev && second.ino === watcher.ino) -
        Number(first.dev === watcher.dev && first.ino === watcher.ino),
    );
    for (const logical of known) {
      if (logical.loaded && this.#settings.ignoreCheckpoints && logical.watcher === undefined) continue;
      const live = logical.watcher;
      if (live !== undefined) {
        if (watcher.isGzip || !(await this.#isCopyOf(watcher, live, stats.size))) continue;
        const previous = this.#copies.get(watcher.key);
        if (previous !== stats.size) {
          if (previous === undefined)
            this.#reporter.logger.debug(
              'file looks like a copy of a watched file: waiting for the copy to finish',
              {
                file: watcher.path,
                original: live.path,
              },
            );
          this.#copies.set(watcher.key, stats.size);
          return 'deferred';
        }
        this.#copies.delete(watcher.key);
        this.#reporter.logger.info(
          'file is a copy of a watched file that stays whole: read as a file of its own',
          {
            file: watcher.path,
            original: live.path,
          },
        );
        continue;
      }
      if (watcher.isGzip) {
        // Vector does not read a compressed file again once it has a position for it.
        watcher.finished = true;
        logical.claimBy(watcher);
        return 'resumed';
      }
      if (stats.size < logical.position) continue;
      if (!(await this.#tailMatches(watcher, logical.position, logical.tail))) continue;
      logical.claimBy(watcher);
      await this.moveTo(watcher, logical.position);
      return 'resumed';
    }
    return undefined;
  }

  /** Whether `candidate` holds the same bytes as `original` just before its own end (a copy of it, maybe in progress). */
  async #isCopyOf(candidate: Watcher, original: Watcher, size: number): Promise<boolean> {
    if (original.fd === undefined || size === 0) return false;
    const length = Math.min(TAIL_BYTES, size);
    const mine = Buffer.allocUnsafe(length);
    const theirs = Buffer.allocUnsafe(length);
    try {
      const [read, readTheirs] = await Promise.all([
        this.#files.read(candidate.fd as number, mine, length, size - length),
        this.#files.read(original.fd, theirs, length, size - length),
      ]);
      return read === length && readTheirs === length && mine.equals(theirs);
    } catch {
      return false;
    }
  }

  /** Whether the bytes before `position` hash to `tail` (no mark: a Vector checkpoint, trusted). */
  async #tailMatches(watcher: Watcher, position: number, tail: TailMark | undefined): Promise<boolean> {
    if (tail === undefined) return true;
    if (tail.length > position) return false;
    const bytes = Buffer.allocUnsafe(tail.length);
    try {
      const read = await this.#files.read(watcher.fd as number, bytes, tail.length, position - tail.length);
      return read === tail.length && tailMarkOf(bytes).crc === tail.crc;
    } catch {
      return false;
    }
  }

  /** Sets the read position and the tail bytes before it. */
  async moveTo(watcher: Watcher, position: number): Promise<void> {
    const length = Math.min(TAIL_BYTES, position);
    const read =
      length === 0
        ? 0
        : await this.#files.read(watcher.fd as number, watcher.tail, length, position - length);
    watcher.position = position;
    watcher.tailLength = read;
  }

  tailMarkOf(watcher: Watcher): TailMark {
    return tailMarkOf(watcher.tail.subarray(0, watcher.tailLength));
  }
}

/** Newlines in `bytes`, counting up to `most`. */
function countNewlines(bytes: Buffer, most: number): number {
  let found = 0;
  for (let from = bytes.indexOf(10); from !== -1 && found < most; from = bytes.indexOf(10, from + 1))
    found += 1;
  return found;
}
