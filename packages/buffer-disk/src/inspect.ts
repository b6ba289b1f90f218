import { stat } from 'node:fs/promises';
import type { Ledger } from './ledger.js';
import { type ScannedFile, type ScanProblem, scanBuffer } from './scan.js';

export interface DiskBufferReport {
  directory: string;
  healthy: boolean;
  ledger: Ledger | undefined;
  /** `slots`: the checksummed two-slot ledger; `json`: the previous release's (read, migrated on start). */
  ledgerFormat: 'slots' | 'json' | 'none';
  ledgerGeneration: number;
  files: ScannedFile[];
  totalBytes: number;
  unreadEvents: number;
  lostEvents: number;
  problems: ScanProblem[];
}

/** Checks a disk buffer offline, without changing it: positions, sizes, unread events, corruption. */
export async function inspectDiskBuffer(directory: string): Promise<DiskBufferReport> {
  await stat(directory);
  const scan = await scanBuffer(directory);
  return {
    directory,
    healthy: scan.problems.length === 0,
    ledger: scan.ledger,
    ledgerFormat: scan.ledgerFormat,
    ledgerGeneration: scan.ledgerGeneration,
    files: scan.files,
    totalBytes: scan.files.reduce((sum, file) => sum + file.size, 0),
    unreadEvents: scan.unreadEvents,
    lostEvents: scan.lostEvents,
    problems: scan.problems,
  };
}

export function formatDiskBufferReport(report: DiskBufferReport): string {
  const lines = [`disk buffer ${report.directory}: ${report.healthy ? 'OK' : 'PROBLEMS FOUND'}`];
  lines.push(
    report.ledger === undefined
      ? 'ledger: none'
      : `ledger: acknowledged up to event ${report.ledger.ackedEventId} (file ${report.ledger.ackedFileId}, offset ${report.ledger.ackedOffset}); next event id ${report.ledger.nextEventId}; ${report.ledgerFormat === 'json' ? 'previous-release format (migrated on start)' : `generation ${report.ledgerGeneration}`}`,
  );
  lines.push(
    `size on disk: ${report.totalBytes} bytes in ${report.files.length} data files; unread events: ${report.unreadEvents}`,
  );
  for (const file of report.files) {
    lines.push(
      `  ${file.name}: ${file.size} bytes, ${file.records} records, ${file.events} events, valid up to ${file.validEnd}`,
    );
  }
  if (report.lostEvents > 0) lines.push(`lost events: ${report.lostEvents}`);
  for (const problem of report.problems) {
    lines.push(
      `  problem: ${problem.code}${problem.file === undefined ? '' : ` in ${problem.file}`}${problem.offset === undefined ? '' : ` at ${problem.offset}`}: ${problem.detail}`,
    );
  }
  return lines.join('\n');
}
