import type { KinesisSinkOptions } from '@sluice/sink-kinesis';
import { createKinesisSink } from '@sluice/sink-kinesis';
import { lineBatches, sinkAloneContext } from '../harness.js';
import { cpuPerEvent, type Measurement, measure, type Scenario } from '../scenario.js';
import { countingFake } from './kinesis-common.js';
import { sinkOptions } from './kinesis-sink.js';

/** The defaults may cost at most this much more CPU per event than both off (issue 26, item 5). */
const CPU_RATIO_TARGET = 1.05;

/** Shard awareness and adaptive concurrency (the defaults of a config), or both off (fixed 5). */
function variant(defaults: boolean, endpoint: string): KinesisSinkOptions {
  const base = sinkOptions(endpoint, 'cbor', defaults ? 'adaptive' : 5);
  return {
    ...base,
    shard_awareness: {
      enabled: defaults,
      refresh_interval_secs: 60,
      // Beyond what one process sends to a shard: pacing does all its work and never waits, so
      // what is measured is its cost, not the quota.
      shard_records_per_second: 1_000_000,
      shard_bytes_per_second: 1024 * 1024 * 1024,
    },
  };
}

/** `total` events through the sink into a stream of `shards` shards that answers each record's true shard. */
async function run(defaults: boolean, shards: number, total: number, size: number): Promise<Measurement> {
  const fake = await countingFake(0, { shards, placed: true });
  const label = `${defaults ? 'shard-aware, adaptive' : 'both off, concurrency 5'} (${shards} shards)`;
  try {
    return await measure(label, async () => {
      const sink = await createKinesisSink(variant(defaults, fake.endpoint), sinkAloneContext());
      await sink.healthcheck?.(AbortSignal.timeout(30_000)); // the shard map, read as the CLI starts
      await sink.run(
        (async function* () {
          yield* lineBatches(total, size);
        })(),
      );
      await sink.close?.();
      const events = await fake.count();
      return { events, bytes: events * size };
    });
  } finally {
    await fake.stop();
  }
}

/**
 * What the defaults cost: shard awareness (keys placed, budgets per shard, answers checked against
 * the prediction) with adaptive concurrency, against both off, at 4 and at 1,024 shards (a
 * 500-record request touches about 400 shard budgets there). Pacing's cost should not grow with
 * the shard count: the CPU per event stays within 5 % of both off at either.
 */
const scenario: Scenario = {
  name: 'kinesis-shards',
  description:
    'the kinesis sink alone with shard awareness + adaptive concurrency vs both off, 4 and 1,024 shards (fake answering true shards)',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.events ?? (options.quick ? 50_000 : 500_000);
    const comparisons = [];
    for (const shards of [4, 1024]) {
      // Warm-up, not measured: whichever run came first otherwise paid the JIT's warm-up.
      await run(true, shards, total / 10, size);
      await run(false, shards, total / 10, size);
      const baseline = await run(false, shards, total, size);
      const subject = await run(true, shards, total, size);
      const cpuRatio = (cpuPerEvent(subject) ?? 0) / (cpuPerEvent(baseline) ?? 1);
      comparisons.push({
        name: `kinesis defaults vs both off, ${shards} shards`,
        subject,
        baseline,
        target: `CPU/ev ratio ≤ ${CPU_RATIO_TARGET} (this run: ${cpuRatio.toFixed(2)})`,
        met: cpuRatio <= CPU_RATIO_TARGET,
      });
    }
    return comparisons;
  },
};

export default scenario;
