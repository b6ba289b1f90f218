import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, freePort, metricValue, type Running, start, workspace } from './test-helpers/cli.js';

afterEach(cleanup);

const config = (port: number, version: string, maxLength = 1000) => `
[sources.in]
type = "socket"
mode = "tcp"
address = "127.0.0.1:${port}"
max_length = ${maxLength}

[transforms.mark]
type = "add_fields"
inputs = ["in"]
fields.version = "${version}"

[sinks.out]
type = "console"
inputs = ["mark"]
encoding.codec = "json"
`;

/** Connects (again while a reload restarts the source: it listens once its new instance runs). */
async function send(port: number, lines: string[], keepOpen = false): Promise<Socket> {
  let socket: Socket;
  for (;;) {
    socket = connect(port, '127.0.0.1');
    try {
      await once(socket, 'connect');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
    }
  }
  socket.write(lines.map((line) => `${line}\n`).join(''));
  if (!keepOpen) socket.end();
  return socket;
}

const delivered = (sluice: Running, message: string, version: string) =>
  sluice.waitFor(`"message":"${message}"`).then(() => {
    expect(sluice.stdout()).toMatch(new RegExp(`"message":"${message}"[^\\n]*"version":"${version}"`));
  });

async function metric(sluice: Running, name: string): Promise<number | undefined> {
  const url = /metrics on (http:\/\/\S+)/.exec(sluice.stderr())?.[1] as string;
  return metricValue(await (await fetch(url)).text(), name);
}

/** The reload scenario, triggered by `trigger` (SIGHUP, or nothing when the files are watched). */
async function reloadScenario(args: string[], trigger: (sluice: Running) => void): Promise<Running> {
  const port = await freePort();
  const cwd = await workspace({ 'sluice.toml': config(port, 'one') });
  const file = join(cwd, 'sluice.toml');
  const sluice = start(['--config', 'sluice.toml', '--metrics-address', '127.0.0.1:0', ...args], { cwd });
  await sluice.waitFor(`listening on 127.0.0.1:${port}`);
  const open = await send(port, ['first'], true);
  await delivered(sluice, 'first', 'one');

  // A changed source and transform: the open connection's later data still arrives.
  await writeFile(file, config(port, 'two', 2000));
  trigger(sluice);
  await sluice.waitFor('reloading the config');
  open.end('second\n');
  await sluice.waitFor('config reloaded');
  await delivered(sluice, 'second', 'one');
  await send(port, ['third']);
  await delivered(sluice, 'third', 'two');

  // An invalid config: logged, counted, and the running pipeline goes on unchanged.
  await writeFile(file, `${config(port, 'three')}\n[sinks.out2]\ntype = "console"\ninputs = ["nowhere"]\n`);
  trigger(sluice);
  await sluice.waitFor(/config reload rejected; the running pipeline goes on unchanged: .*nowhere/);
  await send(port, ['fourth']);
  await delivered(sluice, 'fourth', 'two');
  expect(await metric(sluice, 'config_reloads_total')).toBe(1);
  expect(await metric(sluice, 'config_reload_rejects_total')).toBe(1);
  sluice.child.kill('SIGTERM');
  expect(await sluice.exited).toBe(0);
  return sluice;
}

describe('config reload (built CLI, as a child process)', () => {
  it('SIGHUP reloads in place: new options take effect, open connections keep their data, an invalid config is refused', async () => {
    const sluice = await reloadScenario([], (running) => running.child.kill('SIGHUP'));
    expect(sluice.stderr()).toMatch(/received SIGHUP; reloading the config/);
  });

  it('--watch-config: a burst of writes is one reload, after the debounce', async () => {
    const sluice = await reloadScenario(['--watch-config', '--watch-config-delay-ms', '300'], () => {});
    expect(sluice.stderr()).toMatch(/config files changed; reloading the config/);
    expect(sluice.stderr().match(/config files changed; reloading/g)).toHaveLength(2);
  });

  it('an unchanged disk-buffered sink keeps its backlog across a reload: every event arrives', async () => {
    // The endpoint answers 503 (retried) until `recovered`: the backlog builds in the disk buffer.
    let recovered = false;
    const arrived: Array<{ message: string; version: string }> = [];
    let onArrival = () => {};
    let refused = 0;
    const endpoint = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        if (!recovered) {
          refused += 1;
          response.writeHead(503).end();
          return;
        }
        for (const line of body.split('\n').filter(Boolean))
          arrived.push(JSON.parse(line) as { message: string; version: string });
        response.writeHead(200).end();
        onArrival();
      });
    });
    endpoint.listen(0, '127.0.0.1');
    await once(endpoint, 'listening');
    try {
      const endpointPort = (endpoint.address() as { port: number }).port;
      const port = await freePort();
      const diskConfig = (version: string) =>
        `data_dir = "data"\n${config(port, version)}`.replace(
          /\[sinks\.out\][\s\S]*$/,
          `[sinks.out]\ntype = "http"\ninputs = ["mark"]\nuri = "http://127.0.0.1:${endpointPort}/"\nencoding.codec = "ndjson"\nhealthcheck = false\nbatch = { max_events = 20, timeout_secs = 0.05 }\nrequest = { concurrency = 1, retry_initial_backoff_secs = 0.05, retry_max_duration_secs = 0.2 }\nbuffer = { type = "disk", max_size = 268435488 }\n`,
        );
      const cwd = await workspace({ 'sluice.toml': diskConfig('one') });
      await mkdir(join(cwd, 'data'));
      const sluice = start(['--config', 'sluice.toml', '--metrics-address', '127.0.0.1:0'], { cwd });
      await sluice.waitFor(`listening on 127.0.0.1:${port}`);
      const backlog = Array.from({ length: 200 }, (_, index) => `backlog-${index}`);
      await send(port, backlog);
      // Every backlog event has left the transform (into the disk buffer) and the sink is failing.
      const metricsUrl = /metrics on (http:\/\/\S+)/.exec(sluice.stderr())?.[1] as string;
      const transformed = async () =>
        metricValue(await (await fetch(metricsUrl)).text(), 'component_sent_events_total', {
          component_id: 'mark',
        });
      while ((await transformed()) !== backlog.length || refused === 0)
        await new Promise((resolve) => setTimeout(resolve, 20));

      await writeFile(join(cwd, 'sluice.toml'), diskConfig('two'));
      sluice.child.kill('SIGHUP');
      await sluice.waitFor('config reloaded');
      const later = ['later-0', 'later-1'];
      const everything = [...backlog, ...later];
      const allArrived = new Promise<void>((resolve) => {
        onArrival = () => {
          const seen = new Set(arrived.map((event) => event.message));
          if (everything.every((message) => seen.has(message))) resolve();
        };
      });
      // The new pipeline takes events while the endpoint still fails; then it recovers.
      await send(port, later);
      recovered = true;
      await allArrived;
      // At least once: nothing lost; the backlog went through the old transform, later events the new one.
      for (const event of arrived)
        expect(event.version).toBe(event.message.startsWith('backlog') ? 'one' : 'two');
      expect(new Set(arrived.map((event) => event.message)).size).toBe(everything.length);
      sluice.child.kill('SIGTERM');
      expect(await sluice.exited).toBe(0);
    } finally {
      endpoint.closeAllConnections();
      endpoint.close();
    }
  });
});
