import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { benchRegistry, counter, line, quietLogger } from '../harness.js';
import { measure, type Scenario } from '../scenario.js';

/** Bytes per read, for the bare reader as for the file source. */
const CHUNK = 256 * 1024;

/** Writes `total` lines of `size` bytes (plus a newline) to `path`, in large pieces. */
async function writeLines(path: string, total: number, size: number): Promise<void> {
  const file = await open(path, 'w');
  try {
    const perPiece = Math.max(1, Math.floor((4 * 1024 * 1024) / (size + 1)));
    for (let index = 0; index < total; index += perPiece) {
      let text = '';
      for (let offset = index; offset < Math.min(total, index + perPiece); offset += 1)
        text += `${line(size, offset)}\n`;
      await file.write(text);
    }
  } finally {
    await file.close();
  }
}

const scenario: Scenario = {
  name: 'file-blackhole',
  description:
    'file source → blackhole through the real topology (checkpoints by acknowledgement) vs a bare line reader of the same file',
  async run(options) {
    const size = options.size ?? 200;
    const total = options.events ?? (options.quick ? 200_000 : 3_000_000);
    const directory = await mkdtemp(join(tmpdir(), 'sluice-bench-file-'));
    try {
      const path = join(directory, 'app.log');
      await writeLines(path, total, size);
      // Read once before either is measured, so both find the file in the page cache.
      const warm = await open(path, 'r');
      const buffer = Buffer.allocUnsafe(CHUNK);
      while ((await warm.read(buffer, 0, CHUNK)).bytesRead > 0);
      await warm.close();

      const subject = await (async () => {
        const plan = await planTopology(
          {
            data_dir: directory,
            sources: { files: { type: 'file', include: [path] } },
            sinks: { out: { type: 'bench_counter', inputs: ['files'] } },
          },
          { registry: benchRegistry() },
        );
        const topology = await Topology.build(plan, { logger: quietLogger, metrics: new MetricsRegistry() });
        counter.reset(total);
        const running = topology.run();
        const measured = await measure('sluice file → blackhole', async () => {
          await counter.done;
          return { events: counter.seen, bytes: counter.seen * size };
        });
        await topology.shutdown({ deadlineMs: 10_000 });
        await running;
        return measured;
      })();

      // The floor: read the file in 256 KiB pieces and find its lines (`indexOf` + `subarray`),
      // nothing else: no strings, no events, no checkpoints.
      const baseline = await measure('bare line reader (indexOf + subarray)', async () => {
        const file = await open(path, 'r');
        const chunk = Buffer.allocUnsafe(CHUNK + size + 1);
        let lines = 0;
        let carried = 0;
        let position = 0;
        for (;;) {
          const { bytesRead } = await file.read(chunk, carried, CHUNK, position);
          if (bytesRead === 0) break;
          position += bytesRead;
          const end = carried + bytesRead;
          let start = 0;
          for (;;) {
            const newline = chunk.indexOf(10, start);
            if (newline === -1 || newline >= end) break;
            chunk.subarray(start, newline);
            lines += 1;
            start = newline + 1;
          }
          carried = end - start;
          chunk.copy(chunk, 0, start, end);
        }
        await file.close();
        return { events: lines, bytes: lines * size };
      });
      return [{ name: 'file → blackhole', subject, baseline, target: '≥ 0.25 of bare' }];
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  },
};

export default scenario;
