import { type FileHandle, open, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  attachFinalizer,
  type Batch,
  type BufferStage,
  type BufferUsage,
  type ComponentMetrics,
  type DirectoryLock,
  ErrorCode,
  finalizeEvents,
  type LogEvent,
  type Logger,
  lockDirectory,
  rateLimitedLog,
  Signal,
  SluiceError,
} from '@sluice/component-api';
import { defaultFileOperations, type FileOperations } from './file-operations.js';
import { decodeRecordEvents, HEADER_BYTES, MAX_PAYLOAD_BYTES, RecordEncoder } from './format.js';
import { type Ledger, LedgerFile } from './ledger.js';
import { claimDirectory } from './open-directories.js';
import { type DataFile, ReadCursor } from './read-cursor.js';
import { dataFileName, LOCK_FILE, type ScanResult, scanBuffer } from './scan.js';
import { reserveOnVolume } from './volume-reservations.js';

export interface DiskBufferOptions {
  directory: string;
  maxSize: number;
  maxDataFileSize: number;
  syncIntervalMs: number;
  logger: Logger;
  metrics: ComponentMetrics;
  fileOperations?: FileOperations;
  /** How often a buffer in write-error state retries (default 1 s). */
  retryIntervalMs?: number;
  /**
   * Bounds the wait for another buffer of this process to close its directory (a reload re-adding
   * a sink whose old buffer still drains). Without it, such an open is refused at once.
   */
  signal?: AbortSignal;
}

/** The largest record the reader accepts (its length field says at most `MAX_PAYLOAD_BYTES`). */
const MAX_RECORD_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES;
/** Counted in max_size besides the data files: the ledger (256 bytes) and the lock file. */
const RESERVED_BYTES = 512;

interface Outstanding {
  endEventId: number;
  fileId: number;
  endOffset: number;
  done: boolean;
}

/**
 * A durable disk buffer stage: an append-only write-ahead log of checksummed records in data files
 * rolled at `maxDataFileSize`, a checksummed two-slot ledger rewritten in place (`ledger.ts`), and a
 * lock file (`lockDirectory` of `@sluice/component-api`). See docs/buffers.md for the formats and the recovery rules.
 */
export class DiskBuffer implements BufferStage {
  readonly #options: DiskBufferOptions;
  readonly #files = new Map<number, DataFile>();
  readonly #fileOperations: FileOperations;
  #writer!: FileHandle;
  readonly #encoder = new RecordEncoder();
  /** The fsync and close of the files rolled away from, in order; `sync()` waits for them first. */
  #rolled: Promise<void> = Promise.resolve();
  #writerId = 0;
  #writerOffset = 0;
  #nextEventId = 0;
  readonly #cursor: ReadCursor;
  #skipBelowId = 0;
  /** The id of the next event the reader expects: a record starting later shows a gap (lost events). */
  #readId = 0;
  /** Gaps recovery counted already (events, by the first id after each): not counted again. */
  #countedGaps = new Map<number, number>();
  /** What the reader last stepped over, for the log line of the loss it caused. */
  #readProblem = '';
  #unread = 0;
  #bytesOnDisk = 0;
  readonly #outstanding: Outstanding[] = [];
  #acked!: { eventId: number; fileId: number; offset: number };
  #ledger: LedgerFile | undefined;
  #ledgerDirty = true;
  #dirty = false;
  #failing = false;
  /** The last write did not fit in max_size: full until acknowledgements delete files. */
  #full = false;
  #closed = false;
  /** `close()` has begun: reads stop at once, while queued writes still complete. */
  #closing = false;
  /** Corrupt records recovery already counted (`fileId:offset`): the reader skips them silently. */
  readonly #knownCorrupt = new Set<string>();
  #syncTimer: NodeJS.Timeout | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  readonly #spaceFreed = new Signal();
  readonly #dataArrived = new Signal();
  #writeQueue: Promise<unknown> = Promise.resolve();
  #ledgerQueue: Promise<unknown> = Promise.resolve();
  #deletions: Promise<void> = Promise.resolve();
  readonly #errors: Record<'write' | 'read', (message: string, fields?: Record<string, unknown>) => void>;
  /** Gives back the volume reservation and the directory, once the buffer closed. */
  readonly #releaseReservation: () => void;
  readonly #lock: DirectoryLock;

