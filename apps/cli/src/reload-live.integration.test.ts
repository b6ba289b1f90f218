import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, freePort, metricValue, type Running, start, workspace } from './test-helpers/cli.js';

afterEach(async () => {
  problems = [];
  await cleanup();
});

/**
 * A socket source → add_fields → file sink. `shutdown_timeout_secs` is short so that a reload which
 * closed connections (what these tests guard against) fails fast instead of after 30 s.
 */
const config = (port: number, options: { version: string; maxLength?: number }) => `
[sources.in]
type = "socket"
mode = "tcp"
address = "127.0.0.1:${port}"
max_length = ${options.maxLength ?? 1000}
shutdown_timeout_secs = 1

[transforms.mark]
type = "add_fields"
inputs = ["in"]
fields.version = "${options.version}"

[sinks.out]
type = "file"
inputs = ["mark"]
path = "out.log"
encoding.codec = "json"
`;

async function metrics(sluice: Running): Promise<string> {
  const url = /metrics on (http:\/\/\S+)/.exec(sluice.stderr())?.[1] as string;
  return (await fetch(url)).text();
}

/** What broke on the client side: a wait below fails at once instead of timing out. */
let problems: string[] = [];

/** Scrapes the metrics until `accept` holds (a wait for a condition; fails when sluice exits first). */
async function metricsUntil(sluice: Running, accept: (text: string) => boolean): Promise<string> {
  for (;;) {
    if (sluice.child.exitCode !== null) throw new Error(`sluice exited:\n${sluice.stderr()}`);
    if (problems.length > 0) throw new Error(problems.join('; '));
    const text = await metrics(sluice);
    if (accept(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sentBy = (text: string, id: string) =>
  metricValue(text, 'component_sent_events_total', { component_id: id }) ?? 0;

/** Every sample of `name` (any labels) summed: 0 when none exists. */
function total(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

/** The `count`-th "config reloaded" line. */
const reloaded = (sluice: Running, count: number) =>
  sluice.waitFor(new RegExp(`(?:config reloaded[\\s\\S]*){${count}}`));

async function deliveredMessages(cwd: string): Promise<string[]> {
  const text = await readFile(join(cwd, 'out.log'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { message: string }).message);
}

/** A client connection that records whether the server ever closed or broke it. */
async function openClient(port: number): Promise<{ socket: Socket; closedByServer: () => boolean }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let closed = false;
  socket.on('end', () => {
    // After the client's own end, the server's is the expected answer.
    if (socket.writableEnded) return;
    closed = true;
    problems.push('the server closed a client connection');
  });
  socket.on('error', (error) => {
    closed = true;
    problems.push(`a client connection broke: ${error.message}`);
  });
  return { socket, closedByServer: () => closed };
}

const lines = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

describe('reloads keep what did not change running (issue 24, item 9; built CLI, real signals)', () => {
  it('a connection opened before a SIGHUP with an unchanged config stays open, and its later lines are delivered', async () => {
    const port = await freePort();
    const cwd = await workspace({ 'sluice.toml': config(port, { version: 'one' }) });
    const sluice = start(['--config', 'sluice.toml', '--metrics-address', '127.0.0.1:0'], { cwd });
    await sluice.waitFor(`listening on 127.0.0.1:${port}`);
    await sluice.waitFor('metrics on');
    const client = await openClient(port);
    const before = lines('before', 100);
    client.socket.write(`${before.join('\n')}\n`);
    await metricsUntil(sluice, (text) => sentBy(text, 'out') === before.length);

    sluice.child.kill('SIGHUP');
    await reloaded(sluice, 1);
    expect(sluice.stderr()).toMatch(/config reloaded.*"changed":\[\]/);
    const after = lines('after', 100);
    client.socket.write(`${after.join('\n')}\n`);
    await metricsUntil(sluice, (text) => sentBy(text, 'out') === before.length + after.length);
    expect(client.closedByServer()).toBe(false);

    client.socket.end();
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
    expect(await deliveredMessages(cwd)).toEqual([...before, ...after]);
  });

  it('a changed socket source hands its listening socket over: the port never refuses a connection across the reload', async () => {
    const port = await freePort();
    const cwd = await workspace({ 'sluice.toml': config(port, { version: 'one' }) });
    const sluice = start(['--config', 'sluice.toml', '--metrics-address', '127.0.0.1:0'], { cwd });
    await sluice.waitFor(`listening on 127.0.0.1:${port}`);
    await sluice.waitFor('metrics on');

    // Connects again and again, each connection sending one line, until told to stop.
    let refused = 0;
    let probes = 0;
    let stop = false;
    let afterReload = 0;
    let reloadedYet = false;
    const prober = (async () => {
      while (!stop) {
        const socket = connect(port, '127.0.0.1');
        try {
          await once(socket, 'connect');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
          refused += 1;
          continue;
        }
        socket.end(`probe-${probes}\n`);
        probes += 1;
        if (reloadedYet) afterReload += 1;
        await once(socket, 'close');
      }
    })();
    await metricsUntil(sluice, (text) => sentBy(text, 'out') >= 20);
    await writeFile(join(cwd, 'sluice.toml'), config(port, { version: 'two', maxLength: 2000 }));
    sluice.child.kill('SIGHUP');
    await reloaded(sluice, 1);
    reloadedYet = true;
    expect(sluice.stderr()).toMatch(/config reloaded.*"changed":\["in","mark"\]/);
    // Probes go on until the new source instance has taken some.
    await metricsUntil(sluice, () => afterReload >= 20);
    stop = true;
    await prober;
    expect(refused).toBe(0);

    await metricsUntil(sluice, (text) => sentBy(text, 'out') === probes);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
    const delivered = await deliveredMessages(cwd);
    expect(new Set(delivered)).toEqual(new Set(lines('probe', probes)));
  });

  it('5 SIGHUPs under a steady client load lose nothing and count nothing lost', async () => {
    const port = await freePort();
    const cwd = await workspace({ 'sluice.toml': config(port, { version: 'v0' }) });
    const sluice = start(['--config', 'sluice.toml', '--metrics-address', '127.0.0.1:0'], { cwd });
    await sluice.waitFor(`listening on 127.0.0.1:${port}`);
    await sluice.waitFor('metrics on');

    // Two clients: one long-lived connection, and one connection per 200 lines.
    let written = 0;
    let stop = false;
    const long = await openClient(port);
    const steady = (async () => {
      while (!stop && !long.closedByServer()) {
        const chunk = lines('long', 100).map((_, index) => `long-${written + index}`);
        written += chunk.length;
        await new Promise((resolve) => long.socket.write(`${chunk.join('\n')}\n`, resolve));
        // Paced by delivery, not by the socket (loopback buffers hold megabytes): at most 2,000
        // lines ahead, so the test ends once the pipeline drains, however loaded the machine.
        await metricsUntil(sluice, (text) => sentBy(text, 'out') >= written + shortWritten - 2000);
      }
    })();
    let shortWritten = 0;
    const short = (async () => {
      while (!stop) {
        const client = await openClient(port);
        const chunk = lines('short', 200).map((_, index) => `short-${shortWritten + index}`);
        shortWritten += chunk.length;
        client.socket.end(`${chunk.join('\n')}\n`);
        await once(client.socket, 'close');
      }
    })();

    let seen = 0;
    for (let reload = 1; reload <= 5; reload += 1) {
      // Events flow between reloads; odd reloads keep the config, even ones change the transform.
      const text = await metricsUntil(sluice, (metricsText) => sentBy(metricsText, 'out') >= seen + 2000);
      seen = sentBy(text, 'out');
      if (reload % 2 === 0)
        await writeFile(join(cwd, 'sluice.toml'), config(port, { version: `v${reload}` }));
      sluice.child.kill('SIGHUP');
      await reloaded(sluice, reload);
    }
    await metricsUntil(sluice, (text) => sentBy(text, 'out') >= seen + 2000);
    stop = true;
    await Promise.all([steady, short]);
    long.socket.end();
    expect(long.closedByServer()).toBe(false);

    const text = await metricsUntil(
      sluice,
      (metricsText) => sentBy(metricsText, 'out') === written + shortWritten,
    );
    expect(total(text, 'component_discarded_events_total')).toBe(0);
    expect(total(text, 'buffer_discarded_events_total')).toBe(0);
    expect(total(text, 'component_errors_total')).toBe(0);
    expect(metricValue(text, 'config_reloads_total')).toBe(5);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
    const delivered = await deliveredMessages(cwd);
    expect(delivered).toHaveLength(written + shortWritten);
    expect(new Set(delivered).size).toBe(written + shortWritten);
  });
});
