import { type FSWatcher, watch } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Vector's delay: changes are collected for a second, then one reload. */
export const WATCH_CONFIG_DELAY_MS = 1_000;

export interface WatchConfigOptions {
  /** The config files: their directories are watched, so a file an editor replaces by rename is seen. */
  files: readonly string[];
  /** Directories whose every file counts (`--config-dir`). */
  directories: readonly string[];
  /** Called once per burst of changes, `delayMs` after the last one. */
  onChange: () => void;
  delayMs?: number;
  signal: AbortSignal;
  /** A directory that cannot be watched. */
  warn: (message: string) => void;
}

/**
 * Watches config files for `--watch-config`. A directory watch (not a file watch) because editors
 * and `kubectl`'s config maps replace a file by renaming a new one over it, which ends a watch on the
 * old file. Call `update` with the files of a reloaded config.
 */
export function watchConfig(options: WatchConfigOptions): { update(files: readonly string[]): void } {
  const delayMs = options.delayMs ?? WATCH_CONFIG_DELAY_MS;
  const watchers = new Map<string, FSWatcher>();
  let names = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(options.onChange, delayMs);
  };
  const watchDirectory = (directory: string, every: boolean) => {
    if (watchers.has(directory)) return;
    try {
      const watcher = watch(directory, (_event, name) => {
        if (every || name === null || names.has(resolve(directory, name))) changed();
      });
      watcher.on('error', (error) => options.warn(`cannot watch ${directory}: ${error.message}`));
      watchers.set(directory, watcher);
    } catch (error) {
      options.warn(`cannot watch ${directory}: ${(error as Error).message}`);
    }
  };
  const update = (files: readonly string[]) => {
    names = new Set(files.map((file) => resolve(file)));
    for (const file of names) watchDirectory(dirname(file), false);
  };
  for (const directory of options.directories) watchDirectory(resolve(directory), true);
  update(options.files);
  options.signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
    },
    { once: true },
  );
  return { update };
}
