// Child process of the crash test: writes numbered events through the built disk buffer and
// reports each completed write on stdout, until it is killed.
import { DiskBuffer } from '../../dist/index.js';

const [directory, firstId] = process.argv.slice(2);
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const noop = { increment() {}, set() {}, decrement() {}, observe() {} };
const metrics = { counter: () => noop, gauge: () => noop, histogram: () => noop };
const buffer = await DiskBuffer.open({
  directory,
  maxSize: 64 * 1024 * 1024,
  maxDataFileSize: 16 * 1024,
  syncIntervalMs: 5,
  logger: silent,
  metrics,
});
let next = Number(firstId);
for (;;) {
  const batch = Array.from({ length: 10 }, (_, index) => ({
    fields: { message: String(next + index) },
    metadata: { structured: false, byteSize: 80, finalizer: undefined },
  }));
  const taken = await buffer.write(batch);
  next += taken;
  process.stdout.write(`${next - 1}\n`);
}
