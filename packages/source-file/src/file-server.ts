import { isUtf8 } from 'node:buffer';
import { createReadStream, type Stats, statSync, unlink } from 'node:fs';
import { createGunzip } from 'node:zlib';
import {
  attachFinalizer,
  type Batch,
  type ComponentContext,
  createLogEvent,
  currentTimestamp,
  type Emit,
  type FieldMap,
  type Logger,
  setField,
} from '@sluice/component-api';
import { PendingBatch } from './batch.js';
import { CheckpointBook } from './checkpoint-book.js';
import { TAIL_BYTES, type TailMark, tailMarkOf } from './checkpoints.js';
import { Descriptors } from './descriptors.js';
import { Discovery } from './discovery.js';
import { Identity } from './identity.js';
import { type FileOperations, nodeFileOperations } from './io.js';
import { type SplitOptions, splitLines } from './lines.js';
import type { LogicalFile } from './logical-file.js';
import { aggregateLine, merged, type PositionedLine } from './multiline.js';
import { type Metrics, Reporter, readFailed } from './reporting.js';
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
 * Bytes asked for by one read (besides the tail re-read before the position): about a batch of
 * lines (`BATCH_EVENTS` lines of the average length seen), between 16 and 256 KiB. Large reads
 * cost less CPU per line (256 KiB: 30 % less than 64 KiB); a batch-sized one keeps the events in
 * flight, and the memory they take, bounded whatever the line length. A read never makes more than
 * `2 × BATCH_EVENTS` events (the rest is read again).
 */
