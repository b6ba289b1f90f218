import type { FileOperations } from './io.js';
import type { Reporter } from './reporting.js';
import type { Watcher } from './watcher.js';

/**
 * The descriptors the source holds: at most `max_open_files`, least recently used closed first
 * (a file read to its end before one with data left); out of descriptors (`EMFILE`), fewer.
 */
export class Descriptors {
  readonly #files: FileOperations;
  readonly #reporter: Reporter;
  /** Watchers holding a descriptor, least recently used first. */
  readonly #open = new Set<Watcher>();
  #maxOpen: number;

  constructor(files: FileOperations, reporter: Reporter, maxOpen: number) {
    this.#files = files;
    this.#reporter = reporter;
    this.#maxOpen = maxOpen;
  }

  /** Closes every descriptor. */
  async closeAll(): Promise<void> {
    for (const watcher of [...this.#open]) await this.close(watcher);
  }

  /**
   * Gives `watcher` a descriptor (closing the least recently used one to stay within the budget), or
   * marks the one it has as just used. False when the file cannot be opened now (reported) or the
   * path names another inode.
   */
  async open(watcher: Watcher): Promise<boolean> {
    if (watcher.fd !== undefined) {
      this.#open.delete(watcher);
      this.#open.add(watcher);
      return true;
    }
    while (this.#open.size >= this.#maxOpen) if (!(await this.#evict())) return false;
    let descriptor: number;
    try {
      descriptor = await this.#files.open(watcher.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EMFILE' || code === 'ENFILE') {
        // The process ran out: hold fewer from now on, and try this one again later.
        this.#maxOpen = Math.max(1, this.#open.size - 1);
        this.#reporter.metrics.errors('too_many_open_files', 'reader_failed').increment();
        this.#reporter.report(
          'emfile',
          'warn',
          'out of file descriptors: holding fewer files open (raise `ulimit -n` or lower max_open_files)',
          {
            open: this.#open.size,
            error: (error as Error).message,
          },
        );
        return false;
      }
      if (code !== 'ENOENT')
        this.#reporter.reportOnce(watcher.path, `open:${code}`, () => {
          this.#reporter.metrics.errors('watching', 'command_failed').increment();
          this.#reporter.report('open', 'warn', 'failed to watch file: skipped until it can be opened', {
            file: watcher.path,
            error: (error as Error).message,
          });
        });
      return false;
    }
    const stats = await this.#files.fstat(descriptor).catch(() => undefined);
    if (stats === undefined || !stats.isFile() || stats.dev !== watcher.dev || stats.ino !== watcher.ino) {
      // The path names another file now (rotated between the glob and the open): next discovery sees it.
      await this.#files.close(descriptor);
      return false;
    }
    watcher.fd = descriptor;
    watcher.size = stats.size;
    this.#open.add(watcher);
    this.#reporter.metrics.descriptors.set(this.#open.size);
    return true;
  }

  /** Closes the least recently used descriptor of a file read to its end (one still findable). */
  async #evict(): Promise<boolean> {
    let victim: Watcher | undefined;
    for (const watcher of this.#open) {
      if (watcher.findable && (watcher.atEnd || watcher.finished)) {
        victim = watcher;
        break;
      }
    }
    if (victim === undefined) for (const watcher of this.#open) if (watcher.findable) victim ??= watcher;
    if (victim === undefined) return false;
    await this.close(victim);
    return true;
  }

  async close(watcher: Watcher): Promise<void> {
    const descriptor = watcher.fd;
    if (descriptor === undefined) return;
    watcher.fd = undefined;
    watcher.gzip = undefined;
    this.#open.delete(watcher);
    this.#reporter.metrics.descriptors.set(this.#open.size);
    await this.#files.close(descriptor);
  }
}