  private constructor(options: DiskBufferOptions, releaseReservation: () => void, lock: DirectoryLock) {
    this.#options = options;
    this.#fileOperations = options.fileOperations ?? defaultFileOperations;
    this.#cursor = new ReadCursor({
      directory: options.directory,
      files: this.#files,
      writer: () => ({ id: this.#writerId, offset: this.#writerOffset, fd: this.#writer.fd }),
      onFault: (code, offset, detail) => this.#readFault(code, offset, detail),
    });
    this.#errors = {
      write: rateLimitedLog(options.logger, 'error'),
      read: rateLimitedLog(options.logger, 'error'),
    };
    this.#releaseReservation = releaseReservation;
    this.#lock = lock;
  }

  /** Locks the directory, recovers from the ledger and the data files, and opens a new data file. */
  static async open(options: DiskBufferOptions): Promise<DiskBuffer> {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(options.directory, { recursive: true });
    const releaseDirectory = await claimDirectory(options.directory, options);
    let releaseReservation: () => void = () => {};
    let lock: DirectoryLock;
    try {
      releaseReservation = await reserveOnVolume(options.directory, options.maxSize);
      lock = await lockDirectory(options.directory, {
        file: LOCK_FILE,
        what: 'disk buffer',
        reason: 'two processes cannot share a buffer',
        code: ErrorCode.bufferLocked,
        logger: options.logger,
      });
    } catch (error) {
      releaseReservation();
      releaseDirectory();
      throw error;
    }
    const buffer = new DiskBuffer(
      options,
      () => {
        releaseReservation();
        releaseDirectory();
      },
      lock,
    );
    try {
      await buffer.#recover(await scanBuffer(options.directory));
    } catch (error) {
      await buffer.close();
      throw error;
    }
    return buffer;
  }

  async #recover(scan: ScanResult): Promise<void> {
    const { metrics, logger } = this.#options;
    for (const problem of scan.problems) {
      if (problem.file !== undefined && problem.offset !== undefined)
        this.#knownCorrupt.add(`${problem.file}:${problem.offset}`);
      metrics.counter('buffer_errors_total', { error_code: problem.code }).increment();
      logger.warn(`disk buffer recovery: ${problem.code}: ${problem.detail}`, {
        file: problem.file,
        offset: problem.offset,
      });
    }
    if (scan.lostEvents > 0) {
      metrics.counter('buffer_discarded_events_total', { intentional: 'false' }).increment(scan.lostEvents);
      logger.error(
        `disk buffer recovery: ${scan.lostEvents} events were lost to corruption or missing files`,
      );
    }
    for (const id of scan.acknowledgedFiles)
      await rm(join(this.#options.directory, dataFileName(id)), { force: true });
    for (const file of scan.files) {
      this.#files.set(file.id, { size: file.size, validEnd: file.validEnd });
      this.#bytesOnDisk += file.size;
    }
    this.#cursor.fileId = scan.readStart.fileId;
    this.#cursor.offset = scan.readStart.offset;
    this.#skipBelowId = scan.firstUnackedId;
    this.#readId = scan.firstExpectedId;
    this.#countedGaps = scan.countedGaps;
    this.#unread = scan.unreadEvents;
    this.#nextEventId = scan.nextEventId;
    this.#acked = {
      eventId: scan.firstUnackedId,
      fileId: scan.readStart.fileId,
      offset: scan.readStart.offset,
    };
    // Never append after a possibly damaged tail: writing always starts in a fresh file.
    const lastId = Math.max(-1, ...this.#files.keys());
    await this.#openWriter(lastId + 1);
    if (this.#unread === 0) {
      this.#cursor.fileId = this.#writerId;
      this.#cursor.offset = 0;
      this.#readId = this.#nextEventId;
    }
    this.#ledger = await LedgerFile.open(this.#options.directory, this.#ledgerState(), scan.ledgerGeneration);
    this.#ledgerDirty = false;
    this.#syncTimer = setInterval(
      () => void this.sync().catch((error: unknown) => this.#syncFailed(error)),
      this.#options.syncIntervalMs,
    );
    this.#syncTimer.unref();
  }

  async #openWriter(id: number): Promise<void> {
    const writer = await open(join(this.#options.directory, dataFileName(id)), 'w+');
    this.#writer = writer;
    this.#writerId = id;
    this.#writerOffset = 0;
    this.#files.set(id, { size: 0, validEnd: 0 });
  }

  get unreadEvents(): number {
    return this.#unread;
  }

  usage(): BufferUsage {
    return {
      events: this.#unread,
      bytes: this.#bytesOnDisk,
      maxEvents: undefined,
      maxBytes: this.#options.maxSize,
    };
  }

  write(batch: Batch): Promise<number> {
    const result = this.#writeQueue.then(() => this.#write(batch));
    this.#writeQueue = result.catch(() => {});
    return result;
  }

  async #write(batch: Batch): Promise<number> {
    if (this.#closed) throw this.#closedError();
    if (this.#failing || batch.length === 0) return 0;
    let events = batch;
    let record = this.#encode(events);
    if (record === undefined) {
      // An event the codec cannot write (nested past the limit): the events before it go on, and
      // it is rejected alone once it leads the batch; never a failed write of the whole batch.
      const first = this.#firstUnencodable(events);
      if (first === 0) return this.#rejectUnencodable(events[0] as LogEvent);
      events = events.slice(0, first);
      record = this.#encoder.encode(this.#nextEventId, events);
    }
    // The hard limits: files on disk never exceed max_size (ledger included), and a record never
    // exceeds what the reader accepts. Take the prefix that fits.
    while (
      record.length > MAX_RECORD_BYTES ||
      this.#bytesOnDisk + record.length + RESERVED_BYTES > this.#options.maxSize
    ) {
      if (events.length === 1) return this.#cannotFit(events, record.length);
      events = events.slice(0, Math.floor(events.length / 2));
      record = this.#encoder.encode(this.#nextEventId, events);
    }
    try {
      if (this.#writerOffset > 0 && this.#writerOffset + record.length > this.#options.maxDataFileSize)
        await this.#roll();
      const written = this.#fileOperations.write(this.#writer.fd, record, this.#writerOffset);
      if (written !== record.length)
        throw Object.assign(new Error(`short write (${written} of ${record.length} bytes)`), {
          code: 'ESHORT',
        });
    } catch (error) {
      await this.#rollBack(error);
      return 0;
    }
    this.#writerOffset += record.length;
    this.#bytesOnDisk += record.length;
    const file = this.#files.get(this.#writerId) as DataFile;
    file.size = this.#writerOffset;
    file.validEnd = this.#writerOffset;
    this.#nextEventId += events.length;
    this.#unread += events.length;
    this.#dirty = true;
    this.#ledgerDirty = true;
    // The buffer owns the events now: the writer's side of the acknowledgement is done.
    finalizeEvents(events, 'delivered');
    this.#dataArrived.notify();
    return events.length;
  }

  /** The record of `events`, or undefined when one of them cannot be encoded. */
  #encode(events: Batch): Buffer | undefined {
    try {
      return this.#encoder.encode(this.#nextEventId, events);
    } catch {
      return undefined;
    }
  }

  /** The index of the first event that cannot be encoded on its own (the batch's length if none). */
  #firstUnencodable(events: Batch): number {
    for (let index = 0; index < events.length; index += 1)
      if (this.#encode([events[index] as LogEvent]) === undefined) return index;
    return events.length;
  }

  /** An event the codec refuses: rejected and counted, so it never blocks the events behind it. */
  #rejectUnencodable(event: LogEvent): number {
    const { metrics } = this.#options;
    let reason = 'unknown';
    try {
      this.#encoder.encode(this.#nextEventId, [event]);
    } catch (error) {
      reason = String((error as Error).message ?? error);
    }
    metrics.counter('buffer_errors_total', { error_code: 'encode_failed' }).increment();
    metrics.counter('buffer_discarded_events_total', { intentional: 'false' }).increment();
    this.#errors.write('disk buffer rejected an event it cannot encode', {
      error_code: 'encode_failed',
      error: reason,
    });
    finalizeEvents([event], 'rejected');
    return 1;
  }

  /**
   * One event whose record does not fit now. Larger than `max_size` itself, it never will: it is
   * rejected and counted rather than left to block the pipeline forever (the contract: a stage never
   * deadlocks on a batch). Otherwise the buffer is full until acknowledgements free space; if the
   * file being written is what stands in the way, it is rolled, since that file is never deleted.
   */
  async #cannotFit(events: Batch, recordBytes: number): Promise<number> {
    const { maxSize, metrics } = this.#options;
    if (recordBytes + RESERVED_BYTES > maxSize || recordBytes > MAX_RECORD_BYTES) {
      metrics.counter('buffer_errors_total', { error_code: 'event_too_large' }).increment();
      metrics.counter('buffer_discarded_events_total', { intentional: 'false' }).increment(events.length);
      this.#errors.write(
        'disk buffer rejected an event larger than max_size or than a record may be; it can never be buffered',
        {
          record_bytes: recordBytes,
          max_size: maxSize,
          max_record_bytes: MAX_RECORD_BYTES,
        },
      );
      finalizeEvents(events, 'rejected');
      return events.length;
    }
    this.#full = true;
    if (this.#writerOffset > 0 && this.#writerOffset + recordBytes + RESERVED_BYTES > maxSize) {
      try {
        await this.#roll();
      } catch (error) {
        await this.#rollBack(error);
        return 0;
      }
      this.#deleteAcknowledgedLater();
    }
    return 0;
  }

  /** A failed write leaves nothing behind: truncate to the last good offset, then act as full. */
  async #rollBack(error: unknown): Promise<void> {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    try {
      await this.#writer.truncate(this.#writerOffset);
    } catch {
      // The disk may refuse even that; the next recovery truncates the torn tail.
    }
    this.#options.metrics.counter('buffer_errors_total', { error_code: 'write_failed' }).increment();
    this.#errors.write(
      `disk buffer write failed (${code}); the buffer acts as full until writing works again`,
      {
        error: String((error as Error).message ?? error),
      },
    );
    this.#failing = true;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#failing = false;
      this.#spaceFreed.notify();
    }, this.#options.retryIntervalMs ?? 1000);
    this.#retryTimer.unref();
  }

  /**
   * Writing goes on in a new file while the full one is made durable in the background; `sync()` and
   * `close()` wait for that first, so nothing written later is synced before it.
   */
  async #roll(): Promise<void> {
    const full = this.#writer;
    const dirty = this.#dirty;
    // Opened first: when even an empty file cannot be created, writing goes on where it was.
    await this.#openWriter(this.#writerId + 1);
    this.#rolled = this.#rolled.then(async () => {
      try {
        if (dirty) await full.datasync();
      } catch (error) {
        this.#syncFailed(error);
      } finally {
        await full.close();
      }
    });
    this.#dirty = false;
  }

  #syncFailed(error: unknown): void {
    this.#options.metrics.counter('buffer_errors_total', { error_code: 'sync_failed' }).increment();
    this.#errors.write('disk buffer fsync failed; written data may not survive a power loss', {
      error: String(error),
    });
  }

  async read(maxEvents: number): Promise<Batch> {
    // Closing sets the writer's descriptor to -1 at once: a read now (an abandoned sink at the
    // shutdown deadline) would fail on it and count intact events as lost.
    if (this.#closing) throw this.#closedError();
    const output: LogEvent[] = [];
    while (this.#unread > 0 && output.length < maxEvents) {
      const next = this.#cursor.next();
      if (next === undefined) {
        // At the writer's position: what is still unread was in records damaged after they were written.
        this.#lose(this.#nextEventId, this.#unread);
        break;
      }
      if (next.firstId > this.#readId) {
        const gap = next.firstId - Math.max(this.#readId, this.#skipBelowId);
        this.#lose(next.firstId, gap - (this.#countedGaps.get(next.firstId) ?? 0), next.size);
      }
      this.#readId = Math.max(this.#readId, next.firstId + next.count);
      const decoded = this.#decode(next);
      const events = decoded.filter((_, index) => next.firstId + index >= this.#skipBelowId);
      const entry: Outstanding = {
        endEventId: next.firstId + next.count,
        fileId: this.#cursor.fileId,
        endOffset: this.#cursor.offset,
        done: false,
      };
      this.#outstanding.push(entry);
      if (events.length === 0) {
        entry.done = true;
        this.#advanceAcknowledged();
        continue;
      }
      attachFinalizer(events, () => {
        entry.done = true;
        this.#advanceAcknowledged();
      });
      this.#unread -= events.length;
      output.push(...events);
    }
    if (this.#unread < 0) this.#unread = 0;
    return output;
  }

  /**
   * The reader found that the events before `untilId` are gone (damaged or deleted while running):
   * counted and logged as recovery would, unless recovery counted this gap already. The acknowledged
   * position may then move past the gap, to the record at `untilId` (`recordSize` bytes back, or the
   * read position itself), so that a restart does not count it again.
   */
  #lose(untilId: number, lost: number, recordSize = 0): void {
    this.#readId = untilId;
    this.#countedGaps.delete(untilId);
    if (lost <= 0) return;
    const { metrics } = this.#options;
    metrics.counter('buffer_discarded_events_total', { intentional: 'false' }).increment(lost);
    this.#unread -= lost;
    this.#errors.read(`disk buffer: ${lost} events were lost to data damaged or deleted while running`, {
      cause: this.#readProblem,
      first_missing_event_id: untilId - lost,
    });
    this.#outstanding.push({
      endEventId: untilId,
      fileId: this.#cursor.fileId,
      endOffset: this.#cursor.offset - recordSize,
      done: true,
    });
    this.#advanceAcknowledged();
  }

  /** Counts a problem the reader stepped over; the events it cost are counted at the next record. */
  #readFault(code: string, offset: number, detail: string): void {
    this.#readProblem = `${code} in ${dataFileName(this.#cursor.fileId)} at ${offset}: ${detail}`;
    if (this.#knownCorrupt.has(`${dataFileName(this.#cursor.fileId)}:${offset}`)) return;
    this.#options.metrics.counter('buffer_errors_total', { error_code: code }).increment();
  }

  /**
   * The events of a record read from disk. A record whose checksum holds but whose events do not
   * decode (written by an incompatible build) is skipped and its events counted as lost, like a
   * corrupt one: the reader never throws on the data it finds.
   */
  #decode(record: { firstId: number; count: number; payload: Buffer }): Batch {
    try {
      return decodeRecordEvents(record.payload);
    } catch (error) {
      const { metrics } = this.#options;
      // Events below the acknowledged id were delivered before: only the rest are lost.
      const lost = Math.max(0, Math.min(record.count, record.firstId + record.count - this.#skipBelowId));
      metrics.counter('buffer_errors_total', { error_code: 'undecodable' }).increment();
      metrics.counter('buffer_discarded_events_total', { intentional: 'false' }).increment(lost);
      this.#unread -= lost;
      this.#errors.write(`disk buffer: a record's ${lost} events could not be decoded and are lost`, {
        error: String(error),
        first_event_id: record.firstId,
      });
      return [];
    }
  }

  /** Acknowledgements may come out of order: the acked position advances over the done prefix only. */
  #advanceAcknowledged(): void {
    let advanced = false;
    while (this.#outstanding[0]?.done === true) {
      const entry = this.#outstanding.shift() as Outstanding;
      this.#acked = { eventId: entry.endEventId, fileId: entry.fileId, offset: entry.endOffset };
      advanced = true;
    }
    if (!advanced) return;
    this.#ledgerDirty = true;
    this.#deleteAcknowledgedLater();
  }

  #deleteAcknowledgedLater(): void {
    this.#deletions = this.#deletions
      .then(() => this.#deleteAcknowledgedFiles())
      .catch((error: unknown) => {
        this.#options.logger.error('deleting acknowledged data files failed', { error: String(error) });
      });
  }

  async #deleteAcknowledgedFiles(): Promise<void> {
    const deletable = [...this.#files.entries()].filter(
      ([id, file]) =>
        id !== this.#writerId &&
        (id < this.#acked.fileId || (id === this.#acked.fileId && this.#acked.offset >= file.size)),
    );
    if (deletable.length === 0) return;
    // The ledger moves past a file before the file goes: a crash never leaves a ledger pointing at
    // data that was deleted (which would look like lost events).
    await this.#writeLedger();
    for (const [id, file] of deletable) {
      if (!this.#files.delete(id)) continue;
      this.#bytesOnDisk -= file.size;
      this.#cursor.forget(id);
      await unlink(join(this.#options.directory, dataFileName(id))).catch(() => {});
      this.#full = false;
    }
    if (!this.#full) this.#spaceFreed.notify();
  }

  waitForSpace(signal: AbortSignal): Promise<void> {
    if (!this.#failing && !this.#full) return Promise.resolve();
    return this.#spaceFreed.wait(signal);
  }

  waitForData(signal: AbortSignal): Promise<void> {
    if (this.#unread > 0) return Promise.resolve();
    return this.#dataArrived.wait(signal);
  }

  /** Makes written records durable (fsync) and records the positions in the ledger. */
  async sync(): Promise<void> {
    if (this.#closed) return;
    await this.#deletions;
    await this.#rolled;
    if (this.#dirty) {
      this.#dirty = false;
      await this.#writer.datasync();
    }
    if (this.#ledgerDirty) await this.#writeLedger();
  }

  #writeLedger(): Promise<void> {
    const result = this.#ledgerQueue.then(() => this.#replaceLedger());
    this.#ledgerQueue = result.catch(() => {});
    return result;
  }

  #ledgerState(): Ledger {
    return {
      ackedEventId: this.#acked.eventId,
      ackedFileId: this.#acked.fileId,
      ackedOffset: this.#acked.offset,
      nextEventId: this.#nextEventId,
    };
  }

  /** Rewrites the ledger in place (see ledger.ts): needs no new space, so it works on a full disk. */
  async #replaceLedger(): Promise<void> {
    if (this.#ledger === undefined) return;
    this.#ledgerDirty = false;
    try {
      await this.#ledger.write(this.#ledgerState());
    } catch (error) {
      this.#ledgerDirty = true;
      throw error;
    }
  }

  /**
   * For crash tests: stops like a killed process would, without the final sync or ledger write,
   * leaving the lock file of a dead owner.
   */
  async simulateCrash(): Promise<void> {
    clearInterval(this.#syncTimer);
    clearTimeout(this.#retryTimer);
    await this.#writeQueue;
    await this.#deletions;
    await this.#ledgerQueue;
    await this.#rolled;
    this.#closing = true;
    this.#closed = true;
    this.#cursor.close();
    await this.#writer.close();
    await this.#ledger?.close();
    // As a killed process: the kernel frees the lock, its file still names this process.
    await this.#lock.abandon();
    this.#releaseReservation();
  }

  #closedError(): SluiceError {
    return new SluiceError(ErrorCode.bufferIo, `disk buffer ${this.#options.directory} is closed`);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closing = true;
    clearInterval(this.#syncTimer);
    clearTimeout(this.#retryTimer);
    try {
      await this.#writeQueue;
      await this.#deletions;
      if (this.#writer !== undefined) {
        await this.sync();
        await this.#writer.close();
      }
    } finally {
      this.#closed = true;
      this.#cursor.close();
      await this.#ledger?.close().catch(() => {});
      await this.#lock.release();
      this.#releaseReservation();
      this.#spaceFreed.notify();
      this.#dataArrived.notify();
    }
  }
}
