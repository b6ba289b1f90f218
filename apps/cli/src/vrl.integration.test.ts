import { once } from 'node:events';
import { connect } from 'node:net';
import { type KinesisLocal, readAllRecords, startKinesisLocal, waitForRecords } from '@sluice/kinesis-local';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, freePort, metricValue, run, start, workspace } from './test-helpers/cli.js';

let kinesis: KinesisLocal;
beforeAll(async () => {
  kinesis = await startKinesisLocal({
    streams: ['vrl-errors', 'vrl-rest'].map((name) => ({ name, shards: 1 })),
  });
});
afterAll(() => kinesis.stop());
afterEach(cleanup);

async function sendLines(port: number, lines: readonly string[]): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end(lines.map((line) => `${line}\n`).join(''));
  await once(socket, 'close');
}

/** A config shaped like the public Vector configs that parse JSON access logs and route them by level. */
const pipeline = (port: number) => `
sources:
  app:
    type: socket
    mode: tcp
    address: "127.0.0.1:${port}"
transforms:
  parse_logs:
    type: remap
    inputs: [app]
    source: |
      . = parse_json!(string!(.message))
      del(.password)
      .status = to_int(.status) ?? 0
      if .status >= 500 {
        .level = "error"
      } else {
        .level = "info"
      }
  by_level:
    type: route
    inputs: [parse_logs]
    route:
      error: '.level == "error"'
  no_health:
    type: filter
    inputs: [by_level._unmatched]
    condition:
      type: vrl
      source: .path != "/health"
sinks:
  errors:
    type: aws_kinesis_streams
    inputs: [by_level.error]
    stream_name: vrl-errors
    region: us-east-1
    endpoint: ${kinesis.endpoint}
    partition_key_field: path
    batch: { timeout_secs: 0.1 }
  rest:
    type: aws_kinesis_streams
    inputs: [no_health, parse_logs]
    stream_name: vrl-rest
    region: us-east-1
    endpoint: ${kinesis.endpoint}
    batch: { timeout_secs: 0.1 }
`;

describe('remap, route and filter in the built CLI: tcp → VRL → aws_kinesis_streams → kinesis-local', () => {
  it('each line is parsed, cleaned, levelled and routed; lines that are not JSON pass unchanged', async () => {
    const port = await freePort();
    const cwd = await workspace({ 'vector.yaml': pipeline(port) });
    const sluice = start(['--config', 'vector.yaml', '--metrics-address', '127.0.0.1:0'], { cwd });
    await sluice.waitFor(/metrics on http:\/\/\S+/);
    const metricsUrl = /metrics on (http:\/\/\S+)/.exec(sluice.stderr())?.[1] as string;
    await sluice.waitFor('listening on');
    await sendLines(port, [
      '{"status":"503","path":"/api","password":"x"}',
      '{"status":"200","path":"/health"}',
      '{"status":"200","path":"/home"}',
      'not json',
    ]);
    const errors = await waitForRecords(1, { endpoint: kinesis.endpoint, streamName: 'vrl-errors' });
    expect(errors.map((record) => record.data.toString())).toEqual([
      '{"level":"error","path":"/api","status":503}',
    ]);
    // `rest` reads every event of parse_logs (4) and, beside, the unmatched events no_health keeps (2): the
    // line that is not JSON passes remap unchanged, matches no route and has no `.path`, so it arrives twice.
    const rest = await waitForRecords(6, { endpoint: kinesis.endpoint, streamName: 'vrl-rest' });
    expect(rest.map((record) => record.data.toString()).sort()).toEqual(
      [
        '{"level":"error","path":"/api","status":503}',
        '{"level":"info","path":"/health","status":200}',
        '{"level":"info","path":"/home","status":200}',
        '{"level":"info","path":"/home","status":200}',
        // The failing line passes unchanged, unstructured: the dynamic encoding sends it as it came.
        'not json',
        'not json',
      ].sort(),
    );
    // The failure and the filtered event are counted, each output of the route on its own label.
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metricValue(metrics, 'component_errors_total', { component_id: 'parse_logs' })).toBe(1);
    expect(metricValue(metrics, 'component_sent_events_total', { component_id: 'parse_logs' })).toBe(4);
    expect(
      metricValue(metrics, 'component_sent_events_total', { component_id: 'by_level', output: 'error' }),
    ).toBe(1);
    expect(
      metricValue(metrics, 'component_sent_events_total', { component_id: 'by_level', output: '_unmatched' }),
    ).toBe(3);
    expect(
      metricValue(metrics, 'component_discarded_events_total', {
        component_id: 'no_health',
        intentional: 'true',
      }),
    ).toBe(1);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
    expect(sluice.stderr()).toContain('Mapping failed with event.');
    // Nothing else arrived.
    expect(await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'vrl-errors' })).toHaveLength(1);
    expect(await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'vrl-rest' })).toHaveLength(6);
  });

  it("sluice validate refuses a program Vector refuses: VRL's diagnostics, exit 78", async () => {
    const cwd = await workspace({
      'vector.yaml': pipeline(1).replace('. = parse_json!(string!(.message))', '. = parse_json(.message)'),
    });
    const { code, stdout, stderr } = await run(['validate', '--no-environment', 'vector.yaml'], { cwd });
    expect(code).toBe(78);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      [
        'error: vector.yaml: transforms.parse_logs.source: error[E103]: unhandled fallible assignment',
        '  ┌─ :1:5',
        '  │',
        '1 │ . = parse_json(.message)',
        '  │ --- ^^^^^^^^^^^^^^^^^^^^',
      ].join('\n'),
    );
  });

  it('sluice vrl: one line per input event, an error on stderr for the events that fail (the span of the call as VRL prints it)', async () => {
    const cwd = await workspace({ 'events.ndjson': '{"status":"503"}\n{"status":"oops"}\n' });
    expect(
      await run(['vrl', '--input', 'events.ndjson', '-o', '.status = to_int!(.status)'], { cwd }),
    ).toEqual({
      code: 0,
      stdout: '{ "status": 503 }\n',
      stderr:
        'function call error for "to_int" at (10:26): Invalid integer "oops": invalid digit found in string\n',
    });
  });
});
