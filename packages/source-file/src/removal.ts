import { statSync, unlink } from 'node:fs';
import type { Reporter } from './reporting.js';
import type { Watcher } from './watcher.js';

/**
 * `remove_after_secs`: a file read to its end, quiet that long, and whose lines were all
 * finalized downstream is deleted (Vector deletes at the end of file, before delivery).
 */
export function removeFinishedFiles(
  watchers: Iterable<Watcher>,
  grace: number | undefined,
  reporter: Reporter,
  now: number,
): void {
  if (grace === undefined) return;
  for (const watcher of watchers) {
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
        reporter.metrics.filesDeleted.increment();
        reporter.logger.info('file deleted (remove_after_secs)', { file: path });
        return;
      }
      reporter.metrics.errors('deletion_failed', 'command_failed').increment();
      reporter.report('delete', 'error', 'failed in deleting file', {
        file: path,
        error: error.message,
      });
    });
    watcher.findable = false;
    watcher.unfindableSince = now;
  }
}
