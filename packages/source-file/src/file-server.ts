import type { Stats } from 'node:fs';
import type { ComponentContext, Emit, Logger } from '@sluice/component-api';
import { BATCH_BYTES, BATCH_EVENTS, emitBatch, PendingBatch } from './batch.js';
import { CheckpointBook } from './checkpoint-book.js';
import { tailMarkOf } from './checkpoints.js';
import { Descriptors } from './descriptors.js';
import { Discovery } from './discovery.js';
import { EventMaker } from './events.js';
import { Identity } from './identity.js';
import { type FileOperations, nodeFileOperations } from './io.js';
import type { LogicalFile } from './logical-file.js';
import { Reader } from './reader.js';
import { removeFinishedFiles } from './removal.js';
import { type Metrics, Reporter } from './reporting.js';
import type { FileServerSettings } from './settings.js';
import {
  ageOf,
  EOF_BACKOFF_MAX_MS,
  EOF_BACKOFF_MIN_MS,
  olderFirst,
  QUIET_AFTER_MS,
  Watcher,
} from './watcher.js';

/**
 * A file renamed away or deleted while open is read until it has been quiet this long at its end
 * (capped by `rotate_wait_secs`): the writer may not have reopened its log yet. Vector stops at
 * the first end of file and loses what the writer adds before it reopens.
 */
const ROTATED_QUIET_MS = 5000;
/** New files opened and fingerprinted between two read rounds. */
const ADOPT_SLICE = 64;
/** Discovery may take at most this share of the time: with many files the cooldown grows. */
const DISCOVERY_SHARE = 10;

/**
 * The file server (Vector's `FileServer`): finds files (glob, every `glob_minimum_cooldown_ms`),
 * tells them apart (fingerprints), reads them in turns (fair, or oldest first), follows renames,
 * rotations and truncations, and keeps the checkpoints, which move only as batches are finalized.
 */
export class FileServer {
  readonly #settings: FileServerSettings;
  readonly #reporter: Reporter;
  readonly #logger: Logger;
  readonly #metrics: Metrics;
  readonly #book: CheckpointBook;
  readonly #descriptors: Descriptors;
  readonly #discovery: Discovery;
  readonly #identity: Identity;
  readonly #reader: Reader;

  readonly #watchers = new Map<string, Watcher>();
  #order: Watcher[] = [];
  /** Paths too small to fingerprint yet (reported once each), and when first seen. */
  readonly #tooSmall = new Map<string, number>();
  /** New inodes found by the last discovery, not adopted yet (`atStartup`: found by the first). */
  #toAdopt: Array<{ path: string; stats: Stats; atStartup: boolean }> = [];
  #nextDiscovery = 0;
  #wake: (() => void) | undefined;

