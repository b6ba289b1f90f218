/**
 * Load generator, run as its own process so it does not share the measured process's core: sends
 * `total` lines of `size` bytes over `connections` TCP connections as fast as the server reads.
 */
import { connect } from 'node:net';

const [port, total, size, connections] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
];
const perConnection = Math.ceil(total / connections);
const line = `${'x'.repeat(size - 1)}\n`;
const linesPerChunk = Math.max(1, Math.floor((64 * 1024) / size));
const chunk = Buffer.from(line.repeat(linesPerChunk));

await Promise.all(
  Array.from({ length: connections }, (_, index) => {
    const lines = Math.min(perConnection, total - index * perConnection);
    return new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', reject);
      let sent = 0;
      const pump = () => {
        while (sent < lines) {
          const count = Math.min(linesPerChunk, lines - sent);
          const data = count === linesPerChunk ? chunk : chunk.subarray(0, count * size);
          sent += count;
          if (!socket.write(data)) {
            socket.once('drain', pump);
            return;
          }
        }
        socket.end(resolve);
      };
      socket.once('connect', pump);
    });
  }),
);
