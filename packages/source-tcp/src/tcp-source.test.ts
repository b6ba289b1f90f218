import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Batch, type LogEvent, Timestamp } from '@sluice/component-api';
import { createTestContext, testSource } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { TcpSourceOptions } from './options.js';
import { createTcpSource, socketSource, type TcpSource } from './tcp-source.js';

const baseOptions: TcpSourceOptions = {
  mode: 'tcp',
  address: '127.0.0.1:0',
  shutdown_timeout_secs: 5,
  host_key: 'host',
  port_key: 'port',
};

interface Running {
  source: TcpSource;
  events: LogEvent[];
  context: ReturnType<typeof createTestContext>;
  port: number;
  stop: () => Promise<void>;
  emit: (batch: Batch) => Promise<void>;
}

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((entry) => entry.stop()));
});

async function start(
  options: Partial<TcpSourceOptions> = {},
  emit?: (batch: Batch) => Promise<void>,
): Promise<Running> {
  const context = createTestContext({ id: 'tcp_in' });
  const source = createTcpSource({ ...baseOptions, ...options }, context, 'socket');
  const events: LogEvent[] = [];
  const controller = new AbortController();
  const emitter = emit ?? (async (batch: Batch) => void events.push(...batch));
  const run = source.run(emitter, controller.signal);
  const { port } = await source.address();
  const entry = {
    source,
    events,
    context,
    port,
    emit: emitter,
    stop: async () => {
      controller.abort();
      await run;
    },
  };
  running.push(entry);
  return entry;
}

async function send(port: number, chunks: Array<string | Buffer>, end = true): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  for (const chunk of chunks) {
    if (!socket.write(chunk)) await once(socket, 'drain');
  }
  if (end) {
    socket.end();
    await once(socket, 'close');
  }
  return socket;
}

async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const messages = (events: readonly LogEvent[]) => events.map((event) => event.fields.message);

testSource(socketSource, {
  options: baseOptions,
  produce: async (count, source) => {
    const { port } = await (source as TcpSource).address();
    // Lines in several writes, so a source that ignored backpressure would emit again.
    const socket = await send(
      port,
      Array.from({ length: count }, (_, index) => `line ${index}\n`),
      false,
    );
    socket.unref();
  },
});

