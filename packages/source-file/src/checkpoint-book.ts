import { CheckpointFiles, type TailMark } from './checkpoints.js';
import { LogicalFile } from './logical-file.js';
import type { Reporter } from './reporting.js';
import type { FileServerSettings } from './settings.js';
import type { Watcher } from './watcher.js';

/** The soonest a checkpoint is written after acknowledgements moved it. */
const CHECKPOINT_DELAY_MS = 50;

/** One process may run one source per checkpoint directory; a reload's new instance takes over. */
const checkpointOwners = new Map<string, symbol>();

/**
 * The checkpoints of a source: the logical files (by id and by fingerprint), loaded from the
 * checkpoint files at start, written every `glob_minimum_cooldown_ms`, soon after acknowledgements
 * move them, and at close; those of files gone for good expire.
 */
export class CheckpointBook {
  readonly #settings: FileServerSettings;
  readonly #reporter: Reporter;
  readonly #files: CheckpointFiles;
  readonly #owner = Symbol('checkpoint owner');
  readonly #byFingerprint = new Map<string, LogicalFile[]>();
  readonly #byId = new Map<string, LogicalFile>();
  /** The checkpoint files were damaged: a file without a checkpoint is read from its beginning. */
  damaged = false;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #writeQueued = false;
  /** A write asked for by acknowledgements, not yet started. */
  #soon: NodeJS.Timeout | undefined;
  #lastWriteMs = 0;
  #closed = false;

  constructor(settings: FileServerSettings, reporter: Reporter) {
    this.#settings = settings;
    this.#reporter = reporter;
    this.#files = new CheckpointFiles(settings.directory);
  }

  /** Takes the directory over, loads its checkpoints and writes them every cooldown. */
  open(): void {
    checkpointOwners.set(this.#settings.directory, this.#owner);
    this.#load();
    this.#timer = setInterval(() => void this.write(), this.#settings.globCooldownMs);
    this.#timer.unref();
  }

  /** The files known by `fingerprint` (a restart, a rename, a copy may continue one). */
  withFingerprint(fingerprint: string): readonly LogicalFile[] {
    return this.#byFingerprint.get(fingerprint) ?? [];
  }

  /** Final checkpoints (with every outcome received so far); the directory is given up. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
    await this.write();
    if (checkpointOwners.get(this.#settings.directory) === this.#owner)
      checkpointOwners.delete(this.#settings.directory);
  }

  #load(): void {
    const loaded = this.#files.load();
    if (loaded.damaged) {
      this.damaged = true;
      this.#reporter.metrics.errors('reading_checkpoints', 'reader_failed').increment();
      this.#reporter.logger.error(
        'checkpoints are damaged: resuming from the checkpoints that verify; files without one are read from the beginning (duplicates rather than loss)',
        { directory: this.#settings.directory, problems: loaded.problems },
      );
    }
    if (loaded.origin === 'vector')
      this.#reporter.logger.info("imported the checkpoints of Vector's file source", {
        directory: this.#settings.directory,
        checkpoints: loaded.checkpoints.length,
      });
    const now = Date.now();
    for (const checkpoint of loaded.checkpoints) {
      if (this.#settings.ignoreBefore !== undefined && checkpoint.modified < this.#settings.ignoreBefore)
        continue;
      const logical = new LogicalFile(
        checkpoint.id,
        checkpoint.fingerprint,
        checkpoint.position,
        checkpoint.tail,
        checkpoint,
        true,
        checkpoint.modified,
      );
      logical.deadSince = now;
      this.#index(logical);
    }
  }

  #index(logical: LogicalFile): void {
    this.#byId.set(logical.id, logical);
    const list = this.#byFingerprint.get(logical.fingerprint);
    if (list === undefined) this.#byFingerprint.set(logical.fingerprint, [logical]);
    else list.push(logical);
  }

  #unindex(logical: LogicalFile): void {
    this.#byId.delete(logical.id);
    const list = this.#byFingerprint.get(logical.fingerprint);
    if (list === undefined) return;
    const remaining = list.filter((entry) => entry !== logical);
    if (remaining.length === 0) this.#byFingerprint.delete(logical.fingerprint);
    else this.#byFingerprint.set(logical.fingerprint, remaining);
  }

  /** A new logical file: the fingerprint is its id unless another file has it already. */
  newLogical(
    fingerprint: string,
    position: number,
    tail: TailMark | undefined,
    watcher: Watcher,
  ): LogicalFile {
    let id = fingerprint;
    for (let suffix = 2; this.#byId.has(id); suffix += 1) id = `${fingerprint}#${suffix}`;
    const logical = new LogicalFile(id, fingerprint, position, tail, watcher, false);
    logical.watcher = watcher;
    this.#index(logical);
    return logical;
  }

  /** Writes the checkpoints if they changed (every `glob_minimum_cooldown_ms`, and at close). */
  write(): Promise<void> {
    // One write at a time; a write asked for while one runs follows it (never a queue of them).
    if (this.#writeQueued) return this.#writing;
    this.#writeQueued = true;
    this.#writing = this.#writing.then(async () => {
      this.#writeQueued = false;
      // A reload's new instance took the directory over: its checkpoints are the ones that count.
      if (checkpointOwners.get(this.#settings.directory) !== this.#owner) return;
      this.#expire();
      const checkpoints = [...this.#byId.values()].map((logical) => logical.line());
      const started = Date.now();
      try {
        if (await this.#files.write(checkpoints))
          this.#reporter.metrics.checkpoints.increment(checkpoints.length);
      } catch (error) {
        this.#reporter.metrics.errors('writing_checkpoints', 'writer_failed').increment();
        this.#reporter.report('checkpoint-write', 'error', 'failed writing checkpoints; retrying', {
          directory: this.#settings.directory,
          error: (error as Error).message,
        });
      }
      this.#lastWriteMs = Date.now() - started;
    });
    return this.#writing;
  }

  /**
   * Acknowledgements moved a checkpoint: write it soon, so that what a crash sends again (lines
   * delivered, not yet checkpointed) stays small. Soon is 50 ms, or ten times as long as the last
   * write took (at most a tenth of the time writing checkpoints), at most the glob cooldown (when
   * Vector writes them).
   */
  soon(): void {
    if (this.#soon !== undefined || this.#closed) return;
    const delay = Math.min(
      this.#settings.globCooldownMs,
      Math.max(CHECKPOINT_DELAY_MS, this.#lastWriteMs * 10),
    );
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      void this.write();
    }, delay);
    this.#soon.unref();
  }

  /** Drops the checkpoints of files gone for `deadRetentionMs` whose lines are all finalized. */
  #expire(): void {
    const now = Date.now();
    for (const logical of [...this.#byId.values()]) {
      if (logical.watcher !== undefined || logical.deadSince === undefined) continue;
      if (logical.pending.length > 0 || now - logical.deadSince < this.#settings.deadRetentionMs) continue;
      if (logical.unreadBytes > 0) {
        this.#reporter.metrics.errors('unread_data_lost', 'reader_failed').increment();
        this.#reporter.report(
          'unread-lost',
          'warn',
          'a file went away with data never read (no copy of it appeared)',
          {
            file: logical.path,
            unread_bytes: logical.unreadBytes,
          },
        );
      }
      this.#unindex(logical);
    }
  }
}
