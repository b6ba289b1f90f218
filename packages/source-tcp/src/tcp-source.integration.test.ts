import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import type { LogEvent } from '@sluice/component-api';
import { createTestContext } from '@sluice/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TcpSourceOptions } from './options.js';
import { createTcpSource } from './tcp-source.js';

const servers: Server[] = [];
vi.mock('node:net', async (importOriginal) => {
  const net = await importOriginal<typeof import('node:net')>();
  const createServer = (...args: Parameters<typeof net.createServer>) => {
    const server = net.createServer(...args);
    servers.push(server);
    return server;
  };
  return { ...net, default: { ...net, createServer }, createServer };
});

// These tests lower this worker's own open-file limit (soft only, so it can be restored), the way
// `ulimit -n` would, and run the clients in a child process so their descriptors do not count.

const originalSoftLimit = Number(
  /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1],
);
const setSoftLimit = (soft: number) => execFileSync('prlimit', [`--pid=${process.pid}`, `--nofile=${soft}:`]);
const openDescriptors = () => readdirSync('/proc/self/fd').length;

/** A child that opens `count` connections, each sending one line, and keeps them open until told. */
const CLIENTS = `
const net = require('node:net');
const [port, count] = process.argv.slice(1).map(Number);
const sockets = [];
let settled = 0;
for (let index = 0; index < count; index += 1) {
  let done = false;
  const report = () => {
    if (done) return;
    done = true;
    if (++settled === count) process.stdout.write('opened\\n');
  };
  const socket = net.connect(port, '127.0.0.1', () => { socket.write('hello ' + index + '\\n'); report(); });
  socket.on('error', report);
  sockets.push(socket);
}
process.stdin.on('data', (restore) => {
  // The parent has no descriptor left to run prlimit itself.
  require('node:child_process').execFileSync('prlimit', ['--pid=' + process.ppid, '--nofile=' + String(restore).trim() + ':']);
  for (const socket of sockets) socket.destroy();
  const last = net.connect(port, '127.0.0.1', () => last.end('after\\n'));
  last.on('close', () => process.exit(0));
});
`;

function spawnClients(port: number, count: number): ChildProcess {
  const child = spawn(process.execPath, ['-e', CLIENTS, String(port), String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  return child;
}

async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

const children: ChildProcess[] = [];
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(
    children.splice(0).map(async (child) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill();
        await once(child, 'exit');
      }
    }),
  );
  await Promise.all(stops.splice(0).map((stop) => stop()));
  setSoftLimit(originalSoftLimit);
});

async function start(options: Partial<TcpSourceOptions>) {
  const context = createTestContext({ id: 'tcp_in' });
  const source = createTcpSource(
    {
      mode: 'tcp',
      address: '127.0.0.1:0',
      shutdown_timeout_secs: 1,
      host_key: 'host',
      port_key: 'port',
      ...options,
    },
    context,
    'socket',
  );
  const events: LogEvent[] = [];
  const controller = new AbortController();
  let settled: string | undefined;
  const run = source
    .run(async (batch) => void events.push(...batch), controller.signal)
    .then(
      () => {
        settled = 'resolved';
      },
      (error: unknown) => {
        settled = `rejected: ${String(error)}`;
      },
    );
  const { port } = await source.address();
  stops.push(async () => {
    controller.abort();
    await run;
  });
  return { context, events, port, settled: () => settled };
}

describe('socket source when descriptors run out (ulimit -n)', () => {
  it('an EMFILE accept error is counted and logged, and the source keeps listening', async () => {
    const { context, events, port, settled } = await start({});
    // libuv usually absorbs EMFILE on accept itself (it closes the pending connections); when it
    // cannot, Node reports it as this error on the server, which used to stop the source.
    const error = Object.assign(new Error('accept EMFILE'), { code: 'EMFILE', syscall: 'accept' });
    servers.at(-1)?.emit('error', error);
    servers.at(-1)?.emit('error', error);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(settled()).toBeUndefined();
    expect(context.metrics.total('component_errors_total', { error_type: 'accept_failed' })).toBe(2);
    expect(context.logger.find('cannot accept', 'warn')).toHaveLength(1);
    const client = connect(port, '127.0.0.1', () => client.end('still here\n'));
    await eventually(() => events.length === 1);
    expect(events[0]?.fields.message).toBe('still here');
  });

  it('with descriptors exhausted by clients, the source keeps listening and recovers when they close', async () => {
    const { events, port, settled } = await start({ connection_limit: 100_000 });
    const child = spawnClients(port, 60);
    setSoftLimit(openDescriptors() + 20);
    await once(child.stdout as NodeJS.ReadableStream, 'data');
    expect(settled()).toBeUndefined();

    child.stdin?.write(`${originalSoftLimit}\n`);
    await eventually(() => events.some((event) => event.fields.message === 'after'));
    expect(events.map((event) => event.fields.message)).toContain('after');
    expect(settled()).toBeUndefined();
  });

  it('connection_limit defaults to half the open-file limit, so idle clients cannot take them all', async () => {
    const soft = openDescriptors() + 60;
    setSoftLimit(soft);
    const { context, port, settled } = await start({});
    const limit = Math.floor(soft / 2);
    const child = spawnClients(port, limit + 10);
    await once(child.stdout as NodeJS.ReadableStream, 'data');
    await eventually(
      () => context.metrics.total('component_errors_total', { error_type: 'connection_refused' }) === 10,
    );
    expect(context.metrics.total('open_connections')).toBe(limit);
    expect(context.metrics.total('component_errors_total', { error_type: 'connection_refused' })).toBe(10);
    expect(context.metrics.total('component_errors_total', { error_type: 'accept_failed' })).toBe(0);
    expect(settled()).toBeUndefined();
  });
});
