import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { HEADER_BYTES, parseRecord } from './format.js';
import { dataFileName, resyncOffset } from './scan.js';

const READ_CHUNK_BYTES = 1024 * 1024;

/** What the buffer knows of a data file: its size and where its valid records end. */
export interface DataFile {
  size: number;
  validEnd: number;
}

interface ReadChunk {
  fileId: number;
  start: number;
  buffer: Buffer;
  short: boolean;
}

export interface ReadCursorOptions {
  directory: string;
  /** The data files by id, kept up to date by the buffer. */
  files: ReadonlyMap<number, DataFile>;
  /** The file being written: read through the writer's descriptor, up to what was written. */
  writer(): { id: number; offset: number; fd: number };
  /** A problem stepped over at `offset` of the file being read; the events it cost show at the next record. */
  onFault(code: string, offset: number, detail: string): void;
}

/**
 * The read position of a disk buffer and the reading at it: chunks of a data file read into reused
 * storage, the next valid record found there, damage stepped over as recovery would.
 */
export class ReadCursor {
  /** The data file and the offset in it of the next record to read. */
  fileId = 0;
  offset = 0;
  readonly #options: ReadCursorOptions;
  #chunk: ReadChunk | undefined;
  readonly #storage = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  #reader: { fileId: number; fd: number } | undefined;

  constructor(options: ReadCursorOptions) {
    this.#options = options;
  }

  #fault(code: string, offset: number, detail: string): void {
    this.#options.onFault(code, offset, detail);
  }

  /**
   * The next valid record at the read position, stepping over finished files and, as recovery
   * would, over whatever was damaged since it was written: corrupt records, a file cut short or
   * deleted, a read error. Never loops on them: each step moves the read position forward.
   */
  next(): { firstId: number; count: number; size: number; payload: Buffer } | undefined {
    for (;;) {
      const files = this.#options.files;
      const writer = this.#options.writer();
      const file = files.get(this.fileId);
      const end = this.fileId === writer.id ? writer.offset : (file?.validEnd ?? 0);
      if (file === undefined || this.offset >= end) {
        if (this.fileId >= writer.id) return undefined;
        this.fileId = Math.min(...[...files.keys()].filter((id) => id > this.fileId));
        this.offset = 0;
        continue;
      }
      let chunk: ReadChunk;
      try {
        chunk = this.#chunkAt(this.fileId, this.offset, end);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        this.#fault(
          code === 'ENOENT' ? 'missing_data_file' : 'read_failed',
          this.offset,
          String((error as Error).message ?? error),
        );
        this.offset = end;
        continue;
      }
      const position = this.offset - chunk.start;
      const parsed = parseRecord(chunk.buffer, position);
      if (parsed.kind === 'record') {
        this.offset += parsed.size;
        return parsed;
      }
      if (
        parsed.kind === 'incomplete' &&
        !chunk.short &&
        chunk.start + chunk.buffer.length < end &&
        position + HEADER_BYTES <= chunk.buffer.length
      ) {
        const needed = HEADER_BYTES + chunk.buffer.readUInt32LE(position);
        // The cached chunk ends inside the record: the next turn reads it whole.
        if (this.offset + needed <= end) continue;
      }
      // Corrupt since recovery, or the file ends early: count it and skip as recovery would.
      const next = parsed.kind === 'corrupt' ? resyncOffset(chunk.buffer, position, parsed.size) : undefined;
      this.#fault(
        parsed.kind === 'corrupt' ? parsed.reason : 'torn_tail',
        this.offset,
        next === undefined ? 'the rest of the file is skipped' : 'the record is skipped',
      );
      this.offset = next === undefined ? end : chunk.start + next;
    }
  }

  /**
   * A chunk of the file holding the whole record at `offset` when the file has it (read again when
   * the cached one falls short). The chunk storage is reused: a record read from it must be decoded
   * before the next call. `short`: the file ended before `end` (it was cut while running).
   */
  #chunkAt(fileId: number, offset: number, end: number): ReadChunk {
    const cached = this.#chunk;
    if (cached !== undefined && cached.fileId === fileId && offset >= cached.start) {
      const position = offset - cached.start;
      if (position + HEADER_BYTES <= cached.buffer.length) {
        const recordEnd = position + HEADER_BYTES + cached.buffer.readUInt32LE(position);
        if (recordEnd <= cached.buffer.length) return cached;
      }
    }
    let minimum = 0;
    if (cached !== undefined && cached.fileId === fileId && offset >= cached.start) {
      const position = offset - cached.start;
      if (position + HEADER_BYTES <= cached.buffer.length)
        minimum = HEADER_BYTES + cached.buffer.readUInt32LE(position);
    }
    const length = Math.min(end - offset, Math.max(READ_CHUNK_BYTES, minimum));
    // Allocating a fresh megabyte per chunk made the garbage collector the largest cost of reading.
    const buffer = length <= READ_CHUNK_BYTES ? this.#storage : Buffer.allocUnsafe(length);
    const bytesRead = readSync(this.#readerFd(fileId), buffer, 0, length, offset);
    this.#chunk = {
      fileId,
      start: offset,
      buffer: buffer.subarray(0, bytesRead),
      short: bytesRead < length,
    };
    return this.#chunk;
  }

  /** A descriptor of the file being read, kept open while the reader stays in it. */
  #readerFd(fileId: number): number {
    const writer = this.#options.writer();
    if (fileId === writer.id) return writer.fd;
    if (this.#reader?.fileId !== fileId) {
      this.close();
      this.#reader = { fileId, fd: openSync(join(this.#options.directory, dataFileName(fileId)), 'r') };
    }
    return this.#reader.fd;
  }

  /** Forgets what it holds of a file about to be deleted. */
  forget(fileId: number): void {
    if (this.#chunk?.fileId === fileId) this.#chunk = undefined;
    if (this.#reader?.fileId === fileId) this.close();
  }

  /** Closes the descriptor it keeps open. */
  close(): void {
    if (this.#reader !== undefined) closeSync(this.#reader.fd);
    this.#reader = undefined;
  }
}