  constructor(
    settings: FileServerSettings,
    context: Pick<ComponentContext, 'logger' | 'metrics'>,
    files: FileOperations = nodeFileOperations,
  ) {
    this.#settings = settings;
    this.#reporter = new Reporter(context);
    this.#logger = this.#reporter.logger;
    this.#metrics = this.#reporter.metrics;
    this.#descriptors = new Descriptors(files, this.#reporter, settings.maxOpenFiles);
    this.#book = new CheckpointBook(settings, this.#reporter);
    this.#discovery = new Discovery(settings, this.#reporter);
    this.#identity = new Identity(settings, files, this.#book, this.#reporter);
    const events = new EventMaker(settings, context);
    this.#reader = new Reader(settings, files, this.#reporter, events, (watcher, batch, how) =>
      this.#truncated(watcher, batch, how),
    );
  }

  async run(emit: Emit, signal: AbortSignal): Promise<void> {
    this.#book.open();
    const batch = { current: new PendingBatch() };
    const flush = async () => {
      const pending = batch.current;
      if (pending.events.length === 0 && pending.segments.length === 0) return;
      batch.current = new PendingBatch();
      await emitBatch(pending, emit, this.#metrics, () => this.#book.soon());
    };
    const onAbort = () => this.#wake?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal.aborted) {
        if (Date.now() >= this.#nextDiscovery) {
          const scanMs = await this.#discover(batch.current);
          this.#nextDiscovery =
            Date.now() + Math.max(this.#settings.globCooldownMs, scanMs * DISCOVERY_SHARE);
        }
        const adopted = await this.#adoptSome(batch, flush, signal);
        this.#reader.flushExpiredAggregates(this.#order, batch.current);
        const progressed = (await this.#readRound(batch, flush, signal)) || adopted;
        await flush();
        if (!progressed && !signal.aborted) await this.#idle();
      }
      // As Vector's line aggregation drains at shutdown: open messages go out as they are.
      for (const watcher of this.#order) this.#reader.flushAggregate(watcher, batch.current);
      await flush();
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Final checkpoints (with every outcome received so far) and descriptors released. Idempotent. */
  async close(): Promise<void> {
    await this.#book.close();
    await this.#descriptors.closeAll();
  }

  // ---- discovery ---------------------------------------------------------------------------

  /** Finds the files now; resolves how long the search itself took (globbing and stats). */
  async #discover(batch: PendingBatch): Promise<number> {
    const { paths, candidates, atStartup, scanMs } = await this.#discovery.find();
    for (const path of [...this.#tooSmall.keys()]) if (!paths.has(path)) this.#tooSmall.delete(path);
    for (const watcher of this.#order) watcher.findable = false;
    const now = Date.now();
    // Known inodes first: a truncation seen in this pass lets a copy found in the next continue it.
    const fresh: typeof candidates = [];
    for (const { path, stats } of candidates) {
      const watcher = this.#watchers.get(`${stats.dev}:${stats.ino}`);
      if (watcher === undefined) {
        fresh.push({ path, stats });
        continue;
      }
      if (watcher.findable) continue; // a hard link of a file seen under another name
      watcher.findable = true;
      watcher.unfindableSince = undefined;
      if (watcher.path !== path) {
        this.#logger.info('watched file has been renamed', { file: path, old_file: watcher.path });
        watcher.path = path;
        if (watcher.logical !== undefined) watcher.logical.path = path;
        watcher.fileTags = undefined;
      }
      if (stats.size < watcher.position && !watcher.isGzip) this.#truncated(watcher, batch, 'shrank');
      watcher.size = stats.size;
      if (stats.size > watcher.position) watcher.hasData = true;
    }
    const seen = new Set(fresh.map(({ stats }) => `${stats.dev}:${stats.ino}`));
    this.#identity.retainCopies(seen);
    // Adopted a slice at a time between read rounds: with thousands of new files, the first ones
    // are read while the others are still being opened and fingerprinted.
    this.#toAdopt = fresh.map((candidate) => ({ ...candidate, atStartup }));
    for (const watcher of [...this.#order]) {
      if (watcher.findable) continue;
      watcher.unfindableSince ??= now;
      // Without a descriptor the file is out of reach: what it held beyond our position is lost.
      if (watcher.fd === undefined || now - watcher.unfindableSince >= this.#settings.rotateWaitMs)
        await this.#unwatch(watcher, batch, false);
    }
    removeFinishedFiles(this.#order, this.#settings.removeAfterMs, this.#reporter, now);
    this.#metrics.openFiles.set(this.#watchers.size);
    return scanMs;
  }

  /**
   * Adopts up to `ADOPT_SLICE` of the new files, and reads each a first turn while its descriptor
   * is open (not with `oldest_first`) (with more files than descriptors, it would otherwise be closed before its first
   * read and opened again). Resolves whether it adopted any.
   */
  async #adoptSome(
    batch: { current: PendingBatch },
    flush: () => Promise<void>,
    signal: AbortSignal,
  ): Promise<boolean> {
    const slice = this.#toAdopt.splice(0, ADOPT_SLICE);
    const now = Date.now();
    for (const { path, stats, atStartup } of slice) {
      if (signal.aborted) break;
      const watcher = await this.#adopt(path, stats, now, atStartup);
      // With oldest_first, the read round decides the order (an older file may not be caught up).
      if (this.#settings.oldestFirst || watcher?.fd === undefined || !this.#ready(watcher, now)) continue;
      await this.#turn(watcher, batch.current);
      if (batch.current.events.length >= BATCH_EVENTS || batch.current.bytes >= BATCH_BYTES) await flush();
    }
    if (slice.length > 0) this.#metrics.openFiles.set(this.#watchers.size);
    return slice.length > 0;
  }

  /**
   * A new inode at `path`: fingerprint it, find its checkpoint (or the file it continues), watch it.
   * Resolves the new watcher, or undefined when the file is not watched (yet).
   */
  async #adopt(path: string, stats: Stats, now: number, atStartup: boolean): Promise<Watcher | undefined> {
    const watcher = new Watcher(path, stats.dev, stats.ino, stats, ageOf(stats));
    if (!(await this.#descriptors.open(watcher))) return undefined;
    const start = await this.#identity.readStart(watcher);
    if (start === undefined) {
      await this.#descriptors.close(watcher);
      return undefined;
    }
    watcher.isGzip = start.gzip;
    const fingerprint = this.#identity.fingerprintOf(watcher, start.bytes);
    if (fingerprint === undefined) {
      await this.#descriptors.close(watcher);
      if (!this.#tooSmall.has(path)) {
        this.#tooSmall.set(path, now);
        this.#metrics.checksumErrors.increment();
        this.#logger.debug('ignoring a file too small to fingerprint (for now)', { file: path });
      }
      return undefined;
    }
    this.#tooSmall.delete(path);
    this.#reporter.forget(path);
    const resumed = await this.#identity.continued(watcher, fingerprint, stats);
    if (resumed === 'deferred') {
      await this.#descriptors.close(watcher);
      return undefined;
    }
    if (resumed === undefined) {
      const tooOld = this.#settings.ignoreBefore !== undefined && stats.mtimeMs < this.#settings.ignoreBefore;
      // Files found later are new: read from the beginning (a file created and written quickly
      // must not lose its first lines). With damaged checkpoints, never start at the end.
      const fromEnd = tooOld || (atStartup && this.#settings.readFrom === 'end' && !this.#book.damaged);
      if (watcher.isGzip)
        watcher.finished = fromEnd; // Vector cannot read a compressed file from its end
      else if (fromEnd) await this.#identity.moveTo(watcher, stats.size);
      watcher.logical = this.#book.newLogical(
        fingerprint,
        watcher.position,
        this.#identity.tailMarkOf(watcher),
        watcher,
      );
      this.#metrics.filesAdded.increment();
      this.#logger.info('found new file to watch', { file: path, position: watcher.position });
    } else {
      this.#metrics.filesResumed.increment();
      this.#logger.info('resuming to watch file', { file: path, position: watcher.position });
    }
    this.#watchers.set(watcher.key, watcher);
    this.#insertInOrder(watcher);
    return watcher;
  }

  #insertInOrder(watcher: Watcher): void {
    if (!this.#settings.oldestFirst) {
      this.#order.push(watcher);
      return;
    }
    let index = this.#order.length;
    while (index > 0 && olderFirst((this.#order[index - 1] as Watcher).age, watcher.age) > 0) index -= 1;
    this.#order.splice(index, 0, watcher);
  }

  /**
   * The inode holds less than was read, or other bytes before the position (truncated, or
   * truncated and written again): what was read stays with its logical file (a copy made before
   * the truncation may continue it); the inode is read again from its start as a new file.
   */
  #truncated(watcher: Watcher, batch: PendingBatch, how: 'shrank' | 'rewritten'): void {
    this.#reader.flushAggregate(watcher, batch);
    const logical = watcher.logical;
    // Unread bytes are lost unless a copy (copytruncate) continues the file.
    if (logical !== undefined) this.#detach(logical, watcher, Math.max(0, watcher.size - watcher.position));
    this.#logger.warn(
      how === 'shrank'
        ? 'file truncated: reading it again from the start'
        : 'file rewritten before the read position (truncated and written again): reading it again from the start',
      { file: watcher.path, position: watcher.position },
    );
    watcher.logical = undefined;
    watcher.position = 0;
    watcher.tailLength = 0;
    watcher.line.discarding = false;
    watcher.needsLargeRead = false;
    watcher.hasData = true;
    watcher.nextPoll = 0;
  }

  #detach(logical: LogicalFile, watcher: Watcher, unreadBytes: number): void {
    logical.watcher = undefined;
    logical.position = watcher.position;
    logical.tail = this.#identity.tailMarkOf(watcher);
    logical.deadSince = Date.now();
    logical.unreadBytes = unreadBytes;
  }

  /** Stops watching: flushes an open message (and, when the file is gone, its unfinished last line). */
  async #unwatch(watcher: Watcher, batch: PendingBatch, reachedEnd: boolean): Promise<void> {
    this.#reader.flushAggregate(watcher, batch);
    const logical = watcher.logical;
    const unread = watcher.fd === undefined || !reachedEnd ? Math.max(0, watcher.size - watcher.position) : 0;
    if (logical !== undefined) {
      const end = watcher.safeEnd();
      logical.segment(end.end, end.tail, true);
      this.#detach(logical, watcher, watcher.finished ? 0 : unread);
    }
    if (unread > 0 && !watcher.finished && logical === undefined)
      this.#reporter.report('unwatched-unread', 'warn', 'stopped watching a file with data never read', {
        file: watcher.path,
        unread_bytes: unread,
      });
    await this.#descriptors.close(watcher);
    this.#watchers.delete(watcher.key);
    this.#order = this.#order.filter((entry) => entry !== watcher);
    (reachedEnd ? this.#metrics.filesUnwatchedAtEnd : this.#metrics.filesUnwatchedEarly).increment();
    this.#logger.info('stopped watching file', { file: watcher.path, reached_eof: reachedEnd });
    this.#metrics.openFiles.set(this.#watchers.size);
  }

  // ---- reading -----------------------------------------------------------------------------

  #ready(watcher: Watcher, now: number): boolean {
    if (watcher.finished) return false;
    if (watcher.fd === undefined) return watcher.hasData && watcher.findable;
    return watcher.hasData || now >= watcher.nextPoll;
  }

  /** One turn for every file with data (in order; oldest first stops at a file not caught up). */
  async #readRound(
    batch: { current: PendingBatch },
    flush: () => Promise<void>,
    signal: AbortSignal,
  ): Promise<boolean> {
    let progressed = false;
    for (const watcher of this.#order) {
      if (signal.aborted) break;
      const now = Date.now();
      if (!this.#ready(watcher, now)) continue;
      if (watcher.fd === undefined && !(await this.#descriptors.open(watcher))) {
        // Tried again when discovery sees the file grow, not on every round.
        watcher.hasData = false;
        continue;
      }
      const result = await this.#turn(watcher, batch.current);
      if (result === 'gone') continue;
      if (result !== 'idle') progressed = true;
      if (batch.current.events.length >= BATCH_EVENTS || batch.current.bytes >= BATCH_BYTES) await flush();
      if (this.#settings.oldestFirst && result === 'more') break;
    }
    return progressed;
  }

  /**
   * Reads one turn of a file: chunks until `max_read_bytes` were used up or the end is reached.
   * `more`: stopped with data left; `end`: read data and reached the end; `idle`: nothing new.
   */
  async #turn(watcher: Watcher, batch: PendingBatch): Promise<'more' | 'end' | 'idle' | 'gone'> {
    const now = Date.now();
    watcher.lastAttempt = now;
    watcher.hasData = false;
    if (watcher.logical === undefined && !(await this.#refingerprint(watcher)))
      return this.#atEnd(watcher, batch, now, false);
    let used = 0;
    for (;;) {
      const step = watcher.isGzip
        ? await this.#reader.readGzip(watcher, batch)
        : await this.#reader.readChunk(watcher, batch);
      if (step === 'error') return 'idle';
      if (step === 'truncated') {
        watcher.hasData = true;
        return 'more';
      }
      used += step.consumed;
      if (step.atEnd) return this.#atEnd(watcher, batch, now, used > 0);
      if (used >= this.#settings.maxReadBytes) {
        watcher.hasData = true;
        return 'more';
      }
    }
  }

  async #atEnd(
    watcher: Watcher,
    batch: PendingBatch,
    now: number,
    read: boolean,
  ): Promise<'end' | 'idle' | 'gone'> {
    if (read) {
      watcher.lastData = now;
      watcher.retryDelay = EOF_BACKOFF_MIN_MS;
    } else {
      watcher.retryDelay = watcher.atEnd
        ? Math.min(watcher.retryDelay * 2, EOF_BACKOFF_MAX_MS)
        : EOF_BACKOFF_MIN_MS;
    }
    watcher.atEnd = true;
    const quiet = now - watcher.lastData >= QUIET_AFTER_MS;
    watcher.nextPoll = now + (quiet ? QUIET_AFTER_MS : watcher.retryDelay);
    if (!watcher.findable && !read) {
      // Renamed away or deleted, read to its end: done once quiet (the writer reopened its log).
      const quietFor = Math.min(ROTATED_QUIET_MS, this.#settings.rotateWaitMs);
      if (now - watcher.lastData >= quietFor) {
        // Its unfinished last line is a line now, as in Vector: nothing more will be added to it.
        if (!watcher.isGzip && watcher.logical !== undefined && watcher.fd !== undefined)
          await this.#reader.readChunk(watcher, batch, true);
        await this.#unwatch(watcher, batch, true);
        return 'gone';
      }
      watcher.nextPoll = Math.min(watcher.nextPoll, watcher.lastData + quietFor);
    }
    return read ? 'end' : 'idle';
  }

  /** After a truncation: fingerprints the new content once there is enough of it. */
  async #refingerprint(watcher: Watcher): Promise<boolean> {
    const start = await this.#identity.readStart(watcher);
    if (start === undefined) return false;
    const fingerprint = this.#identity.fingerprintOf(watcher, start.bytes);
    if (fingerprint === undefined) return false;
    watcher.logical = this.#book.newLogical(fingerprint, 0, tailMarkOf(Buffer.alloc(0)), watcher);
    return true;
  }

  // ---- multiline, batches, idling ----------------------------------------------------------

  /** Waits until a file is due to be polled, discovery is due, an open message times out, or abort. */
  async #idle(): Promise<void> {
    const now = Date.now();
    let until = this.#nextDiscovery;
    for (const watcher of this.#order) {
      if (watcher.fd !== undefined && !watcher.finished) until = Math.min(until, watcher.nextPoll);
      if (watcher.aggregate !== undefined) until = Math.min(until, watcher.aggregate.deadline);
    }
    const delay = Math.max(1, until - now);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
    this.#wake = undefined;
  }
}
