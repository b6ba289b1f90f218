import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Batch, LogEvent, Source } from '@sluice/component-api';
import { createTestContext } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DATAGRAM_BYTES, datagramSourceProblems } from './datagram-source.js';
import type { TcpSourceOptions } from './options.js';
import { socketSource } from './tcp-source.js';

const defaults = { shutdown_timeout_secs: 5, host_key: 'host', port_key: 'port' } as const;
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** Starts a socket source in a datagram mode; `received(n)` resolves once n events arrived. */
async function start(options: Partial<TcpSourceOptions>, emit?: (batch: Batch) => Promise<void>) {
  const context = createTestContext({ id: 'in' });
  const source = (await socketSource.create(
    { ...defaults, ...options } as TcpSourceOptions,
    context,
  )) as Source & { address(): Promise<string> };
  const events: LogEvent[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const controller = new AbortController();
  const done = source.run(async (batch: Batch) => {
    await emit?.(batch);
    events.push(...batch);
    for (const waiter of waiters) if (events.length >= waiter.count) waiter.resolve();
  }, controller.signal);
  const stop = async () => {
    controller.abort();
    await done;
  };
  stops.push(stop);
  const received = (count: number) =>
    new Promise<void>((resolve) => {
      if (events.length >= count) resolve();
      else waiters.push({ count, resolve });
    });
  return { address: await source.address(), events, context, received, stop };
}

function sendUdp(port: number, ...datagrams: Array<string | Buffer>): Promise<number> {
  const client = createSocket('udp4');
  return new Promise((resolve, reject) => {
    client.bind(0, '127.0.0.1', () => {
      const from = client.address().port;
      let left = datagrams.length;
      for (const datagram of datagrams)
        client.send(datagram, port, '127.0.0.1', (error) => {
          if (error) reject(error);
          if (--left === 0) client.close(() => resolve(from));
        });
    });
  });
}

describe('socket source, mode = "udp" (as Vector\'s UdpConfig)', () => {
  it('one datagram is one event, with the peer as host and port; decoding applies', async () => {
    const { address, events, received } = await start({ mode: 'udp', address: '127.0.0.1:0' });
    const port = Number(address.split(':').pop());
    const from = await sendUdp(port, 'first line\nstill the first', 'second');
    await received(2);
    expect(events.map((event) => event.fields.message)).toEqual(['first line\nstill the first', 'second']);
    expect(events[0]?.fields).toMatchObject({ host: '127.0.0.1', port: from, source_type: 'socket' });
    const json = await start({ mode: 'udp', address: '127.0.0.1:0', decoding: { codec: 'json' } });
    await sendUdp(Number(json.address.split(':').pop()), '{"level":"info"}');
    await json.received(1);
    expect(json.events[0]?.fields).toMatchObject({ level: 'info', host: '127.0.0.1' });
  });

  it('a datagram over max_length loses its cut frame, counted; newline framing keeps the whole frames', async () => {
    const { address, events, received, context } = await start({
      mode: 'udp',
      address: '127.0.0.1:0',
      max_length: 10,
      framing: { method: 'newline_delimited' },
    });
    await sendUdp(Number(address.split(':').pop()), 'abc\ndefghijklmnop', 'ok');
    await received(2);
    expect(events.map((event) => event.fields.message)).toEqual(['abc', 'ok']);
    expect(context.metrics.total('component_errors_total', { error_type: 'oversized_datagram' })).toBe(1);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
  });

  it('while downstream holds a batch, datagrams wait (up to a bound) and none is lost', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const { address, events, received } = await start({ mode: 'udp', address: '127.0.0.1:0' }, async () => {
      if (first) {
        first = false;
        await gate;
      }
    });
    const port = Number(address.split(':').pop());
    await sendUdp(port, 'held');
    await sendUdp(port, ...Array.from({ length: 50 }, (_, index) => `queued ${index}`));
    release();
    await received(51);
    expect(events).toHaveLength(51);
  });

  it('refuses what Vector refuses: options of another mode, a bad multicast group, no address', () => {
    expect(
      datagramSourceProblems({ ...defaults, mode: 'udp', address: '0.0.0.0:514', connection_limit: 5 }),
    ).toEqual([
      { path: 'connection_limit', message: expect.stringMatching(/is not an option of mode "udp"/) },
    ]);
    expect(
      datagramSourceProblems({ ...defaults, mode: 'udp', address: '0.0.0.0:514', multicast_groups: ['x'] }),
    ).toEqual([{ path: 'multicast_groups[0]', message: 'must be an IPv4 address (got "x")' }]);
    expect(datagramSourceProblems({ ...defaults, mode: 'udp' })).toEqual([
      { path: 'address', message: 'is required with mode = "udp"' },
    ]);
    expect(datagramSourceProblems({ ...defaults, mode: 'unix_datagram', max_length: 5 })).toEqual([
      expect.objectContaining({ path: 'max_length' }),
      { path: 'path', message: 'is required with mode = "unix_datagram"' },
    ]);
    expect(DEFAULT_MAX_DATAGRAM_BYTES).toBe(102_400);
  });
});

describe('socket source, mode = "unix_datagram"', () => {
  it('receives datagrams on a socket file (peer "(unnamed)"), removed at shutdown', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-dgram-'));
    stops.push(async () => rmSync(directory, { recursive: true, force: true }));
    const path = join(directory, 'in.sock');
    const { events, received, stop } = await start({ mode: 'unix_datagram', path, socket_file_mode: 0o600 });
    const { DgramSocket } = (await import('node-unix-socket')) as unknown as {
      DgramSocket: new () => {
        sendTo(
          buffer: Buffer,
          offset: number,
          length: number,
          path: string,
          done: (error?: Error) => void,
        ): void;
        close(): void;
      };
    };
    const client = new DgramSocket();
    for (const text of ['one', 'two']) {
      const buffer = Buffer.from(text);
      await new Promise<void>((resolve, reject) =>
        client.sendTo(buffer, 0, buffer.length, path, (error) => (error ? reject(error) : resolve())),
      );
    }
    client.close();
    await received(2);
    expect(events.map((event) => [event.fields.message, event.fields.host])).toEqual([
      ['one', '(unnamed)'],
      ['two', '(unnamed)'],
    ]);
    await stop();
    expect(existsSync(path)).toBe(false);
  });
});
