import { readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { fromVectorFingerprint } from './fingerprint.js';

/**
 * Where the bytes before a position hash to: the CRC-32 of up to `TAIL_BYTES` bytes before it. A
 * checkpoint is resumed only where the file still holds the same bytes there, so a file truncated
 * and rewritten, or another file with the same first lines, is never resumed in the middle.
 */
export interface TailMark {
  crc: number;
  length: number;
}

export const TAIL_BYTES = 128;

export function tailMarkOf(bytes: Uint8Array): TailMark {
  return { crc: crc32(bytes), length: bytes.length };
}

/** One file's checkpoint: everything before `position` was delivered (or finalized otherwise). */
export interface Checkpoint {
  /** Unique among the checkpoints: the fingerprint, with `#n` when files share a fingerprint. */
  id: string;
  fingerprint: string;
  position: number;
  /** Undefined for a checkpoint imported from Vector (it has none): then only the size is checked. */
  tail: TailMark | undefined;
  /** When `position` last moved (ms since the epoch), Vector's `modified`. */
  modified: number;
  /** Where the file was when the checkpoint was written (a hint, and for the logs). */
  path: string;
  dev: number;
  ino: number;
}

export interface LoadedCheckpoints {
  checkpoints: Checkpoint[];
  /**
   * The checkpoint files were damaged (or a Vector file could not be read): some files may have
   * lost their checkpoint. The source then reads a file it has no checkpoint for from the
   * beginning (duplicates) rather than from the end (loss).
   */
  damaged: boolean;
  /** What was wrong, one line per problem, for the log. */
  problems: string[];
  /** Where the checkpoints came from: our files, Vector's `checkpoints.json`, or nothing. */
  origin: 'sluice' | 'vector' | 'none';
}

const FORMAT = 'sluice-file-checkpoints';
export const CHECKPOINT_FILE = 'checkpoints.sluice';
const PREVIOUS_FILE = `${CHECKPOINT_FILE}.previous`;
const TEMPORARY_FILE = `${CHECKPOINT_FILE}.new`;
/** Vector's file in the same directory (`<data_dir>/<source id>/checkpoints.json`): imported once. */
const VECTOR_FILE = 'checkpoints.json';

/** One line of a checkpoint file: the CRC-32 of the JSON, a space, the JSON. */
export function checkpointLine(value: unknown): string {
  const json = JSON.stringify(value);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

interface ParsedFile {
  generation: number;
  checkpoints: Checkpoint[];
  problems: string[];
}

function isCheckpoint(value: unknown): value is Checkpoint {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  const tail = entry.tail as Record<string, unknown> | undefined | null;
  return (
    typeof entry.id === 'string' &&
    typeof entry.fingerprint === 'string' &&
    Number.isSafeInteger(entry.position) &&
    (entry.position as number) >= 0 &&
    (tail === undefined ||
      tail === null ||
      (Number.isInteger(tail.crc) && Number.isInteger(tail.length) && (tail.length as number) >= 0)) &&
    typeof entry.modified === 'number' &&
    typeof entry.path === 'string' &&
    typeof entry.dev === 'number' &&
    typeof entry.ino === 'number'
  );
}

/** Parses one of our files, keeping every line whose checksum holds; `undefined` when it is missing. */
function parseFile(path: string): ParsedFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { generation: -1, checkpoints: [], problems: [`${path}: ${(error as Error).message}`] };
  }
  const problems: string[] = [];
  const checkpoints: Checkpoint[] = [];
  let generation = -1;
  let end: number | undefined;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((text, index) => {
    const json = text.slice(9);
    const crc = Number.parseInt(text.slice(0, 8), 16);
    let value: unknown;
    try {
      if (text[8] !== ' ' || crc32(json) !== crc) throw new Error('checksum mismatch');
      value = JSON.parse(json);
    } catch {
      problems.push(`${path}: line ${index + 1} is damaged (checksum mismatch)`);
      return;
    }
    const record = value as Record<string, unknown>;
    if (index === 0 && record.format === FORMAT) {
      generation = typeof record.generation === 'number' ? record.generation : -1;
      if (record.version !== 1) problems.push(`${path}: unknown version ${String(record.version)}`);
    } else if (record.end === true) end = typeof record.entries === 'number' ? record.entries : -1;
    else if (isCheckpoint(record)) checkpoints.push({ ...record, tail: record.tail ?? undefined });
    else problems.push(`${path}: line ${index + 1} is not a checkpoint`);
  });
  if (generation === -1) problems.push(`${path}: the header is missing or damaged`);
  if (end === undefined) problems.push(`${path}: the end mark is missing (the file is cut short)`);
  else if (end !== checkpoints.length && problems.length === 0)
    problems.push(`${path}: ${end} checkpoints announced, ${checkpoints.length} found`);
  return { generation, checkpoints, problems };
}

