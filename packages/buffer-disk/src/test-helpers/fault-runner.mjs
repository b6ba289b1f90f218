// Child process of the fault-injection test: a disk buffer under load, through the built package.
// Phase 1 writes half the events and closes (a backlog on disk, nothing cached in memory). Phase 2
// reopens, writes the rest while a reader delivers and acknowledges, and reports on stdout (one JSON
// object a line). The reader starts when stdin says "go". SIGTERM stops both loops, closes the
// buffer and prints what was delivered and counted.
import { createInterface } from 'node:readline';
import { finalizeEvents } from '@sluice/component-api';
import { DiskBuffer } from '../../dist/index.js';

const [directory, totalText] = process.argv.slice(2);
const total = Number(totalText);
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const counters = {};
const metrics = {
  counter: (name, labels = {}) => {
    const key = `${name}${JSON.stringify(labels)}`;
    return {
      increment: (by = 1) => {
        counters[key] = (counters[key] ?? 0) + by;
      },
    };
  },
  gauge: () => ({ set() {}, increment() {}, decrement() {} }),
  histogram: () => ({ observe() {} }),
};
const options = {
  directory,
  maxSize: 512 * 1024 * 1024,
  maxDataFileSize: 64 * 1024,
  syncIntervalMs: 20,
  logger: silent,
  metrics,
};
const report = (object) => process.stdout.write(`${JSON.stringify(object)}\n`);
const padding = 'p'.repeat(150);
const batchOf = (first, count) =>
  Array.from({ length: count }, (_, index) => ({
    fields: { message: String(first + index), padding },
    metadata: { structured: false, byteSize: 200, finalizer: undefined },
  }));

let buffer = await DiskBuffer.open(options);
let written = 0;
while (written < total / 2) written += await buffer.write(batchOf(written, 25));
await buffer.close();
buffer = await DiskBuffer.open(options);

const stop = new AbortController();
const delivered = [];
const writer = (async () => {
  while (written < total && !stop.signal.aborted) {
    const taken = await buffer.write(batchOf(written, 25));
    written += taken;
    if (taken === 0) await buffer.waitForSpace(stop.signal).catch(() => {});
    // Let the reader in: this is one process under load, not a writer starving its reader.
    await new Promise((resolve) => setImmediate(resolve));
  }
  report({ state: 'written', written });
})();
const go = new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
const reader = (async () => {
  await go;
  while (!stop.signal.aborted) {
    const batch = await buffer.read(40);
    for (const event of batch) delivered.push(Number(event.fields.message));
    finalizeEvents(batch, 'delivered');
    if (batch.length === 0) {
      if (written >= total) report({ state: 'idle', delivered: delivered.length });
      await buffer.waitForData(stop.signal).catch(() => {});
    } else if (delivered.length % 400 < 40) {
      report({ state: 'reading', delivered: delivered.length });
    }
  }
})();
report({ state: 'running' });

process.once('SIGTERM', async () => {
  stop.abort();
  await Promise.all([writer, reader]);
  await buffer.close();
  // The report is far larger than a pipe holds; exiting before it is flushed would cut it short
  // (process.exit does not wait for a pending write to a pipe), so exit once it is written.
  process.stdout.write(
    `${JSON.stringify({ state: 'stopped', delivered, unread: buffer.unreadEvents, counters })}\n`,
    () => process.exit(0),
  );
});
