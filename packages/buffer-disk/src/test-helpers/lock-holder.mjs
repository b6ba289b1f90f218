// Child process of the lock test: opens the built disk buffer on a directory and says whether it
// could ("opened", or "refused: <why>"); holds it until its stdin ends, then closes it and exits.
import { DiskBuffer } from '../../dist/index.js';

const [directory] = process.argv.slice(2);
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const noop = { increment() {}, set() {}, decrement() {}, observe() {} };
const metrics = { counter: () => noop, gauge: () => noop, histogram: () => noop };
let buffer;
try {
  buffer = await DiskBuffer.open({
    directory,
    maxSize: 64 * 1024 * 1024,
    maxDataFileSize: 16 * 1024,
    syncIntervalMs: 50,
    logger: silent,
    metrics,
  });
  process.stdout.write('opened\n');
} catch (error) {
  process.stdout.write(`refused: ${error.message}\n`);
  process.exit(0);
}
process.stdin.resume();
process.stdin.on('end', async () => {
  await buffer.close();
  process.exit(0);
});
