import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import {
  createStream,
  deleteStream,
  type KinesisLocal,
  readAllRecords,
  startKinesisLocal,
} from '@sluice/kinesis-local';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { cleanup, freePort, metricValue, type Running, start, workspace } from './test-helpers/cli.js';

/** Real work on a loaded 2-core machine: two kinesis-local stream lifecycles and a CLI run. */
const LOADED_MACHINE_MS = 300_000;

const STREAM = 'recreated';

let kinesis: KinesisLocal;
beforeAll(async () => {
  kinesis = await startKinesisLocal({ streams: [{ name: STREAM, shards: 2 }] });
});
afterAll(() => kinesis.stop());
afterEach(cleanup);

async function sendLines(port: number, lines: readonly string[]): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end(lines.map((line) => `${line}\n`).join(''));
  await once(socket, 'close');
}

/**
 * Polls /metrics until `name{labels}` satisfies `test` (the value lives in another process); fails
 * at once when the sink has discarded (rejected) any event.
 */
async function waitForMetric(
  sluice: Running,
  port: number,
  name: string,
  labels: Record<string, string>,
  test: (value: number | undefined) => boolean,
): Promise<void> {
  for (;;) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const discarded = metricValue(text, 'component_discarded_events_total', { component_id: 'out' }) ?? 0;
    if (discarded > 0) throw new Error(`${discarded} events discarded:\n${sluice.stderr()}`);
    if (test(metricValue(text, name, labels))) return;
    if (sluice.child.exitCode !== null) throw new Error(`sluice exited:\n${sluice.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls the stream until it holds `count` records; returns their data. */
async function waitForLines(count: number): Promise<string[]> {
  for (;;) {
    const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName: STREAM });
    if (records.length >= count) return records.map((record) => record.data.toString());
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const lines = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix} ${index}`);

it(
  'a stream deleted and re-created mid-run, disk buffer: nothing rejected, every event delivered once it is back; the unavailable gauge goes 1 then 0',
  async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    const cwd = await workspace({
      'sluice.toml': `data_dir = "data"
[sources.in]
type = "socket"
mode = "tcp"
address = "127.0.0.1:${port}"
[sinks.out]
type = "aws_kinesis_streams"
inputs = ["in"]
stream_name = "${STREAM}"
region = "us-east-1"
endpoint = "${kinesis.endpoint}"
encoding = "text"
batch = { max_events = 100, timeout_secs = 0.1 }
request = { retry_initial_backoff_secs = 0.1, retry_max_duration_secs = 1 }
buffer = { type = "disk", max_size = 67108864, max_data_file_size = 1048576 }
`,
    });
    await mkdir(`${cwd}/data`);
    const sluice = start(['--config', 'sluice.toml', '--metrics-address', `127.0.0.1:${metricsPort}`], {
      cwd,
    });
    await sluice.waitFor('listening on');
    const out = { component_id: 'out' };

    const before = lines('before', 200);
    await sendLines(port, before);
    expect((await waitForLines(before.length)).sort()).toEqual([...before].sort());

    await deleteStream({ endpoint: kinesis.endpoint, streamName: STREAM });
    const during = lines('during', 2_000);
    await sendLines(port, during);
    // Every line in the disk buffer, and the sink has met the missing stream.
    await waitForMetric(
      sluice,
      metricsPort,
      'buffer_received_events_total',
      { ...out, stage: '0' },
      (value) => value === before.length + during.length,
    );
    await waitForMetric(sluice, metricsPort, 'kinesis_destination_unavailable', out, (value) => value === 1);

    await createStream({ endpoint: kinesis.endpoint, streamName: STREAM, shards: 2 });
    await waitForMetric(sluice, metricsPort, 'kinesis_destination_unavailable', out, (value) => value === 0);
    // The new stream holds every line sent while it was gone, each once.
    expect((await waitForLines(during.length)).sort()).toEqual([...during].sort());
    await waitForMetric(
      sluice,
      metricsPort,
      'component_sent_events_total',
      out,
      (value) => value === before.length + during.length,
    );
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metricValue(text, 'component_discarded_events_total', out) ?? 0).toBe(0);
    expect(metricValue(text, 'kinesis_failed_records_total', out)).toBeUndefined();
    expect(sluice.stderr() + sluice.stdout()).toContain('the destination is unavailable');
    expect(sluice.stderr() + sluice.stdout()).toContain('the destination is available again');

    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
  },
  LOADED_MACHINE_MS,
);
