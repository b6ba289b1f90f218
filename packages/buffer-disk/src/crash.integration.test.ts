import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { finalizeEvents } from '@sluice/component-api';
import { afterAll, describe, expect, it } from 'vitest';
import { openBuffer, removeDirectories, temporaryDirectory } from './test-helpers/open.js';

afterAll(removeDirectories);

const writer = fileURLToPath(new URL('./test-helpers/crash-writer.mjs', import.meta.url));

/** Starts the writer, lets it complete `writes` writes, kills it with SIGKILL; returns the last id it reported. */
async function runAndKill(directory: string, firstId: number, writes: number): Promise<number> {
  const child = spawn(process.execPath, [writer, directory, String(firstId)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let reported = firstId - 1;
  let lines = 0;
  let pending = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (${code ?? signal})`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) {
        reported = Number(part);
        lines += 1;
      }
      if (lines >= writes && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await new Promise((resolve) =>
    child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(undefined),
  );
  return reported;
}

describe('disk buffer crash safety', () => {
  it('after each of 25 SIGKILLs at random moments, every completed write is read back, in order, and nothing else', async () => {
    const directory = await temporaryDirectory();
    let nextId = 0;
    for (let kill = 0; kill < 25; kill += 1) {
      const reported = await runAndKill(directory, nextId, 1 + Math.floor(Math.random() * 60));
      const { buffer } = await openBuffer(directory, { maxDataFileSize: 16 * 1024 });
      const seen: number[] = [];
      for (;;) {
        const batch = await buffer.read(1000);
        if (batch.length === 0) break;
        seen.push(...batch.map((event) => Number(event.fields.message)));
        finalizeEvents(batch, 'delivered');
      }
      await buffer.close();
      // Every completed write is there, in order; writes the child made after its last report may be too.
      expect(seen.slice(0, reported - nextId + 1)).toEqual(
        Array.from({ length: reported - nextId + 1 }, (_, index) => nextId + index),
      );
      expect(seen).toEqual(Array.from({ length: seen.length }, (_, index) => nextId + index));
      nextId += seen.length;
    }
  });
});