describe('socket source (tcp)', () => {
  it('an instance replacing another (a reload) takes its listening socket over: no connection is refused, and one accepted in between is read by the new instance', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const address = `127.0.0.1:${port}`;
    const first = await start({ address });
    const second = createTcpSource(
      { ...baseOptions, address },
      createTestContext({ id: 'tcp_in' }),
      'socket',
    );
    await send(port, ['before\n']);
    await eventually(() => first.events.length === 1);
    await first.stop();
    // No instance runs now; the socket is still listening (a closed one refuses: ECONNREFUSED).
    const between = await send(port, ['between\n'], false);
    const events: LogEvent[] = [];
    const controller = new AbortController();
    const run = second.run(async (batch) => void events.push(...batch), controller.signal);
    await second.address();
    between.end();
    await send(port, ['after\n']);
    await eventually(() => events.length === 2);
    controller.abort();
    await run;
    expect(messages(first.events)).toEqual(['before']);
    expect(messages(events).sort()).toEqual(['after', 'between']);
  });

  it('receives lines from many clients in parallel, each exactly once and in order per connection', async () => {
    const { port, events } = await start();
    const clients = 20;
    const lines = 500;
    await Promise.all(
      Array.from({ length: clients }, (_, client) =>
        send(port, [Array.from({ length: lines }, (_, line) => `client ${client} line ${line}\n`).join('')]),
      ),
    );
    await eventually(() => events.length === clients * lines);
    for (let client = 0; client < clients; client += 1) {
      const own = messages(events).filter((message) => String(message).startsWith(`client ${client} `));
      expect(own).toEqual(Array.from({ length: lines }, (_, line) => `client ${client} line ${line}`));
    }
  });

  it('builds events with message, timestamp, source_type, host and port; unstructured', async () => {
    const { port, events } = await start();
    const socket = await send(port, ['hello\n'], false);
    await eventually(() => events.length === 1);
    const [event] = events;
    expect(event?.fields).toMatchObject({
      message: 'hello',
      source_type: 'socket',
      host: '127.0.0.1',
      port: socket.localPort,
    });
    // Vector's Utc::now(): a wall-clock timestamp with nanoseconds.
    const timestamp = event?.fields.timestamp as Timestamp;
    expect(timestamp).toBeInstanceOf(Timestamp);
    expect(Math.abs(timestamp.getTime() - Date.now())).toBeLessThan(60_000);
    expect(Number.isInteger(timestamp.submillisecondNanos)).toBe(true);
    expect(event?.metadata.structured).toBe(false);
    socket.destroy();
  });

  it('joins lines split across packets, strips CRLF, keeps empty lines, emits the last line at EOF', async () => {
    const { port, events } = await start();
    const text = 'split across\r\npackets\n\nlast without newline';
    await send(
      port,
      [...Buffer.from(text)].map((byte) => Buffer.from([byte])),
    );
    await eventually(() => events.length === 4);
    expect(messages(events)).toEqual(['split across', 'packets', '', 'last without newline']);
  });

  it("a default line limit of 102,400 bytes (Vector's documented max_length); a larger one takes a 1 MB line whole", async () => {
    const { port, events, context } = await start();
    await send(port, [`${'x'.repeat(102_401)}\n${'y'.repeat(102_400)}\n`]);
    await eventually(() => events.length === 1);
    expect(String(events[0]?.fields.message)).toBe('y'.repeat(102_400));
    expect(context.metrics.total('component_errors_total', { error_type: 'oversized_line' })).toBe(1);
    const larger = await start({ framing: { newline_delimited: { max_length: 2_000_000 } } });
    await send(larger.port, [`${'x'.repeat(1_000_000)}\n`]);
    await eventually(() => larger.events.length === 1);
    expect(String(larger.events[0]?.fields.message)).toHaveLength(1_000_000);
  });

  it('legacy max_length: a 1 MB line is dropped (counted, logged) and the next line is intact', async () => {
    const { port, events, context } = await start({ max_length: 102_400 });
    await send(port, [`${'x'.repeat(1_000_000)}\n`, 'after\n']);
    await eventually(() => events.length === 1);
    expect(messages(events)).toEqual(['after']);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(context.metrics.total('component_errors_total', { error_type: 'oversized_line' })).toBe(1);
    expect(context.logger.find('longer than max_length', 'warn')).toHaveLength(1);
  });

  it('a 1 MB line is truncated to max_length with oversized_action truncate', async () => {
    const { port, events, context } = await start({
      framing: { newline_delimited: { max_length: 102_400, oversized_action: 'truncate' } },
    });
    await send(port, [`${'y'.repeat(1_000_000)}\n`, 'after\n']);
    await eventually(() => events.length === 2);
    expect(messages(events)).toEqual(['y'.repeat(102_400), 'after']);
    // Truncated, not lost: counted as an error only.
    expect(context.metrics.total('component_errors_total', { error_type: 'oversized_line' })).toBe(1);
    expect(context.metrics.total('component_discarded_events_total')).toBe(0);
  });

  it('binary garbage becomes replacement characters, and the connection keeps working', async () => {
    const { port, events } = await start();
    await send(port, [Buffer.from([0xff, 0x00, 0xfe, 0x0a]), 'fine\n']);
    await eventually(() => events.length === 2);
    expect(messages(events)).toEqual(['\ufffd\u0000\ufffd', 'fine']);
  });

  it('a client that closes cleanly mid-line delivers the partial line (as Vector does at EOF) and harms no one else', async () => {
    const { port, events } = await start();
    const steady = await send(port, ['steady 1\n'], false);
    const abrupt = await send(port, ['half a li'], false);
    abrupt.destroy();
    steady.write('steady 2\n');
    await eventually(() => events.length === 3);
    expect(messages(events).sort()).toEqual(['half a li', 'steady 1', 'steady 2']);
    steady.destroy();
  });

  it('a line cut off by a client reset is dropped and counted, never delivered as complete', async () => {
    const { port, events, context } = await start();
    const sent = 'complete\npartial li';
    const client = await send(port, [sent], false);
    await eventually(() => context.metrics.total('component_received_bytes_total') === sent.length);
    await eventually(() => events.length === 1);
    client.resetAndDestroy();
    await eventually(() => context.metrics.total('open_connections') === 0);
    expect(messages(events)).toEqual(['complete']);
    expect(context.metrics.total('component_errors_total', { error_type: 'connection_reset' })).toBe(1);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(context.logger.find('partial frame', 'warn')).toHaveLength(1);
  });

  it('a reset with no partial line loses nothing and counts nothing', async () => {
    const { port, events, context } = await start();
    const client = await send(port, ['whole\n'], false);
    await eventually(() => events.length === 1);
    client.resetAndDestroy();
    await eventually(() => context.metrics.total('open_connections') === 0);
    expect(context.metrics.total('component_discarded_events_total')).toBe(0);
  });

  it('idle_timeout_secs closes a silent connection; its unfinished line is dropped and counted', async () => {
    const { port, events, context } = await start({ idle_timeout_secs: 0.1 });
    const client = await send(port, ['done\nunfinished'], false);
    await once(client, 'close');
    await eventually(() => context.metrics.total('open_connections') === 0);
    expect(messages(events)).toEqual(['done']);
    expect(context.metrics.total('component_errors_total', { error_type: 'idle_timeout' })).toBe(1);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
  });

  it('max_connection_duration_secs half-closes the connection; the client ends cleanly, nothing lost', async () => {
    const { port, events } = await start({ max_connection_duration_secs: 1 });
    const client = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    client.write('before\n');
    await once(client, 'end');
    client.end('last words');
    await once(client, 'close');
    await eventually(() => events.length === 2);
    expect(messages(events)).toEqual(['before', 'last words']);
  });

  it('connection_limit refuses the extra client and counts it', async () => {
    const { port, events, context } = await start({ connection_limit: 1 });
    const first = await send(port, ['first\n'], false);
    await eventually(() => events.length === 1);
    const second = connect(port, '127.0.0.1');
    await once(second, 'close');
    expect(context.metrics.total('component_errors_total', { error_type: 'connection_refused' })).toBe(1);
    expect(context.metrics.total('open_connections')).toBe(1);
    first.destroy();
  });

  it('host_key and port_key rename or suppress the peer fields', async () => {
    const { port, events } = await start({ host_key: 'peer_ip', port_key: '' });
    await send(port, ['x\n']);
    await eventually(() => events.length === 1);
    expect(events[0]?.fields).toHaveProperty('peer_ip', '127.0.0.1');
    expect(events[0]?.fields).not.toHaveProperty('port');
    expect(events[0]?.fields).not.toHaveProperty('host');
  });

  it('shutdown with idle connections open closes them within shutdown_timeout_secs', async () => {
    const entry = await start({ shutdown_timeout_secs: 0.2 });
    const idle = await send(entry.port, [], false);
    const closed = once(idle, 'close');
    await entry.stop();
    await closed;
    expect(idle.destroyed).toBe(true);
  });

  it('backpressure: a blocked emit stops reading; the sender stalls and memory does not grow', async () => {
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let emitted = 0;
    const { port, context } = await start({}, async (batch) => {
      emitted += batch.length;
      await blocked;
    });
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const line = `${'z'.repeat(199)}\n`;
    const chunk = Buffer.from(line.repeat(5000));
    // Write until the writes stall: 'drain' stops coming because nobody reads the socket any more.
    // (Kernel buffers on loopback absorb a few MB first; a stall can only be observed over a window.)
    const quietWindow = () => new Promise<false>((resolve) => setTimeout(() => resolve(false), 300));
    let written = 0;
    for (;;) {
      written += chunk.length;
      if (socket.write(chunk)) continue;
      const drained = await Promise.race([once(socket, 'drain').then(() => true as const), quietWindow()]);
      if (!drained) break;
      expect(written).toBeLessThan(256 * 1024 * 1024);
    }
    const receivedWhileBlocked = context.metrics.total('component_received_bytes_total');
    const heapWhileBlocked = process.memoryUsage().heapUsed;
    let drained = false;
    socket.once('drain', () => {
      drained = true;
    });
    await quietWindow();
    expect(drained).toBe(false);
    expect(context.metrics.total('component_received_bytes_total')).toBe(receivedWhileBlocked);
    // What the source holds is bounded by one chunk's batch, not by what the client sent.
    expect(receivedWhileBlocked).toBeLessThan(written);
    expect(process.memoryUsage().heapUsed - heapWhileBlocked).toBeLessThan(32 * 1024 * 1024);
    expect(emitted).toBeGreaterThan(0);
    release();
    socket.destroy();
  });

  it('decoding.codec = "json" turns each line into a structured event; a bad line is counted', async () => {
    const { port, events, context } = await start({ decoding: { codec: 'json' } });
    await send(port, ['{"message":"hi","level":"info"}\nnot json\n[{"n":1},{"n":2}]\n']);
    await eventually(() => events.length === 3);
    expect(events[0]?.fields).toMatchObject({
      message: 'hi',
      level: 'info',
      source_type: 'socket',
      host: '127.0.0.1',
    });
    expect(events[0]?.metadata.structured).toBe(true);
    expect(events.slice(1).map((event) => event.fields.n)).toEqual([1, 2]);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
  });

  it('framing.method = "length_delimited" frames binary streams', async () => {
    const { port, events } = await start({ framing: { method: 'length_delimited' } });
    const frame = (text: string) => {
      const header = Buffer.alloc(4);
      header.writeUInt32BE(Buffer.byteLength(text));
      return Buffer.concat([header, Buffer.from(text)]);
    };
    await send(port, [Buffer.concat([frame('one\nline'), frame('two')])]);
    await eventually(() => events.length === 2);
    expect(messages(events)).toEqual(['one\nline', 'two']);
  });

  it('permit_origin refuses peers outside the CIDR list and counts them', async () => {
    const refused = await start({ permit_origin: ['10.0.0.0/8'] });
    const client = connect(refused.port, '127.0.0.1');
    await once(client, 'close');
    expect(
      refused.context.metrics.total('component_errors_total', { error_type: 'origin_not_permitted' }),
    ).toBe(1);
    expect(refused.context.logger.find('permit_origin', 'warn')).toHaveLength(1);
    const allowed = await start({ permit_origin: ['10.0.0.0/8', '127.0.0.0/8'] });
    await send(allowed.port, ['welcome\n']);
    await eventually(() => allowed.events.length === 1);
    expect(messages(allowed.events)).toEqual(['welcome']);
  });

  it('an invalid permit_origin entry is a config error naming it', () => {
    expect(() =>
      createTcpSource({ ...baseOptions, permit_origin: ['nonsense/99'] }, createTestContext(), 'socket'),
    ).toThrow(/permit_origin\[0\]/);
  });

  it('mode = "unix" listens on path with socket_file_mode, host "(unnamed)", and removes the file at stop', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-unix-'));
    const path = join(directory, 'in.sock');
    const entry = await start({ mode: 'unix', address: undefined, path, socket_file_mode: 0o600 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const client = connect(path);
    await once(client, 'connect');
    client.end('over unix\n');
    await eventually(() => entry.events.length === 1);
    expect(entry.events[0]?.fields).toMatchObject({ message: 'over unix', host: '(unnamed)' });
    expect(entry.events[0]?.fields).not.toHaveProperty('port');
    await entry.stop();
    expect(existsSync(path)).toBe(false);
    rmSync(directory, { recursive: true, force: true });
  });
});

