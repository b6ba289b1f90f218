import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskBuffer } from '@sluice/buffer-disk';
import { type Batch, createLogEvent, finalizeEvents, silentLogger } from '@sluice/component-api';
import { line, noopMetrics } from '../harness.js';
import { type Measurement, measure, median, type Scenario } from '../scenario.js';

const BATCH = 500;
const metrics = noopMetrics;

/** Reads and acknowledges everything left in the buffer; returns how many events that was. */
async function drain(buffer: DiskBuffer): Promise<number> {
  let read = 0;
  for (;;) {
    const batch = await buffer.read(BATCH);
    if (batch.length === 0) return read;
    finalizeEvents(batch, 'delivered');
    read += batch.length;
  }
}

const scenario: Scenario = {
  name: 'disk-buffer',
  description:
    'disk buffer write then read (and interleaved) vs a bare append-only file write + read of the same bytes',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.quick ? 100_000 : 1_000_000;
    const input: Batch[] = [];
    for (let index = 0; index < total; index += BATCH) {
      input.push(
        Array.from({ length: BATCH }, (_, offset) =>
          createLogEvent({ message: line(size, index + offset) }, { byteSize: size }),
        ),
      );
    }
    const directory = await mkdtemp(join(tmpdir(), 'sluice-bench-'));
    try {
      const open_ = () =>
        DiskBuffer.open({
          directory: join(directory, `buffer-${Math.random()}`),
          maxSize: 4 * 1024 * 1024 * 1024,
          maxDataFileSize: 128 * 1024 * 1024,
          syncIntervalMs: 500,
          logger: silentLogger,
          metrics,
        });
      const writeThenRead = () =>
        measure('disk buffer (write, then read)', async () => {
          const buffer = await open_();
          for (const batch of input) await buffer.write(batch);
          const read = await drain(buffer);
          await buffer.close();
          return { events: read, bytes: read * size };
        });
      const interleaved = () =>
        measure('disk buffer (interleaved)', async () => {
          const buffer = await open_();
          let read = 0;
          for (const batch of input) {
            await buffer.write(batch);
            const out = await buffer.read(BATCH);
            finalizeEvents(out, 'delivered');
            read += out.length;
          }
          read += await drain(buffer);
          await buffer.close();
          return { events: read, bytes: read * size };
        });
      // The same bytes, prepared beforehand, appended with one write per batch and read back in 1 MiB chunks.
      const chunks = input.map((batch) =>
        Buffer.from(batch.map((event) => `${event.fields.message as string}\n`).join('')),
      );
      const bare = () =>
        measure('bare append-only file', async () => {
          const path = join(directory, 'bare.log');
          const handle = await open(path, 'w+');
          let position = 0;
          for (const data of chunks) {
            await handle.write(data, 0, data.length, position);
            position += data.length;
          }
          await handle.datasync();
          const chunk = Buffer.allocUnsafe(1024 * 1024);
          let lines = 0;
          for (let offset = 0; offset < position; offset += chunk.length) {
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
            let start = 0;
            for (;;) {
              const newline = chunk.indexOf(10, start);
              if (newline === -1 || newline >= bytesRead) break;
              lines += 1;
              start = newline + 1;
            }
          }
          await handle.close();
          // As the buffer deletes its acknowledged files: each run leaves the page cache as it found
          // it, so the next one does not pay for evicting this one's pages.
          await rm(path);
          return { events: lines, bytes: position };
        });
      // Each run takes about a second: three rounds, taking turns, and the median of each.
      const runs: { writeThenRead: Measurement[]; interleaved: Measurement[]; bare: Measurement[] } = {
        writeThenRead: [],
        interleaved: [],
        bare: [],
      };
      for (let round = 0; round < (options.quick ? 1 : 3); round += 1) {
        runs.writeThenRead.push(await writeThenRead());
        runs.interleaved.push(await interleaved());
        runs.bare.push(await bare());
      }
      const target = '≥ 0.5 of bare and ≥ 500k events/s';
      const baseline = median(runs.bare);
      return [
        {
          name: 'disk buffer alone: write, then read',
          subject: median(runs.writeThenRead),
          baseline,
          target,
        },
        { name: 'disk buffer alone: interleaved', subject: median(runs.interleaved), baseline, target },
      ];
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  },
};

export default scenario;
