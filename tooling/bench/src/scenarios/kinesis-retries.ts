import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_HEAP_LIMIT_MIB, heapFlags } from '@sluice/cli';
import { cpuPerEvent, eventsPerSecond, measureInChild, type Scenario } from '../scenario.js';

const RUN = join(dirname(fileURLToPath(import.meta.url)), 'kinesis-pipeline-run.js');
const RATIO_TARGET = 0.85;

/** The failing shares measured, each against the run with none. */
const SHARES = [0.01, 0.1];

/**
 * tcp → memory → aws_kinesis_streams against the counting fake, which fails 0 %, 1 % and 10 % of
 * the records of every PutRecords (InternalFailure: retryable, not a throttle, so shard pacing stays
 * out of it). A failed record is requeued with its own backoff (1 s initial, full jitter) and never
 * holds a request slot while it waits: throughput should barely move.
 */
const scenario: Scenario = {
  name: 'kinesis-retries',
  description:
    'tcp → memory → kinesis (fake) with 1 % and 10 % of records failing retryably vs 0 %, one process per run',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.events ?? (options.quick ? 50_000 : 500_000);
    const run = (share: number) =>
      measureInChild(
        RUN,
        [`failing-${share}`, String(total), String(size)],
        heapFlags(DEFAULT_HEAP_LIMIT_MIB),
      );
    const baseline = await run(0);
    const comparisons = [];
    for (const share of SHARES) {
      const subject = await run(share);
      comparisons.push({
        name: `kinesis pipeline, ${share * 100} % of records failing retryably vs 0 %`,
        subject,
        baseline,
        target: `events/s ratio ≥ ${RATIO_TARGET}; CPU/ev ratio ${((cpuPerEvent(subject) ?? 0) / (cpuPerEvent(baseline) ?? 1)).toFixed(2)}`,
        met: eventsPerSecond(subject) >= RATIO_TARGET * eventsPerSecond(baseline),
      });
    }
    return comparisons;
  },
};

export default scenario;
