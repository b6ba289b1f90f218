import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_HEAP_LIMIT_MIB, heapFlags } from '@sluice/cli';
import {
  type Comparison,
  cpuPerEvent,
  type Measurement,
  measureInChild,
  RSS_LIMIT_MEBIBYTES,
  type Scenario,
} from '../scenario.js';
import { nodeRunner, pipelineProcess, type Runner } from './executable.js';
import { CREDENTIALS } from './kinesis-common.js';

const RUN = join(dirname(fileURLToPath(import.meta.url)), 'kinesis-pipeline-run.js');

/** The defaults' CPU per event against the bare SDK loop's (issue: ≤ 0.6, the moonshot ½). */
const SDK_CPU_TARGET = 0.6;
/** What shard awareness and adaptive concurrency may cost together, against both off. */
const DEFAULTS_COST_TARGET = 1.05;

/** The sink as a user writes it: only what the fake needs; every other option at its default. */
function defaults(endpoint: string): Record<string, unknown> {
  return {
    stream_name: 'bench',
    region: 'us-east-1',
    endpoint,
    auth: { access_key_id: CREDENTIALS.accessKeyId, secret_access_key: CREDENTIALS.secretAccessKey },
  };
}

const VARIANTS: ReadonlyArray<{ label: string; sink: (endpoint: string) => Record<string, unknown> }> = [
  { label: 'defaults', sink: defaults },
  {
    label: 'shard awareness off',
    sink: (endpoint) => ({ ...defaults(endpoint), shard_awareness: { enabled: false } }),
  },
  {
    label: 'adaptive concurrency off (5)',
    sink: (endpoint) => ({ ...defaults(endpoint), request: { concurrency: 5 } }),
  },
  {
    label: 'both off',
    sink: (endpoint) => ({
      ...defaults(endpoint),
      shard_awareness: { enabled: false },
      request: { concurrency: 5 },
    }),
  },
];

const ratio = (subject: Measurement, baseline: Measurement) =>
  (cpuPerEvent(subject) ?? Number.NaN) / (cpuPerEvent(baseline) ?? Number.NaN);

/**
 * The table of the performance issue, in one run: tcp → memory → aws_kinesis_streams (a counting
 * fake that lists 1,024 shards) as a `sluice` process with the sink's defaults, each of its two
 * costly defaults off, and both off; against the bare SDK loop on the same Node. Through this
 * Node running the CLI and, when one is built, the single executable.
 */
const scenario: Scenario = {
  name: 'kinesis-defaults',
  description:
    'tcp → memory → kinesis (1,024 shards) with the defaults, shard awareness off, adaptive concurrency off, both off, vs the bare SDK loop; node and the executable',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.events ?? (options.quick ? 50_000 : 600_000);
    const runners: Runner[] = [nodeRunner()];
    if (options.executable !== undefined)
      runners.push({ label: 'executable', command: options.executable, args: [] });
    const sdk = await measureInChild(
      RUN,
      ['sdk', String(total), String(size)],
      heapFlags(DEFAULT_HEAP_LIMIT_MIB),
    );
    const comparisons: Comparison[] = [];
    for (const runner of runners) {
      const measured = new Map<string, Measurement>();
      for (const variant of VARIANTS)
        measured.set(
          variant.label,
          await pipelineProcess(runner, variant.label, total, size, { type: 'memory' }, variant.sink),
        );
      const chosen = measured.get('defaults') as Measurement;
      const bothOff = measured.get('both off') as Measurement;
      for (const [label, subject] of measured)
        comparisons.push({
          name: `${runner.label}, ${label} vs bare SDK`,
          subject,
          baseline: sdk,
          target: `CPU/ev ratio ${ratio(subject, sdk).toFixed(2)}${label === 'defaults' ? ` ≤ ${SDK_CPU_TARGET}` : ''}, RSS ≤ ${RSS_LIMIT_MEBIBYTES} MiB`,
          ...(label === 'defaults'
            ? {
                met:
                  ratio(subject, sdk) <= SDK_CPU_TARGET &&
                  (subject.peakRssMebibytes ?? 0) <= RSS_LIMIT_MEBIBYTES,
              }
            : {}),
        });
      comparisons.push({
        name: `${runner.label}, defaults vs both off`,
        subject: chosen,
        baseline: bothOff,
        target: `CPU/ev ratio ${ratio(chosen, bothOff).toFixed(2)} ≤ ${DEFAULTS_COST_TARGET}`,
        met: ratio(chosen, bothOff) <= DEFAULTS_COST_TARGET,
      });
    }
    return comparisons;
  },
};

export default scenario;
