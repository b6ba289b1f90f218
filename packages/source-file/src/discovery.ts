import { lstatSync, type Stats, statSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { walkInclude } from './glob.js';
import type { Reporter } from './reporting.js';
import type { FileServerSettings } from './settings.js';
import { ageOf, olderFirst } from './watcher.js';

/** Paths statted between two turns of the event loop during discovery (sync stats are 5x cheaper). */
const STAT_SLICE = 256;

/** A regular file found by a search. */
export interface Candidate {
  path: string;
  stats: Stats;
}

export interface Found {
  /** Every path the patterns matched (regular files or not). */
  paths: Set<string>;
  /** The regular files among them; on the first search, oldest first (as Vector sorts them). */
  candidates: Candidate[];
  /** The first search (at startup). */
  atStartup: boolean;
  /** How long the search took (globbing and stats). */
  scanMs: number;
}

/** A path that is not a regular file: why it is skipped (`files_skipped_total{reason}`). */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return 'device';
  return 'not_a_regular_file';
}

/**
 * Finds the files the patterns match: one walk per include pattern, one `stat` per path (in slices,
 * the event loop stays free). A pattern matching nothing is logged once; a path that is not a
 * regular file, or cannot be read, once per episode.
 */
export class Discovery {
  readonly #settings: FileServerSettings;
  readonly #reporter: Reporter;
  readonly #patternsMatching = new Map<string, boolean>();
  #first = true;

  constructor(settings: FileServerSettings, reporter: Reporter) {
    this.#settings = settings;
    this.#reporter = reporter;
  }

  async find(): Promise<Found> {
    const started = Date.now();
    const paths = new Set<string>();
    for (const include of this.#settings.include) {
      const found = await walkInclude(include, ({ path, error }) => {
        this.#reporter.metrics.errors('globbing', 'reader_failed').increment();
        this.#reporter.report('globbing', 'error', 'failed to glob path', { path, error: error.message });
      });
      let matching = false;
      for (const path of found) {
        if (this.#settings.exclude.some((exclude) => exclude(path))) continue;
        paths.add(path);
        matching = true;
      }
      const before = this.#patternsMatching.get(include.pattern);
      if (!matching && before !== false)
        this.#reporter.logger.warn(
          'include pattern matches no file (yet); it is checked again every glob cooldown',
          {
            pattern: include.pattern,
          },
        );
      this.#patternsMatching.set(include.pattern, matching);
    }
    const candidates: Array<{ path: string; stats: Stats }> = [];
    let sliced = 0;
    for (const path of paths) {
      if (++sliced % STAT_SLICE === 0) await nextTurn();
      const stats = this.#stat(path);
      if (stats !== undefined) candidates.push({ path, stats });
    }
    this.#reporter.retain(paths);
    // Vector sorts the files found at startup by creation time (the order of `oldest_first`).
    if (this.#first) candidates.sort((first, second) => olderFirst(ageOf(first.stats), ageOf(second.stats)));
    const atStartup = this.#first;
    this.#first = false;
    return { paths, candidates, atStartup, scanMs: Date.now() - started };
  }

  /** Stats a globbed path; undefined (reported once) when it is not a regular file we can read. */
  #stat(path: string): Stats | undefined {
    let stats: Stats | undefined;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch (error) {
      this.#reporter.reportOnce(path, `stat:${(error as NodeJS.ErrnoException).code}`, () => {
        this.#reporter.metrics.errors('reading_fingerprint', 'reader_failed').increment();
        this.#reporter.report('stat', 'warn', 'cannot read file: skipped until it can be', {
          file: path,
          error: (error as Error).message,
        });
      });
      return undefined;
    }
    if (stats === undefined) {
      // Gone since the glob, or a symbolic link to nothing.
      const dangling = (() => {
        try {
          return lstatSync(path).isSymbolicLink();
        } catch {
          return false;
        }
      })();
      if (dangling && !this.#settings.ignoreNotFound)
        this.#reporter.reportOnce(path, 'dangling', () => {
          this.#reporter.metrics.skipped('dangling_symlink').increment();
          this.#reporter.report(
            'dangling',
            'warn',
            'skipping a symbolic link to nothing (ignore_not_found silences this)',
            {
              file: path,
            },
          );
        });
      return undefined;
    }
    if (!stats.isFile()) {
      const reason = kindOf(stats);
      this.#reporter.reportOnce(path, reason, () => {
        this.#reporter.metrics.skipped(reason).increment();
        this.#reporter.report(
          `skip-${reason}`,
          reason === 'directory' ? 'info' : 'warn',
          `skipping a ${reason.replace('_', ' ')} matched by include`,
          {
            file: path,
          },
        );
      });
      return undefined;
    }
    return stats;
  }
}
