/**
 * A local HTTP endpoint in a process of its own (as the fake Kinesis is), so its work does not share
 * the measured process's core. Answers every request 200 and counts the NDJSON lines it received.
 * Prints its URI; answers `count` messages with the lines so far.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let lines = 0;
const server = createServer((request, response) => {
  request.on('data', (chunk: Buffer) => {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
  });
  request.on('end', () => response.writeHead(200, { 'content-length': '0' }).end());
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1');
await once(server, 'listening');
process.on('message', (message) => {
  if (message === 'count') process.send?.({ count: lines });
  if (message === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
process.send?.({ uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest` });
