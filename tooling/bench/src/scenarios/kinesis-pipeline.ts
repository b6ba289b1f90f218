import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_HEAP_LIMIT_MIB, heapFlags } from '@sluice/cli';
import {
  cpuPerEvent,
  eventsPerSecond,
  type Measurement,
  measureInChild,
  RSS_LIMIT_MEBIBYTES,
  type Scenario,
} from '../scenario.js';
import type { PipelineKind } from './kinesis-pipeline-run.js';

const RUN = join(dirname(fileURLToPath(import.meta.url)), 'kinesis-pipeline-run.js');

const CPU_TARGET = 2.0;
const DISK_RATIO_TARGET = 0.9;

/**
 * Each run in a process of its own, so its peak RSS is its own, with the V8 heap limit the
 * `sluice` command runs a pipeline with by default (docs/memory.md); the bare SDK loop too, so
 * both run in the same heap.
 */
function run(kind: PipelineKind, total: number, size: number) {
  return measureInChild(RUN, [kind, String(total), String(size)], heapFlags(DEFAULT_HEAP_LIMIT_MIB));
}

const scenario: Scenario = {
  name: 'kinesis-pipeline',
  description: 'tcp → memory (or disk) buffer → aws_kinesis_streams → fake endpoint vs the bare SDK loop',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.events ?? (options.quick ? 50_000 : 1_000_000);
    const memory = await run('memory', total, size);
    const baseline = await run('sdk', total, size);
    const disk = await run('disk', total, size);
    const withinMemory = (measurement: Measurement) =>
      (measurement.peakRssMebibytes ?? 0) <= RSS_LIMIT_MEBIBYTES;
    return [
      {
        name: 'tcp → memory → kinesis (fake)',
        subject: memory,
        baseline,
        target: `≤ ${CPU_TARGET} µs CPU/ev, ratio ≥ 1.0, RSS ≤ ${RSS_LIMIT_MEBIBYTES} MiB (≥ 500k ev/s quiet)`,
        met:
          (cpuPerEvent(memory) ?? Number.POSITIVE_INFINITY) <= CPU_TARGET &&
          eventsPerSecond(memory) >= eventsPerSecond(baseline) &&
          withinMemory(memory),
      },
      {
        name: 'tcp → disk → kinesis (fake)',
        subject: disk,
        baseline: memory,
        target: `ratio ≥ ${DISK_RATIO_TARGET} of the memory run, RSS ≤ ${RSS_LIMIT_MEBIBYTES} MiB`,
        met: eventsPerSecond(disk) >= DISK_RATIO_TARGET * eventsPerSecond(memory) && withinMemory(disk),
      },
    ];
  },
};

export default scenario;