describe('a batch downstream failed to take', () => {
  it('is counted as discarded with its error, and the connection goes on', async () => {
    const taken: LogEvent[] = [];
    const { port, context } = await start({}, async (batch) => {
      if (batch.some((event) => event.fields.message === 'poison')) throw new Error('downstream failed');
      taken.push(...batch);
    });
    const socket = await send(port, ['poison\n'], false);
    await eventually(
      () => context.metrics.total('component_discarded_events_total', { intentional: 'false' }) === 1,
    );
    socket.write('after\n');
    socket.end();
    await eventually(() => taken.length === 1);
    expect(messages(taken)).toEqual(['after']);
    expect(context.metrics.total('component_errors_total', { error_code: 'emit_failed' })).toBe(1);
    expect(context.logger.find('downstream failed', 'error')).toHaveLength(1);
  });
});

describe('a socket file already at the path (issue 24, item 8)', () => {
  /** A socket file left by a process killed while listening (as after a crash). */
  async function staleSocket(path: string): Promise<void> {
    const child = spawn(
      process.execPath,
      ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(child.stdout, 'data');
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(statSync(path).isSocket()).toBe(true);
  }

  it('a stale socket nobody accepts on is removed and bound, with a line saying so', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-unix-'));
    const path = join(directory, 'in.sock');
    try {
      await staleSocket(path);
      const entry = await start({ mode: 'unix_stream', address: undefined, path });
      const client = connect(path);
      await once(client, 'connect');
      client.end('after a crash\n');
      await eventually(() => entry.events.length === 1);
      expect(entry.context.logger.find('removed a stale socket file', 'warn')).toHaveLength(1);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('a socket something answers on is refused, and left alone', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-unix-'));
    const path = join(directory, 'in.sock');
    const other = createServer((socket) => socket.end());
    try {
      await new Promise<void>((resolve) => other.listen(path, resolve));
      const source = createTcpSource(
        { ...baseOptions, mode: 'unix_stream', address: undefined, path },
        createTestContext(),
        'socket',
      );
      await expect(source.run(async () => {}, new AbortController().signal)).rejects.toThrow(
        /in use: another process accepts connections on it/,
      );
      const client = connect(path);
      await once(client, 'connect');
      client.destroy();
    } finally {
      await new Promise((resolve) => other.close(resolve));
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('a path that is not a socket is refused and left alone', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-unix-'));
    const path = join(directory, 'important.txt');
    try {
      writeFileSync(path, 'keep me');
      const source = createTcpSource(
        { ...baseOptions, mode: 'unix_stream', address: undefined, path },
        createTestContext(),
        'socket',
      );
      await expect(source.run(async () => {}, new AbortController().signal)).rejects.toThrow(
        /is not a socket/,
      );
      expect(readFileSync(path, 'utf8')).toBe('keep me');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
