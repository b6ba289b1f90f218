import { once } from 'node:events';
import { connect } from 'node:net';
import { type KinesisLocal, readAllRecords, startKinesisLocal, waitForRecords } from '@sluice/kinesis-local';
import { FakeKinesis } from '@sluice/sink-kinesis/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, freePort, metricValue, type Running, start, workspace } from './test-helpers/cli.js';

let kinesis: KinesisLocal;
beforeAll(async () => {
  kinesis = await startKinesisLocal({
    streams: ['e2e-toml', 'e2e-yaml', 'e2e-json', 'e2e-many', 'e2e-sigterm'].map((name) => ({
      name,
      shards: 2,
    })),
  });
});
afterAll(() => kinesis.stop());
afterEach(cleanup);

async function sendLines(port: number, lines: readonly string[], connections = 1): Promise<void> {
  const per = Math.ceil(lines.length / connections);
  await Promise.all(
    Array.from({ length: connections }, async (_, index) => {
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      socket.end(
        lines
          .slice(index * per, (index + 1) * per)
          .map((line) => `${line}\n`)
          .join(''),
      );
      await once(socket, 'close');
    }),
  );
}

async function scrape(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

/** Polls /metrics until the metric reaches `value` (nothing to await: the counter lives in another process). */
async function waitForMetric(
  sluice: Running,
  port: number,
  name: string,
  labels: Record<string, string>,
  value: number,
): Promise<void> {
  for (;;) {
    if ((metricValue(await scrape(port), name, labels) ?? 0) >= value) return;
    if (sluice.child.exitCode !== null) throw new Error(`sluice exited:\n${sluice.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls the stream until it holds `count` distinct records (or two minutes pass); returns them. */
async function waitForDistinct(streamName: string, count: number): Promise<Set<string>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName });
    const distinct = new Set(records.map((record) => record.data.toString()));
    if (distinct.size >= count || Date.now() > deadline) return distinct;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const lines = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix} line ${index} {"n":${index}}`);

describe('end to end: the built CLI, tcp → buffer → aws_kinesis_streams → kinesis-local', () => {
  const formats: Array<[string, (port: number) => string, string]> = [
    [
      'TOML',
      (port) =>
        `[sources.in]\ntype = "socket"\nmode = "tcp"\naddress = "127.0.0.1:${port}"\n[sinks.out]\ntype = "aws_kinesis_streams"\ninputs = ["in"]\nstream_name = "e2e-toml"\nregion = "us-east-1"\nendpoint = "${kinesis.endpoint}"\nbatch.timeout_secs = 0.1\n`,
      'sluice.toml',
    ],
    [
      'YAML',
      (port) =>
        `sources:\n  in: { type: socket, mode: tcp, address: "127.0.0.1:${port}" }\nsinks:\n  out:\n    type: aws_kinesis_streams\n    inputs: [in]\n    stream_name: e2e-yaml\n    region: us-east-1\n    endpoint: ${kinesis.endpoint}\n    batch: { timeout_secs: 0.1 }\n`,
      'sluice.yaml',
    ],
    [
      'JSON',
      (port) =>
        JSON.stringify({
          sources: { in: { type: 'tcp', address: `127.0.0.1:${port}` } },
          sinks: {
            out: {
              type: 'aws_kinesis_streams',
              inputs: ['in'],
              stream_name: 'e2e-json',
              region: 'us-east-1',
              endpoint: kinesis.endpoint,
              batch: { timeout_secs: 0.1 },
            },
          },
        }),
      'sluice.json',
    ],
  ];
  for (const [format, config, file] of formats) {
    it(`a ${format} config: every line arrives in the stream unchanged`, async () => {
      const port = await freePort();
      const cwd = await workspace({ [file]: config(port) });
      const sluice = start(['--config', file], { cwd });
      await sluice.waitFor('listening on');
      const sent = lines(format, 50);
      await sendLines(port, sent);
      const stream = `e2e-${format.toLowerCase()}`;
      const records = await waitForRecords(sent.length, { endpoint: kinesis.endpoint, streamName: stream });
      expect(records.map((record) => record.data.toString()).sort()).toEqual([...sent].sort());
      sluice.child.kill('SIGTERM');
      expect(await sluice.exited).toBe(0);
    });
  }

  it('10,000 lines over several TCP connections all arrive', async () => {
    const port = await freePort();
    const cwd = await workspace({
      'sluice.toml': `[sources.in]\ntype = "socket"\nmode = "tcp"\naddress = "127.0.0.1:${port}"\n[sinks.out]\ntype = "aws_kinesis_streams"\ninputs = ["in"]\nstream_name = "e2e-many"\nregion = "us-east-1"\nendpoint = "${kinesis.endpoint}"\nencoding = "text"\nbatch.timeout_secs = 0.1\n`,
    });
    const sluice = start(['--config', 'sluice.toml'], { cwd });
    await sluice.waitFor('listening on');
    const sent = lines('many', 10_000);
    await sendLines(port, sent, 8);
    const records = await waitForRecords(sent.length, {
      endpoint: kinesis.endpoint,
      streamName: 'e2e-many',
      timeoutMs: 120_000,
    });
    expect(new Set(records.map((record) => record.data.toString()))).toEqual(new Set(sent));
    expect(records).toHaveLength(sent.length);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
  });

  it('SIGTERM mid-stream with a disk buffer, then a restart: every line the source accepted arrives', async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    const cwd = await workspace({
      'sluice.toml': `data_dir = "data"\n[sources.in]\ntype = "socket"\nmode = "tcp"\naddress = "127.0.0.1:${port}"\n[sinks.out]\ntype = "aws_kinesis_streams"\ninputs = ["in"]\nstream_name = "e2e-sigterm"\nregion = "us-east-1"\nendpoint = "${kinesis.endpoint}"\nbatch = { max_events = 50, timeout_secs = 0.1 }\nrequest = { concurrency = 1 }\nbuffer = { type = "disk", max_size = 67108864, max_data_file_size = 1048576 }\n`,
    });
    await (await import('node:fs/promises')).mkdir(`${cwd}/data`);
    const args = [
      '--config',
      'sluice.toml',
      '--metrics-address',
      `127.0.0.1:${metricsPort}`,
      '--graceful-shutdown-limit-secs',
      '0.5',
    ];
    const first = start(args, { cwd });
    await first.waitFor('listening on');
    const sent = lines('sigterm', 3000);
    await sendLines(port, sent, 3);
    await waitForMetric(
      first,
      metricsPort,
      'component_received_events_total',
      { component_id: 'in' },
      sent.length,
    );
    first.child.kill('SIGTERM');
    await first.exited;
    const before = (await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'e2e-sigterm' })).length;
    expect(before).toBeLessThan(sent.length);
    const second = start(args, { cwd });
    await second.waitFor('listening on');
    // At-least-once: records in flight at the deadline may arrive twice, so wait for every distinct line.
    expect(await waitForDistinct('e2e-sigterm', sent.length)).toEqual(new Set(sent));
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('crash: disk buffer, endpoint failing, SIGKILL mid-stream, restart healthy: every line written to the buffer arrives', async () => {
    const fake = new FakeKinesis();
    const endpoint = await fake.start();
    fake.defaultBehaviour = { kind: 'http-error', status: 503, type: 'ServiceUnavailable' };
    try {
      const port = await freePort();
      const metricsPort = await freePort();
      const cwd = await workspace({
        'sluice.toml': `data_dir = "."\n[sources.in]\ntype = "socket"\nmode = "tcp"\naddress = "127.0.0.1:${port}"\n[sinks.out]\ntype = "aws_kinesis_streams"\ninputs = ["in"]\nstream_name = "crash"\nregion = "us-east-1"\nendpoint = "${endpoint}"\nhealthcheck = false\nbatch = { timeout_secs = 0.1 }\nrequest = { retry_initial_backoff_secs = 0.05, retry_max_duration_secs = 0.2 }\nbuffer = { type = "disk", max_size = 67108864, max_data_file_size = 1048576 }\n`,
      });
      const args = ['--config', 'sluice.toml', '--metrics-address', `127.0.0.1:${metricsPort}`];
      const first = start(args, { cwd });
      await first.waitFor('listening on');
      const sent = lines('crash', 2000);
      await sendLines(port, sent, 2);
      await waitForMetric(
        first,
        metricsPort,
        'buffer_received_events_total',
        { component_id: 'out', stage: '0' },
        sent.length,
      );
      first.child.kill('SIGKILL');
      await first.exited;
      expect(fake.accepted).toHaveLength(0);
      fake.defaultBehaviour = { kind: 'succeed' };
      const second = start(args, { cwd });
      await second.waitFor('listening on');
      while (new Set(fake.acceptedData()).size < sent.length) {
        if (second.child.exitCode !== null) throw new Error(second.stderr());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(new Set(fake.acceptedData())).toEqual(new Set(sent));
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await fake.stop();
    }
  });

  it('sluice demo shows records arriving from Kinesis', async () => {
    const sluice = start(['demo', '--once', '--lines', '5', '--port', '0']);
    expect(await sluice.exited).toBe(0);
    expect(sluice.stdout()).toContain('records read back from Kinesis: 5');
    expect(sluice.stdout()).toMatch(/send your own lines: {2}nc 127\.0\.0\.1 \d+/);
  });
});
