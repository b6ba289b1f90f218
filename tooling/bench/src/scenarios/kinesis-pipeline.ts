import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { benchRegistry, freePort, quietLogger, sendLines } from '../harness.js';
import { type Measurement, measure, type Scenario } from '../scenario.js';
import { bareSdkLoop, countingFake } from './kinesis-common.js';
import { sinkOptions } from './kinesis-sink.js';

async function pipeline(
  label: string,
  total: number,
  size: number,
  buffer: unknown,
  dataDir?: string,
  concurrency?: 'adaptive',
): Promise<Measurement> {
  const fake = await countingFake();
  const port = await freePort();
  const plan = await planTopology(
    {
      ...(dataDir === undefined ? {} : { data_dir: dataDir }),
      sources: { tcp_in: { type: 'socket', mode: 'tcp', address: `127.0.0.1:${port}` } },
      sinks: {
        kinesis_out: {
          type: 'aws_kinesis_streams',
          inputs: ['tcp_in'],
          ...sinkOptions(fake.endpoint, 'cbor', concurrency),
          buffer,
        },
      },
    },
    { registry: benchRegistry() },
  );
  const topology = await Topology.build(plan, { logger: quietLogger, metrics: new MetricsRegistry() });
  const running = topology.run();
  try {
    return await measure(label, async () => {
      await Promise.all([sendLines(port, total, size + 1), fake.until(total)]);
      const events = await fake.count();
      return { events, bytes: events * size };
    });
  } finally {
    await topology.shutdown({ deadlineMs: 10_000 });
    await running;
    await fake.stop();
  }
}

const scenario: Scenario = {
  name: 'kinesis-pipeline',
  description: 'tcp → memory (or disk) buffer → aws_kinesis_streams → fake endpoint vs the bare SDK loop',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.quick ? 50_000 : 1_000_000;
    // The memory buffer's default size (500 events, as Vector's). A bigger one holds more events
    // through more scavenges, and the young-generation GC copies every one that survives.
    const memory = await pipeline('sluice tcp → memory → kinesis', total, size, { type: 'memory' });
    const baseline = await bareSdkLoop(total, size);
    const adaptive = await pipeline(
      'sluice tcp → memory → kinesis, adaptive concurrency',
      total,
      size,
      { type: 'memory' },
      undefined,
      'adaptive',
    );
    const dataDir = await mkdtemp(join(tmpdir(), 'sluice-bench-'));
    try {
      const disk = await pipeline(
        'sluice tcp → disk → kinesis',
        total,
        size,
        { type: 'disk', max_size: 2 * 1024 * 1024 * 1024 },
        dataDir,
      );
      return [
        {
          name: 'tcp → memory → kinesis (fake)',
          subject: memory,
          baseline,
          target: 'ratio ≥ 1.0, ≥ 250k events/s, RSS < 250 MiB',
        },
        {
          name: 'tcp → disk → kinesis (fake)',
          subject: disk,
          baseline: memory,
          target: 'vs the memory-buffer run',
        },
        {
          name: 'tcp → memory → kinesis, adaptive vs fixed concurrency 5',
          subject: adaptive,
          baseline: memory,
          target: 'ratio ≥ 0.95',
        },
      ];
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

export default scenario;
