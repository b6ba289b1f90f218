import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  encodeLedgerSlot,
  LEDGER_BYTES,
  LEDGER_FILE,
  type Ledger,
  readLedger,
  SLOT_BYTES,
} from '../ledger.js';

/** Replaces the ledger with one holding `changes`, checksums correct: a ledger that lies consistently. */
export async function rewriteLedger(directory: string, changes: Partial<Ledger>): Promise<void> {
  const { ledger, generation } = await readLedger(directory);
  const next = { ackedEventId: 0, ackedFileId: 0, ackedOffset: 0, nextEventId: 0, ...ledger, ...changes };
  const bytes = Buffer.alloc(LEDGER_BYTES);
  for (const written of [generation + 1, generation + 2]) {
    const slot = written % 2;
    encodeLedgerSlot(next, written, bytes.subarray(slot * SLOT_BYTES, (slot + 1) * SLOT_BYTES));
  }
  await writeFile(join(directory, LEDGER_FILE), bytes);
}
