import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogEvent } from '@sluice/component-api';
import { createTestContext } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyslogSource, DEFAULT_MAX_LENGTH, type SyslogOptions, syslogSource } from './syslog-source.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** Starts a syslog source; `received(n)` resolves once n events arrived; `port` once listening. */
async function start(options: Partial<SyslogOptions> & Pick<SyslogOptions, 'mode'>) {
  const context = createTestContext({ id: 'syslog' });
  const source = createSyslogSource(
    { max_length: DEFAULT_MAX_LENGTH, host_key: 'host', ...options },
    context,
  );
  const events: LogEvent[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const controller = new AbortController();
  let listening: (line: string) => void = () => {};
  const started = new Promise<string>((resolve) => (listening = resolve));
  const logger = context.logger;
  const info = logger.info.bind(logger);
  logger.info = (message, fields) => {
    if (message.startsWith('listening on')) listening(message);
    info(message, fields);
  };
  const done = source.run(async (batch) => {
    events.push(...batch);
    for (const waiter of waiters) if (events.length >= waiter.count) waiter.resolve();
  }, controller.signal);
  stops.push(async () => {
    controller.abort();
    await done;
  });
  const line = await started;
  const port = Number(/:(\d+)/.exec(line)?.[1]);
  const received = (count: number) =>
    new Promise<void>((resolve) => {
      if (events.length >= count) resolve();
      else waiters.push({ count, resolve });
    });
  return { port, events, received, context };
}

const rfc5424 =
  '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry...';

describe("syslog source (Vector's syslog, built on the socket source)", () => {
  it("tcp: octet-counted and newline-delimited messages, in Vector's fields; one that is no syslog is dropped and counted", async () => {
    const { port, events, received, context } = await start({ mode: 'tcp', address: '127.0.0.1:0' });
    const client = connect(port, '127.0.0.1');
    const framed = `${Buffer.byteLength(rfc5424)} ${rfc5424}`;
    client.write(`${framed}<13>Feb 13 20:07:26 74794bfb6795 root[8539]: i am foobar\nno syslog at all\n`);
    client.end();
    await received(2);
    expect(events[0]?.fields).toEqual({
      message: 'An application event log entry...',
      hostname: 'mymachine.example.com',
      host: 'mymachine.example.com',
      source_ip: '127.0.0.1',
      severity: 'notice',
      facility: 'local4',
      version: 1,
      appname: 'evntslog',
      msgid: 'ID47',
      timestamp: new Date('2003-10-11T22:14:15.003Z'),
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
      source_type: 'syslog',
    });
    expect(events[1]?.fields).toMatchObject({
      message: 'i am foobar',
      appname: 'root',
      procid: 8539,
      host: '74794bfb6795',
    });
    while (context.metrics.total('component_errors_total', { error_type: 'parser_failed' }) === 0)
      await new Promise((resolve) => setImmediate(resolve));
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(events).toHaveLength(2);
  });

  it('udp: one message per datagram; without a hostname the peer is the host; host_key ""', async () => {
    const { port, events, received } = await start({ mode: 'udp', address: '127.0.0.1:0', host_key: '' });
    const client = createSocket('udp4');
    await new Promise<void>((resolve) =>
      client.send('<34>Oct 11 22:14:15 : a message', port, '127.0.0.1', () => resolve()),
    );
    client.close();
    await received(1);
    expect(events[0]?.fields).toMatchObject({
      message: 'a message',
      source_ip: '127.0.0.1',
      severity: 'crit',
    });
    expect(events[0]?.fields).not.toHaveProperty('host');
    const other = await start({ mode: 'udp', address: '127.0.0.1:0' });
    const second = createSocket('udp4');
    await new Promise<void>((resolve) =>
      second.send('<34>Oct 11 22:14:15 : a message', other.port, '127.0.0.1', () => resolve()),
    );
    second.close();
    await other.received(1);
    expect(other.events[0]?.fields.host).toBe('127.0.0.1');
  });

  it('unix: a stream socket file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-syslog-'));
    stops.push(async () => rmSync(directory, { recursive: true, force: true }));
    const path = join(directory, 'syslog.sock');
    const context = createTestContext({ id: 'syslog' });
    const source = createSyslogSource(
      { mode: 'unix', path, max_length: DEFAULT_MAX_LENGTH, host_key: 'host' },
      context,
    );
    const events: LogEvent[] = [];
    let arrived: () => void = () => {};
    const got = new Promise<void>((resolve) => (arrived = resolve));
    const controller = new AbortController();
    const done = source.run(async (batch) => {
      events.push(...batch);
      arrived();
    }, controller.signal);
    stops.push(async () => {
      controller.abort();
      await done;
    });
    for (;;) {
      const client = connect(path);
      const connected = await new Promise<boolean>((resolve) => {
        client.once('connect', () => resolve(true));
        client.once('error', () => resolve(false));
      });
      if (connected) {
        client.end(`${rfc5424}\n`);
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await got;
    expect(events[0]?.fields).toMatchObject({ appname: 'evntslog', host: 'mymachine.example.com' });
    expect(events[0]?.fields).not.toHaveProperty('source_ip');
  });

  it("refuses what Vector refuses: no address, no path; the socket source's own checks", () => {
    const check = (options: Record<string, unknown>) =>
      syslogSource.validate?.(
        { max_length: DEFAULT_MAX_LENGTH, host_key: 'host', ...options } as SyslogOptions,
        {
          dataDir: undefined,
        },
      );
    expect(check({ mode: 'tcp' })).toEqual([{ path: 'address', message: 'is required with mode = "tcp"' }]);
    expect(check({ mode: 'unix' })).toEqual([{ path: 'path', message: 'is required with mode = "unix"' }]);
    expect(check({ mode: 'tcp', address: 'localhost' })).toEqual([
      { path: 'address', message: 'must be "ip:port" (got "localhost")' },
    ]);
    expect(check({ mode: 'tcp', address: '0.0.0.0:514', permit_origin: ['nonsense'] })?.[0]?.path).toBe(
      'permit_origin[0]',
    );
  });
});
