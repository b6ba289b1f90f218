/**
 * One kinesis pipeline measurement in a process of its own (`kinesis-pipeline` forks it):
 * `memory` or `disk` (tcp → buffer → aws_kinesis_streams → counting fake) or `sdk` (the bare SDK
 * loop). Prints the measurement as JSON.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { growHeapAsMeasured } from '@sluice/cli';
import { MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { benchRegistry, freePort, quietLogger, sendLines } from '../harness.js';
import { type Measurement, measure } from '../scenario.js';
import { bareSdkLoop, countingFake } from './kinesis-common.js';
import { sinkOptions } from './kinesis-sink.js';

/** `failing-<share>`: the memory pipeline against a fake that fails that share of records retryably. */
export type PipelineKind = 'memory' | 'disk' | 'sdk' | `failing-${number}`;

async function pipeline(
  label: string,
  total: number,
  size: number,
  buffer: unknown,
  dataDir?: string,
  failingShare?: number,
): Promise<Measurement> {
  const fake = await countingFake(failingShare ?? 0);
  const port = await freePort();
  const plan = await planTopology(
    {
      ...(dataDir === undefined ? {} : { data_dir: dataDir }),
      sources: { tcp_in: { type: 'socket', mode: 'tcp', address: `127.0.0.1:${port}` } },
      sinks: {
        kinesis_out: {
          type: 'aws_kinesis_streams',
          inputs: ['tcp_in'],
          ...sinkOptions(fake.endpoint),
          buffer,
        },
      },
    },
    { registry: benchRegistry() },
  );
  const topology = await Topology.build(plan, { logger: quietLogger, metrics: new MetricsRegistry() });
  const running = topology.run();
  try {
    if (failingShare === undefined)
      return await measure(label, async () => {
        await Promise.all([sendLines(port, total, size + 1), fake.until(total)]);
        const events = await fake.count();
        return { events, bytes: events * size };
      });
    // Records failing: the last of them are delivered after their backoffs (full jitter from 1 s,
    // doubling for a record that fails again), seconds after the rest. The pipeline's throughput is
    // how fast it takes its input (the source's lines, through TCP backpressure); the time until
    // the last is delivered goes in the label. CPU counts the whole run, resends included.
    let sendSeconds = 0;
    const measurement = await measure(label, async () => {
      const started = performance.now();
      await sendLines(port, total, size + 1);
      sendSeconds = (performance.now() - started) / 1000;
      await fake.until(total);
      return { events: total, bytes: total * size };
    });
    return {
      ...measurement,
      seconds: sendSeconds,
      label: `${label} (input taken in ${sendSeconds.toFixed(1)} s, all delivered in ${measurement.seconds.toFixed(1)} s)`,
    };
  } finally {
    await topology.shutdown({ deadlineMs: 10_000 });
    await running;
    await fake.stop();
  }
}

async function measured(kind: PipelineKind, total: number, size: number): Promise<Measurement> {
  if (kind === 'sdk') return bareSdkLoop(total, size);
  if (kind.startsWith('failing-')) {
    const share = Number(kind.slice('failing-'.length));
    return pipeline(
      `sluice tcp → memory → kinesis, ${share * 100} % of records failing`,
      total,
      size,
      { type: 'memory' },
      undefined,
      share,
    );
  }
  // The memory buffer at its default size (500 events, as Vector's). A bigger one holds more events
  // through more scavenges, and the young-generation GC copies every one that survives.
  if (kind === 'memory') return pipeline('sluice tcp → memory → kinesis', total, size, { type: 'memory' });
  const dataDir = await mkdtemp(join(tmpdir(), 'sluice-bench-'));
  try {
    return await pipeline(
      'sluice tcp → disk → kinesis',
      total,
      size,
      { type: 'disk', max_size: 2 * 1024 * 1024 * 1024 },
      dataDir,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

// The heap as `sluice` runs a pipeline: limited by the flags this process was started with, grown
// as measured (on Node 20 and 22).
growHeapAsMeasured(process.execArgv, process.env, setFlagsFromString);
const [kind, total, size] = process.argv.slice(2);
const measurement = await measured(kind as PipelineKind, Number(total), Number(size));
process.stdout.write(`${JSON.stringify(measurement)}\n`);
