import { once } from 'node:events';
import { connect } from 'node:net';
import { FakeKinesis } from '@sluice/sink-kinesis/testing';
import { nestedJson } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, freePort, metricValue, start, workspace } from './test-helpers/cli.js';

afterEach(cleanup);

/** Scrapes `/metrics` until `accept` holds for the text; fails when sluice exits first. */
async function scrapeUntil(
  port: number,
  sluice: ReturnType<typeof start>,
  accept: (text: string) => boolean,
): Promise<string> {
  for (;;) {
    if (sluice.child.exitCode !== null) throw new Error(`sluice exited:\n${sluice.stderr()}`);
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    if (accept(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('reliability (issue 24), the built CLI as a child process', () => {
  it('item 7: a closed stdout rejects and counts the console sink’s events; the process and the other pipelines go on', async () => {
    const cwd = await workspace({
      'sluice.toml': `
[sources.chatty]
type = "demo_logs"
format = "shuffle"
lines = ["to the console"]
interval = 0.01

[sources.steady]
type = "demo_logs"
format = "shuffle"
lines = ["to the file"]
interval = 0.01

[sinks.out]
type = "console"
inputs = ["chatty"]
encoding = "text"

[sinks.kept]
type = "file"
inputs = ["steady"]
path = "kept.log"
encoding = "text"
`,
    });
    const port = await freePort();
    const sluice = start(['--config', 'sluice.toml', '--metrics-address', `127.0.0.1:${port}`], { cwd });
    await sluice.waitFor('to the console\n');
    // The reader of stdout goes away, as when journald restarts: the next write fails with EPIPE.
    sluice.child.stdout?.destroy();
    const broken = await scrapeUntil(
      port,
      sluice,
      (text) =>
        (metricValue(text, 'component_errors_total', { component_id: 'out', error_code: 'write_failed' }) ??
          0) > 0,
    );
    const keptBefore = metricValue(broken, 'component_sent_events_total', { component_id: 'kept' }) ?? 0;
    await scrapeUntil(
      port,
      sluice,
      (text) =>
        (metricValue(text, 'component_sent_events_total', { component_id: 'kept' }) ?? 0) > keptBefore + 5,
    );
    const later = await scrapeUntil(port, sluice, () => true);
    expect(
      metricValue(later, 'component_discarded_events_total', { component_id: 'out', intentional: 'false' }),
    ).toBeGreaterThan(0);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
    expect(sluice.stderr()).toMatch(/events rejected: cannot write to stdout: .*EPIPE/);
  });

  it('item 6: SIGUSR1 never opens a debugger; it logs what the pipeline holds, and the pipeline goes on', async () => {
    const cwd = await workspace({
      'sluice.toml': `
[sources.generator]
type = "demo_logs"
format = "shuffle"
lines = ["still here"]
interval = 0.01

[sinks.out]
type = "console"
inputs = ["generator"]
encoding = "text"
`,
    });
    const sluice = start(['--config', 'sluice.toml'], { cwd });
    await sluice.waitFor('pipeline started');
    sluice.child.kill('SIGUSR1');
    await sluice.waitFor(
      /received SIGUSR1: \d+ events in memory buffers, \d+ in flight, \d+ in disk buffers/,
    );
    // The pipeline goes on: more lines arrive after the signal.
    await new Promise((resolve) => sluice.child.stdout?.once('data', resolve));
    sluice.child.kill('SIGUSR1');
    await sluice.waitFor(/received SIGUSR1[\s\S]*received SIGUSR1/);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
    expect(sluice.stderr()).not.toMatch(/Debugger listening|inspector/i);
  });

  it('item 11: operator events are never rate-limited or merged: five SIGHUPs in a burst, five reloads logged', async () => {
    const cwd = await workspace({
      'sluice.toml': `
[sources.generator]
type = "demo_logs"
format = "shuffle"
lines = ["line"]
interval = 0.05

[sinks.out]
type = "blackhole"
inputs = ["generator"]
`,
    });
    const sluice = start(['--config', 'sluice.toml'], { cwd });
    await sluice.waitFor('pipeline started');
    for (let count = 1; count <= 5; count += 1) {
      sluice.child.kill('SIGHUP');
      await sluice.waitFor(new RegExp(`(received SIGHUP; reloading the config[\\s\\S]*){${count}}`));
    }
    await sluice.waitFor(/(config reloaded[\s\S]*){5}/);
    // One at a time: the kernel merges a signal sent while the same one is still pending.
    sluice.child.kill('SIGUSR1');
    await sluice.waitFor(/received SIGUSR1/);
    sluice.child.kill('SIGUSR1');
    await sluice.waitFor(/(received SIGUSR1[\s\S]*){2}/);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
    expect(sluice.stderr()).not.toMatch(/suppressed/);
    expect(sluice.stderr().match(/received SIGHUP; reloading the config/g)).toHaveLength(5);
  });

  it('item 1, end to end: tcp (json) → disk buffer → Kinesis; 50 lines, one 5,000 deep, 50 lines; a restart: up, 100 delivered, 1 counted, clean', async () => {
    const fake = new FakeKinesis();
    const endpoint = await fake.start();
    try {
      const port = await freePort();
      const metricsPort = await freePort();
      const cwd = await workspace({
        'sluice.toml': `data_dir = "."
[sources.in]
type = "socket"
mode = "tcp"
address = "127.0.0.1:${port}"
decoding.codec = "json"

[sinks.out]
type = "aws_kinesis_streams"
inputs = ["in"]
stream_name = "poison"
region = "us-east-1"
endpoint = "${endpoint}"
healthcheck = false
encoding.codec = "json"
batch = { timeout_secs = 0.1 }
buffer = { type = "disk", max_size = 67108864, max_data_file_size = 1048576 }
`,
      });
      const args = ['--config', 'sluice.toml', '--metrics-address', `127.0.0.1:${metricsPort}`];
      const first = start(args, { cwd });
      await first.waitFor('listening on');
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const good = (from: number) =>
        Array.from({ length: 50 }, (_, index) => `{"n":${from + index}}\n`).join('');
      socket.end(`${good(0)}${nestedJson(5000)}\n${good(50)}`);
      await once(socket, 'close');
      const delivered = () => new Set(fake.acceptedData().map((data) => JSON.parse(data).n as number));
      while (delivered().size < 100) {
        if (first.child.exitCode !== null) throw new Error(`sluice exited:\n${first.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const text = await scrapeUntil(metricsPort, first, () => true);
      expect(
        metricValue(text, 'component_errors_total', {
          component_id: 'in',
          error_code: 'decoder_deserialize',
        }),
      ).toBe(1);
      expect(metricValue(text, 'component_discarded_events_total', { component_id: 'in' })).toBe(1);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      // The restart is clean: nothing poisonous waits at the head of the disk buffer.
      const second = start(args, { cwd });
      await second.waitFor('listening on');
      const again = connect(port, '127.0.0.1');
      await once(again, 'connect');
      again.end('{"n":100}\n');
      await once(again, 'close');
      while (!delivered().has(100)) {
        if (second.child.exitCode !== null) throw new Error(`sluice exited:\n${second.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(delivered().size).toBe(101);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(`${first.stderr()}${second.stderr()}`).not.toMatch(/Maximum call stack|failed:/);
    } finally {
      await fake.stop();
    }
  });
});
