import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CHECKPOINT_FILE,
  type Checkpoint,
  CheckpointFiles,
  checkpointLine,
  tailMarkOf,
} from './checkpoints.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'sluice-checkpoints-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const checkpoint = (id: string, position: number): Checkpoint => ({
  id,
  fingerprint: id.split('#')[0] as string,
  position,
  tail: tailMarkOf(Buffer.from(`tail of ${id}`)),
  modified: 1_700_000_000_000,
  path: `/var/log/${id}.log`,
  dev: 1,
  ino: position,
});

const current = () => join(directory, CHECKPOINT_FILE);

describe('checkpoint files', () => {
  it('write atomically and read back what was written; an unchanged set is not written again', async () => {
    const files = new CheckpointFiles(directory);
    const written = [checkpoint('checksum:aa', 10), checkpoint('checksum:aa#2', 20)];
    expect(await files.write(written.map(checkpointLine))).toBe(true);
    expect(await files.write(written.map(checkpointLine))).toBe(false);
    expect(existsSync(`${current()}.new`)).toBe(false);
    const loaded = new CheckpointFiles(directory).load();
    expect(loaded).toEqual({ checkpoints: written, damaged: false, problems: [], origin: 'sluice' });
  });

  it('keep every line that verifies when one is damaged, take the rest from the previous generation, and report it', async () => {
    const files = new CheckpointFiles(directory);
    await files.write([checkpoint('checksum:aa', 10), checkpoint('checksum:bb', 10)].map(checkpointLine));
    await files.write([checkpoint('checksum:aa', 50), checkpoint('checksum:bb', 60)].map(checkpointLine));
    const text = readFileSync(current(), 'utf8');
    // Flip one digit of bb's position: its line's checksum no longer holds.
    writeFileSync(current(), text.replace('"position":60', '"position":90'));
    const loaded = new CheckpointFiles(directory).load();
    expect(loaded.damaged).toBe(true);
    expect(loaded.problems.join('\n')).toMatch(/line 3 is damaged/);
    const positions = Object.fromEntries(loaded.checkpoints.map((entry) => [entry.id, entry.position]));
    // aa from the current file; bb from the previous generation (older: duplicates, never loss).
    expect(positions).toEqual({ 'checksum:aa': 50, 'checksum:bb': 10 });
  });

  it('report a file cut short or full of garbage, and keep what verifies', () => {
    writeFileSync(current(), 'garbage\n\u0000\u0001');
    const loaded = new CheckpointFiles(directory).load();
    expect(loaded).toMatchObject({ checkpoints: [], damaged: true });
    expect(loaded.problems.join('\n')).toMatch(/header/);
  });

  it('recover from a write cut between its two renames (no current file: the new one is complete)', async () => {
    const files = new CheckpointFiles(directory);
    await files.write([checkpoint('checksum:aa', 10)].map(checkpointLine));
    await files.write([checkpoint('checksum:aa', 30)].map(checkpointLine));
    // As if killed after moving current to previous, before moving new to current.
    renameSync(current(), `${current()}.new`);
    const loaded = new CheckpointFiles(directory).load();
    expect(loaded.damaged).toBe(false);
    expect(loaded.checkpoints.map((entry) => entry.position)).toEqual([30]);
  });

  it("import Vector's checkpoints.json (u64 checksums kept exact), and report one that cannot be read", () => {
    writeFileSync(
      join(directory, 'checkpoints.json'),
      JSON.stringify({
        version: '1',
        checkpoints: [
          { fingerprint: { first_lines_checksum: 1 }, position: 42, modified: '2024-01-01T00:00:00Z' },
        ],
      }).replace('"first_lines_checksum":1', '"first_lines_checksum":18446744073709551615'),
    );
    const loaded = new CheckpointFiles(directory).load();
    expect(loaded.origin).toBe('vector');
    expect(loaded.checkpoints).toMatchObject([
      {
        fingerprint: 'checksum:ffffffffffffffff',
        position: 42,
        tail: undefined,
        modified: Date.parse('2024-01-01T00:00:00Z'),
      },
    ]);
    writeFileSync(join(directory, 'checkpoints.json'), '{"version":"1","checkpoi');
    expect(new CheckpointFiles(directory).load()).toMatchObject({ damaged: true, origin: 'vector' });
  });
});