/** Vector's `checkpoints.json` (`{"version":"1","checkpoints":[{fingerprint, position, modified}]}`). */
function parseVectorFile(path: string): { checkpoints: Checkpoint[]; problem?: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { checkpoints: [], problem: `${path}: ${(error as Error).message}` };
  }
  try {
    // Checksums are u64: quote every integer so none is rounded by JSON.parse.
    const state = JSON.parse(text.replace(/([:[,]\s*)(\d+)(?=\s*[,\]}])/g, '$1"$2"')) as {
      version?: unknown;
      checkpoints?: unknown;
    };
    if (state.version !== '1' || !Array.isArray(state.checkpoints)) throw new Error('not version 1');
    const checkpoints: Checkpoint[] = [];
    for (const entry of state.checkpoints as Array<Record<string, unknown>>) {
      const fingerprint = fromVectorFingerprint(entry.fingerprint);
      const position = Number(entry.position);
      if (fingerprint === undefined || !Number.isSafeInteger(position)) continue;
      const modified = Date.parse(String(entry.modified));
      checkpoints.push({
        id: fingerprint,
        fingerprint,
        position,
        tail: undefined,
        modified: Number.isNaN(modified) ? Date.now() : modified,
        path: '',
        dev: 0,
        ino: 0,
      });
    }
    return { checkpoints };
  } catch (error) {
    return {
      checkpoints: [],
      problem: `${path}: Vector's checkpoints cannot be read (${(error as Error).message})`,
    };
  }
}

/**
 * The checkpoint files of one source in `directory`: written atomically (a new file, fsync,
 * rename, fsync of the directory) with a CRC-32 on every line, the previous generation kept.
 *
 * Loading keeps what can be trusted: every line whose checksum holds, from the newest generation
 * that has it (the current file, the new one of a write cut short, the previous one). Damage is
 * reported, never silently turned into "start from the end".
 */
export class CheckpointFiles {
  readonly #directory: string;
  #generation = 0;
  #lastWritten: string | undefined;

  constructor(directory: string) {
    this.#directory = directory;
  }

  load(): LoadedCheckpoints {
    const files = [CHECKPOINT_FILE, TEMPORARY_FILE, PREVIOUS_FILE].map((name) => ({
      name,
      parsed: parseFile(join(this.#directory, name)),
    }));
    const present = files.filter((file) => file.parsed !== undefined) as Array<{
      name: string;
      parsed: ParsedFile;
    }>;
    if (present.length === 0) {
      const vector = parseVectorFile(join(this.#directory, VECTOR_FILE));
      if (vector === undefined) return { checkpoints: [], damaged: false, problems: [], origin: 'none' };
      return {
        checkpoints: vector.checkpoints,
        damaged: vector.problem !== undefined,
        problems: vector.problem === undefined ? [] : [vector.problem],
        origin: 'vector',
      };
    }
    const byId = new Map<string, { checkpoint: Checkpoint; generation: number }>();
    for (const { parsed } of present) {
      this.#generation = Math.max(this.#generation, parsed.generation);
      for (const checkpoint of parsed.checkpoints) {
        const known = byId.get(checkpoint.id);
        if (known === undefined || parsed.generation > known.generation)
          byId.set(checkpoint.id, { checkpoint, generation: parsed.generation });
      }
    }
    const current = files[0]?.parsed;
    const trusted = present.some((file) => file.parsed.problems.length === 0);
    // A write cut short leaves the new file or the previous one without the current: not damage.
    // Damage is a current file with problems, or no file at all to trust.
    const damaged = (current !== undefined && current.problems.length > 0) || !trusted;
    return {
      checkpoints: [...byId.values()].map((entry) => entry.checkpoint),
      damaged,
      problems: damaged ? present.flatMap((file) => file.parsed.problems) : [],
      origin: 'sluice',
    };
  }

  /**
   * Writes the checkpoints (each a `checkpointLine`, which the caller may keep from one write to
   * the next) if they changed since the last write; resolves whether it wrote. Rejects with what
   * the file system throws (the caller counts and logs it, and tries again later).
   */
  async write(lines: readonly string[]): Promise<boolean> {
    const body = lines.join('');
    if (body === this.#lastWritten) return false;
    this.#generation += 1;
    const text =
      checkpointLine({
        format: FORMAT,
        version: 1,
        generation: this.#generation,
        written: new Date().toISOString(),
      }) +
      body +
      checkpointLine({ end: true, entries: lines.length });
    const temporary = join(this.#directory, TEMPORARY_FILE);
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(join(this.#directory, CHECKPOINT_FILE), join(this.#directory, PREVIOUS_FILE)).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
    await rename(temporary, join(this.#directory, CHECKPOINT_FILE));
    const directory = await open(this.#directory, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    this.#lastWritten = body;
    return true;
  }
}