const MIN_CHUNK_BYTES = 16 * 1024;
const MAX_CHUNK_BYTES = 256 * 1024;
/** A batch is handed downstream once it holds this many events (or at the end of a round). */
const BATCH_EVENTS = 1000;
const BATCH_BYTES = 1024 * 1024;
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
  readonly #context: Pick<ComponentContext, 'logger' | 'metrics'>;
  /** The plain (undotted) field names to set on each event; `nested` when some are paths. */
  readonly #fieldKeys: { host?: string; file?: string; offset?: string; nested: boolean };
  readonly #reporter: Reporter;
  readonly #logger: Logger;
  readonly #metrics: Metrics;
  readonly #files: FileOperations;
  readonly #book: CheckpointBook;
  readonly #descriptors: Descriptors;
  readonly #discovery: Discovery;
  readonly #identity: Identity;

  readonly #watchers = new Map<string, Watcher>();
  #order: Watcher[] = [];
  /** Paths too small to fingerprint yet (reported once each), and when first seen. */
  readonly #tooSmall = new Map<string, number>();
  /** New inodes found by the last discovery, not adopted yet (`atStartup`: found by the first). */
  #toAdopt: Array<{ path: string; stats: Stats; atStartup: boolean }> = [];
  #nextDiscovery = 0;
  #readBuffer = Buffer.allocUnsafe(TAIL_BYTES + MAX_CHUNK_BYTES);
  readonly #split: SplitOptions;
  /** Average length of the lines read (with their delimiter), for the size of the next read. */
  #averageLine = 64;
  #wake: (() => void) | undefined;

  constructor(
    settings: FileServerSettings,
    context: Pick<ComponentContext, 'logger' | 'metrics'>,
    files: FileOperations = nodeFileOperations,
  ) {
    this.#settings = settings;
    this.#split = { ...settings.split, maxLines: 2 * BATCH_EVENTS };
    this.#context = context;
    const plain = (key: string | undefined) =>
      key === undefined || key === '' || key.includes('.') ? undefined : key;
    this.#fieldKeys = {
      host: plain(settings.hostKey),
      file: plain(settings.fileKey),
      offset: plain(settings.offsetKey),
      nested: [settings.hostKey, settings.fileKey, settings.offsetKey ?? ''].some((key) => key.includes('.')),
    };
    this.#reporter = new Reporter(context);
    this.#logger = this.#reporter.logger;
    this.#metrics = this.#reporter.metrics;
    this.#files = files;
    this.#descriptors = new Descriptors(files, this.#reporter, settings.maxOpenFiles);
    this.#book = new CheckpointBook(settings, this.#reporter);
    this.#discovery = new Discovery(settings, this.#reporter);
    this.#identity = new Identity(settings, files, this.#book, this.#reporter);
  }

  async run(emit: Emit, signal: AbortSignal): Promise<void> {
    this.#book.open();
    const batch = { current: new PendingBatch() };
    const flush = async () => {
      const pending = batch.current;
      if (pending.events.length === 0 && pending.segments.length === 0) return;
      batch.current = new PendingBatch();
      await this.#emit(pending, emit);
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
        this.#flushExpiredAggregates(batch.current);
        const progressed = (await this.#readRound(batch, flush, signal)) || adopted;
        await flush();
        if (!progressed && !signal.aborted) await this.#idle();
      }
      // As Vector's line aggregation drains at shutdown: open messages go out as they are.
      for (const watcher of this.#order) this.#flushAggregate(watcher, batch.current);
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
    this.#removeFinishedFiles(now);
    this.#metrics.openFiles.set(this.#watchers.size);
    return scanMs;
  }

  /** A new inode at `path`: fingerprint it, find its checkpoint (or the file it continues), watch it. */
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

  /** Resolves the new watcher, or undefined when the file is not watched (yet). */
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
    this.#flushAggregate(watcher, batch);
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
    this.#flushAggregate(watcher, batch);
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

  /**
   * `remove_after_secs`: a file read to its end, quiet that long, and whose lines were all
   * finalized downstream is deleted (Vector deletes at the end of file, before delivery).
   */
  #removeFinishedFiles(now: number): void {
    const grace = this.#settings.removeAfterMs;
    if (grace === undefined) return;
    for (const watcher of this.#order) {
      const logical = watcher.logical;
      if (!watcher.findable || !watcher.atEnd || logical === undefined || now - watcher.lastData < grace)
        continue;
      const finished =
        watcher.finished || (watcher.position >= watcher.size && watcher.aggregate === undefined);
      if (!finished || logical.pending.length > 0 || logical.acked < watcher.position) continue;
      // The path must still name this inode (never delete a new file that took its name).
      const current = statSync(watcher.path, { throwIfNoEntry: false });
      if (current === undefined || current.dev !== watcher.dev || current.ino !== watcher.ino) continue;
      const path = watcher.path;
      unlink(path, (error) => {
        if (error === null) {
          this.#metrics.filesDeleted.increment();
          this.#logger.info('file deleted (remove_after_secs)', { file: path });
          return;
        }
        this.#metrics.errors('deletion_failed', 'command_failed').increment();
        this.#reporter.report('delete', 'error', 'failed in deleting file', {
          file: path,
          error: error.message,
        });
      });
      watcher.findable = false;
      watcher.unfindableSince = now;
    }
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
        ? await this.#readGzip(watcher, batch)
        : await this.#readChunk(watcher, batch);
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
          await this.#readChunk(watcher, batch, true);
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

  /** One read at the position (and the tail before it, to see a truncation or a rewrite). */
  async #readChunk(
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
      this.#truncated(watcher, batch, bytesRead < tailLength ? 'shrank' : 'rewritten');
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
    this.#metrics.receivedBytes.increment(consumed);
    if (this.#settings.includeFileTag) this.#fileTags(watcher).bytes.increment(consumed);
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
    const checkUtf8 = settings.decode === undefined && !isUtf8(data);
    const textOf = (start: number, end: number): string => {
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
        this.#addEvent(watcher, batch, textOf(start, end), base + start, timestamp);
        return;
      }
      const line: PositionedLine = {
        text: textOf(start, end),
        start: base + start,
        end: base + end + delimiterLength,
      };
      const open = aggregateLine(settings.multiline, watcher.aggregate, line, Date.now(), (message) =>
        this.#addEvent(watcher, batch, message.text, message.start, timestamp),
      );
      if (open === undefined) watcher.aggregate = undefined;
      else if (open !== watcher.aggregate)
        watcher.aggregate = Object.assign(open, { startTail: markAt(line.start) });
    };
    const onDiscard = (lineStart: number) => {
      this.#metrics.discarded.increment();
      this.#metrics.errors('reading_line_from_file', 'condition_failed').increment();
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
      this.#metrics.errors('invalid_utf8', 'conversion_failed').increment(invalidUtf8);
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

  /** Vector's `internal_metrics.include_file_tag`: the received counters per file too. */
  #fileTags(watcher: Watcher): NonNullable<Watcher['fileTags']> {
    if (watcher.fileTags === undefined) {
      const file = { file: watcher.path };
      const { metrics } = this.#context;
      watcher.fileTags = {
        bytes: metrics.counter('component_received_bytes_total', { protocol: 'file', ...file }),
        events: metrics.counter('component_received_events_total', file),
        eventBytes: metrics.counter('component_received_event_bytes_total', file),
      };
    }
    return watcher.fileTags;
  }

  /** One event per line (or joined message): Vector's fields, built without a loop per field. */
  #addEvent(watcher: Watcher, batch: PendingBatch, text: string, start: number, timestamp: Date): void {
    const fields: FieldMap = { message: text, source_type: 'file', timestamp };
    const keys = this.#fieldKeys;
    if (keys.host !== undefined) fields[keys.host] = this.#settings.hostname;
    if (keys.file !== undefined) fields[keys.file] = watcher.path;
    if (keys.offset !== undefined) fields[keys.offset] = start;
    if (keys.nested) this.#nest(fields, watcher, start);
    const byteSize = text.length + watcher.path.length + EVENT_OVERHEAD_BYTES;
    batch.events.push(createLogEvent(fields, { byteSize }));
    batch.bytes += byteSize;
    if (this.#settings.includeFileTag) {
      const tags = this.#fileTags(watcher);
      tags.events.increment();
      tags.eventBytes.increment(byteSize);
    }
  }

  /** The field names that are paths (`log.file`): set as nested fields. */
  #nest(fields: FieldMap, watcher: Watcher, start: number): void {
    const { hostKey, fileKey, offsetKey, hostname } = this.#settings;
    if (hostKey.includes('.')) setField(fields, hostKey, hostname);
    if (fileKey.includes('.')) setField(fields, fileKey, watcher.path);
    if (offsetKey?.includes('.') === true) setField(fields, offsetKey, start);
  }

  async #readGzip(
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
    this.#metrics.receivedBytes.increment(consumed);
    if (this.#settings.includeFileTag) this.#fileTags(watcher).bytes.increment(consumed);
    if (ended && !stopped) {
      watcher.finished = true;
      watcher.gzip = undefined;
    }
    return { consumed, atEnd: ended && !stopped };
  }

  // ---- multiline, batches, idling ----------------------------------------------------------

  #flushAggregate(watcher: Watcher, batch: PendingBatch): void {
    const aggregate = watcher.aggregate;
    if (aggregate === undefined) return;
    watcher.aggregate = undefined;
    const message = merged(aggregate);
    this.#addEvent(watcher, batch, message.text, message.start, currentTimestamp());
    if (watcher.logical !== undefined) batch.files.add(watcher.logical);
    const logical = watcher.logical;
    if (logical !== undefined) {
      const end = watcher.safeEnd();
      this.#addSegment(batch, logical, end.end, end.tail, false);
    }
  }

  #flushExpiredAggregates(batch: PendingBatch): void {
    if (this.#settings.multiline === undefined) return;
    const now = Date.now();
    for (const watcher of this.#order)
      if (watcher.aggregate !== undefined && watcher.aggregate.deadline <= now)
        this.#flushAggregate(watcher, batch);
  }

  async #emit(pending: PendingBatch, emit: Emit): Promise<void> {
    const { events, segments, files } = pending;
    if (events.length === 0) {
      for (const segment of segments) segment.done = true;
      for (const file of files) file.advance();
      return;
    }
    this.#metrics.receivedEvents.increment(events.length);
    this.#metrics.receivedEventBytes.increment(pending.bytes);
    attachFinalizer(events, () => {
      // Delivered, rejected (counted by the sink) or dropped on purpose: final either way, so the
      // checkpoint may pass these lines. An event never finalized (a crash, a shutdown deadline)
      // holds its file's checkpoint back: read again after a restart.
      for (const segment of segments) segment.done = true;
      for (const file of files) file.advance();
      this.#book.soon();
    });
    await emit(events as Batch);
  }

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

/** Fixed per-event overhead of the size estimate (field names, timestamp), as the other sources. */
const EVENT_OVERHEAD_BYTES = 64;
