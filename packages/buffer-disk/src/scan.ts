import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRecord } from './format.js';
import { LEDGER_FILE, type Ledger, type LedgerReading, readLedger } from './ledger.js';

export const LOCK_FILE = 'buffer.lock';
const DATA_FILE = /^buffer-data-(\d+)\.dat$/;

export function dataFileName(id: number): string {
  return `buffer-data-${String(id).padStart(6, '0')}.dat`;
}

export interface ScanProblem {
  code:
    | 'torn_tail'
    | 'zero_length'
    | 'bad_length'
    | 'checksum_mismatch'
    | 'missing_data_file'
    | 'lost_events'
    | 'ledger_ahead'
    | 'ledger_mismatch'
    | 'bad_ledger';
  file?: string;
  offset?: number;
  detail: string;
}

export interface ScannedFile {
  id: number;
  name: string;
  size: number;
  /** Records are valid up to here; past it (a torn tail, garbage) is skipped. */
  validEnd: number;
  records: number;
  events: number;
}

export interface ScanResult {
  ledger: Ledger | undefined;
  ledgerFormat: LedgerReading['format'];
  ledgerGeneration: number;
  files: ScannedFile[];
  /** Files wholly before the acknowledged position: deletable. */
  acknowledgedFiles: number[];
  problems: ScanProblem[];
  /** Events lost to corruption or missing files, counted from id gaps. */
  lostEvents: number;
  unreadEvents: number;
  readStart: { fileId: number; offset: number };
  /** Events with a smaller id were acknowledged: the reader skips them. */
  firstUnackedId: number;
  /** The id the reader expects first: a record starting later shows a gap. */
  firstExpectedId: number;
  /** Gaps counted here, by the first id after each: the reader must not count those events again. */
  countedGaps: Map<number, number>;
  nextEventId: number;
}

/** Steps over a corrupt record when the record after it is valid (only its payload was damaged). */
export function resyncOffset(buffer: Buffer, offset: number, corruptSize: number): number | undefined {
  const next = offset + corruptSize;
  if (next >= buffer.length) return undefined;
  return parseRecord(buffer, next).kind === 'record' ? next : undefined;
}

/**
 * Reads every data file from the acknowledged position on and works out where valid data ends,
 * what is unread, and what was lost (counted exactly from event-id gaps). Read-only: recovery and
 * `sluice buffer inspect` share it.
 */
export async function scanBuffer(directory: string): Promise<ScanResult> {
  const reading = await readLedger(directory);
  const { ledger, problem } = reading;
  const problems: ScanProblem[] = [];
  if (problem !== undefined) problems.push({ code: 'bad_ledger', file: LEDGER_FILE, detail: problem });
  const ids = (await readdir(directory))
    .map((name) => DATA_FILE.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((first, second) => first - second);
  const startFile = ledger?.ackedFileId ?? ids[0] ?? 0;
  let startOffset = ledger?.ackedOffset ?? 0;
  let expected: number | undefined = ledger?.ackedEventId;
  let firstUnackedId = ledger?.ackedEventId ?? 0;
  let firstExpectedId: number | undefined = expected;
  let seenRecord = false;
  const countedGaps = new Map<number, number>();
  let lostEvents = 0;
  let unreadEvents = 0;
  const files: ScannedFile[] = [];
  const acknowledgedFiles = ids.filter((id) => id < startFile);
  let previousId: number | undefined;
  for (const id of ids.filter((candidate) => candidate >= startFile)) {
    const name = dataFileName(id);
    if (previousId !== undefined && id !== previousId + 1) {
      problems.push({
        code: 'missing_data_file',
        file: dataFileName(previousId + 1),
        detail: `data files ${previousId + 1}..${id - 1} are missing`,
      });
    }
    previousId = id;
    const buffer = await readFile(join(directory, name));
    let offset = id === startFile ? startOffset : 0;
    if (offset > buffer.length) {
      problems.push({
        code: 'ledger_ahead',
        file: name,
        offset,
        detail: `the ledger points past the end of the data (${buffer.length} bytes)`,
      });
      offset = buffer.length;
    }
    startOffset = 0;
    const scanned: ScannedFile = { id, name, size: buffer.length, validEnd: offset, records: 0, events: 0 };
    while (offset < buffer.length) {
      const parsed = parseRecord(buffer, offset);
      if (parsed.kind === 'incomplete') {
        problems.push({
          code: 'torn_tail',
          file: name,
          offset,
          detail: `${buffer.length - offset} bytes of an unfinished record`,
        });
        break;
      }
      if (parsed.kind === 'corrupt') {
        const next = resyncOffset(buffer, offset, parsed.size);
        problems.push({
          code: parsed.reason,
          file: name,
          offset,
          detail: next === undefined ? 'the rest of the file is skipped' : 'the record is skipped',
        });
        if (next === undefined) break;
        offset = next;
        continue;
      }
      const end = parsed.firstId + parsed.count;
      if (expected === undefined) {
        expected = parsed.firstId;
        firstExpectedId = expected;
      }
      if (!seenRecord && parsed.firstId < expected) {
        // The record at the acknowledged position starts before the acknowledged id: the ledger
        // disagrees with the data. The data wins: its events are delivered again, never skipped.
        problems.push({
          code: 'ledger_mismatch',
          file: name,
          offset,
          detail: `the ledger says events up to ${expected - 1} were acknowledged, but the record at its position starts at event ${parsed.firstId}; reading from there`,
        });
        expected = parsed.firstId;
        firstUnackedId = parsed.firstId;
        firstExpectedId = parsed.firstId;
      }
      seenRecord = true;
      if (parsed.firstId > expected) {
        lostEvents += parsed.firstId - expected;
        countedGaps.set(parsed.firstId, parsed.firstId - expected);
        problems.push({
          code: 'lost_events',
          file: name,
          offset,
          detail: `events ${expected}..${parsed.firstId - 1} are missing`,
        });
      }
      if (end > expected) {
        unreadEvents += end - Math.max(parsed.firstId, expected, firstUnackedId);
        expected = end;
      }
      scanned.records += 1;
      scanned.events += parsed.count;
      offset += parsed.size;
    }
    scanned.validEnd = offset;
    files.push(scanned);
  }
  let nextEventId = expected ?? ledger?.nextEventId ?? 0;
  if (ledger !== undefined && ledger.nextEventId > nextEventId) {
    lostEvents += ledger.nextEventId - nextEventId;
    countedGaps.set(ledger.nextEventId, ledger.nextEventId - nextEventId);
    problems.push({
      code: 'lost_events',
      detail: `events ${nextEventId}..${ledger.nextEventId - 1} written before the last sync are missing`,
    });
    nextEventId = ledger.nextEventId;
  }
  return {
    ledger,
    ledgerFormat: reading.format,
    ledgerGeneration: reading.generation,
    files,
    acknowledgedFiles,
    problems,
    lostEvents,
    unreadEvents: Math.max(0, unreadEvents),
    readStart: {
      fileId: files[0]?.id ?? startFile,
      offset:
        files[0] === undefined
          ? 0
          : Math.min(ledger?.ackedFileId === files[0].id ? (ledger?.ackedOffset ?? 0) : 0, files[0].size),
    },
    firstUnackedId,
    firstExpectedId: firstExpectedId ?? nextEventId,
    countedGaps,
    nextEventId,
  };
}
