import { type FileHandle, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32c } from '@node-rs/crc32';

export const LEDGER_FILE = 'buffer.ledger';

/** The reader's acknowledged position and the writer's next id. */
export interface Ledger {
  /** The first event not yet acknowledged by the sink. */
  ackedEventId: number;
  /** Where the record holding that event starts. */
  ackedFileId: number;
  ackedOffset: number;
  /** The id the next written event gets. */
  nextEventId: number;
}

/**
 * The ledger file: two fixed slots of `SLOT_BYTES`, written in turn (generation `g` goes to slot
 * `g % 2`) in place with `pwrite` + `fdatasync`. Overwriting allocated bytes needs no new space, so
 * acknowledged files can be deleted on a full disk; a torn or damaged slot fails its checksum and
 * the other one (one generation older, so at-least-once) is used. A slot:
 * `[magic "SLDG"][format u32 = 2][generation f64][ackedEventId f64][ackedFileId f64]
 * [ackedOffset f64][nextEventId f64][crc32c u32 of the bytes before it]`, zero-padded.
 */
export const SLOT_BYTES = 128;
export const LEDGER_BYTES = 2 * SLOT_BYTES;
const MAGIC = 0x47444c53; // "SLDG" little-endian
const FORMAT = 2;
const CHECKED_BYTES = 56;

export function encodeLedgerSlot(
  ledger: Ledger,
  generation: number,
  slot = Buffer.alloc(SLOT_BYTES),
): Buffer {
  slot.writeUInt32LE(MAGIC, 0);
  slot.writeUInt32LE(FORMAT, 4);
  slot.writeDoubleLE(generation, 8);
  slot.writeDoubleLE(ledger.ackedEventId, 16);
  slot.writeDoubleLE(ledger.ackedFileId, 24);
  slot.writeDoubleLE(ledger.ackedOffset, 32);
  slot.writeDoubleLE(ledger.nextEventId, 40);
  slot.writeUInt32LE(crc32c(slot.subarray(0, CHECKED_BYTES - 8)) >>> 0, CHECKED_BYTES - 8);
  return slot;
}

function decodeSlot(bytes: Buffer): { ledger: Ledger; generation: number } | undefined {
  if (bytes.length < CHECKED_BYTES - 4) return undefined;
  if (bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== FORMAT) return undefined;
  if (crc32c(bytes.subarray(0, CHECKED_BYTES - 8)) >>> 0 !== bytes.readUInt32LE(CHECKED_BYTES - 8)) {
    return undefined;
  }
  const ledger = {
    ackedEventId: bytes.readDoubleLE(16),
    ackedFileId: bytes.readDoubleLE(24),
    ackedOffset: bytes.readDoubleLE(32),
    nextEventId: bytes.readDoubleLE(40),
  };
  return Object.values(ledger).every(Number.isSafeInteger)
    ? { ledger, generation: bytes.readDoubleLE(8) }
    : undefined;
}

export interface LedgerReading {
  ledger: Ledger | undefined;
  /** The generation of the slot used (0 for none or a previous-release ledger). */
  generation: number;
  format: 'slots' | 'json' | 'none';
  /** Why a slot or the whole ledger could not be used. */
  problem?: string;
}

/** Parses a ledger file: the two-slot format, or the previous release's JSON (migrated on the next write). */
export function parseLedger(bytes: Buffer): LedgerReading {
  if (bytes[0] === 0x7b) return parseJsonLedger(bytes.toString('utf8'));
  const slots = [
    decodeSlot(bytes.subarray(0, SLOT_BYTES)),
    decodeSlot(bytes.subarray(SLOT_BYTES, LEDGER_BYTES)),
  ];
  const valid = slots.filter((slot) => slot !== undefined);
  if (valid.length === 0) {
    return {
      ledger: undefined,
      generation: 0,
      format: 'slots',
      problem: 'no ledger slot passes its checksum',
    };
  }
  const newest = valid.reduce((best, slot) => (slot.generation > best.generation ? slot : best));
  const reading: LedgerReading = { ledger: newest.ledger, generation: newest.generation, format: 'slots' };
  // Both slots always hold a generation: a bad one was torn by a power loss or damaged since.
  const broken = slots.indexOf(undefined);
  if (broken !== -1) {
    reading.problem = `ledger slot ${broken} fails its checksum; the other slot (generation ${newest.generation}) is used`;
  }
  return reading;
}

function parseJsonLedger(text: string): LedgerReading {
  try {
    const parsed = JSON.parse(text) as Ledger & { version: number };
    const fields = [parsed.ackedEventId, parsed.ackedFileId, parsed.ackedOffset, parsed.nextEventId];
    if (parsed.version !== 1 || !fields.every(Number.isSafeInteger)) {
      return { ledger: undefined, generation: 0, format: 'json', problem: 'ledger has an unknown shape' };
    }
    const { ackedEventId, ackedFileId, ackedOffset, nextEventId } = parsed;
    return { ledger: { ackedEventId, ackedFileId, ackedOffset, nextEventId }, generation: 0, format: 'json' };
  } catch {
    return { ledger: undefined, generation: 0, format: 'json', problem: 'ledger is not valid JSON' };
  }
}

export async function readLedger(directory: string): Promise<LedgerReading> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(directory, LEDGER_FILE));
  } catch {
    return { ledger: undefined, generation: 0, format: 'none' };
  }
  return parseLedger(bytes);
}

/** The open ledger file, rewritten in place: no write after `open()` allocates space. */
export class LedgerFile {
  readonly #handle: FileHandle;
  readonly #slot = Buffer.alloc(SLOT_BYTES);
  #generation: number;

  private constructor(handle: FileHandle, generation: number) {
    this.#handle = handle;
    this.#generation = generation;
  }

  /**
   * Opens the ledger for in-place updates. A file of another size or format (none yet, a
   * previous-release JSON ledger, a damaged one) is replaced by a fresh two-slot file holding
   * `ledger`, through a temporary file and rename, so a crash leaves the old or the new one.
   */
  static async open(directory: string, ledger: Ledger, generation: number): Promise<LedgerFile> {
    const path = join(directory, LEDGER_FILE);
    try {
      const handle = await open(path, 'r+');
      const { size } = await handle.stat();
      const first = Buffer.alloc(1);
      await handle.read(first, 0, 1, 0);
      if (size === LEDGER_BYTES && first[0] !== 0x7b) {
        const file = new LedgerFile(handle, generation);
        // Both slots: a slot found bad at start is not reported again at the next one.
        await file.write(ledger);
        await file.write(ledger);
        return file;
      }
      await handle.close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const temporary = `${path}.tmp`;
    // Both slots hold the ledger, so that a bad slot always means damage.
    const fresh = Buffer.alloc(LEDGER_BYTES);
    for (const written of [generation, generation + 1])
      encodeLedgerSlot(
        ledger,
        written,
        fresh.subarray((written % 2) * SLOT_BYTES, ((written % 2) + 1) * SLOT_BYTES),
      );
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(fresh);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    return new LedgerFile(await open(path, 'r+'), generation + 1);
  }

  get generation(): number {
    return this.#generation;
  }

  /** Writes the next generation over the older slot and makes it durable. */
  async write(ledger: Ledger): Promise<void> {
    const generation = this.#generation + 1;
    encodeLedgerSlot(ledger, generation, this.#slot);
    await this.#handle.write(this.#slot, 0, SLOT_BYTES, (generation % 2) * SLOT_BYTES);
    await this.#handle.datasync();
    this.#generation = generation;
  }

  close(): Promise<void> {
    return this.#handle.close();
  }
}
