import { createKinesisSink, type KinesisSinkOptions } from '@sluice/sink-kinesis';
import { deaggregate, FakeKinesis } from '@sluice/sink-kinesis/testing';
import { lineBatches, sinkAloneContext } from '../harness.js';
import { type Measurement, measure, type Scenario } from '../scenario.js';
import { countingFake } from './kinesis-common.js';
import { sinkOptions } from './kinesis-sink.js';

const SHARDS = 4;
/** Kinesis's published write quota per shard. */
const QUOTA = { recordsPerSecond: 1000, bytesPerSecond: 1024 * 1024 };

/**
 * One way of sending to the quota-enforcing stream. A new way (KPL aggregation) adds a variant:
 * its options, and how to count the events the fake's records carry when one record holds many.
 */
export interface ShardQuotaVariant {
  readonly label: string;
  readonly options: (base: KinesisSinkOptions) => KinesisSinkOptions;
  /** Events delivered, from what the fake accepted; default: one event per record. */
  readonly eventsOf?: (fake: FakeKinesis) => number;
  /**
   * Events sent, as a multiple of the scenario's: a faster variant sends more, so that the shards'
   * one-second burst does not make most of its run.
   */
  readonly eventsFactor?: number;
}

const shardAware = (enabled: boolean) => (base: KinesisSinkOptions) => ({
  ...base,
  shard_awareness: {
    enabled,
    refresh_interval_secs: 60,
    shard_records_per_second: QUOTA.recordsPerSecond,
    shard_bytes_per_second: QUOTA.bytesPerSecond,
  },
});

export const withoutShardAwareness: ShardQuotaVariant = {
  label: 'without shard awareness',
  options: shardAware(false),
};
export const paced: ShardQuotaVariant = { label: 'shard-aware, paced', options: shardAware(true) };
/** KPL aggregation, aggregates of up to 50 KiB per predicted shard, paced: the byte quota binds. */
export const aggregated: ShardQuotaVariant = {
  label: 'aggregated, paced',
  options: (base) => ({
    ...shardAware(true)(base),
    aggregation: { enabled: true, max_record_bytes: 51_200 },
  }),
  eventsFactor: 5,
  eventsOf: (fake) =>
    fake.accepted.reduce(
      (events, record) => events + deaggregate(record.data, record.partitionKey).length,
      0,
    ),
};

/** `total` events of `size` bytes, 500 a batch, through the sink. */
async function feed(options: KinesisSinkOptions, total: number, size: number): Promise<void> {
  const sink = await createKinesisSink(options, sinkAloneContext());
  await sink.run(
    (async function* () {
      yield* lineBatches(total, size);
    })(),
  );
}

/** `total` events of `size` bytes through the sink into a 4-shard stream that enforces the quotas. */
export async function shardQuotaRun(
  variant: ShardQuotaVariant,
  total: number,
  size: number,
): Promise<Measurement> {
  // Records are kept only when the variant reads them back (aggregates are counted by their events).
  const fake = new FakeKinesis({
    streams: ['bench'],
    shards: SHARDS,
    shardQuota: QUOTA,
    countOnly: variant.eventsOf === undefined,
  });
  const endpoint = await fake.start();
  try {
    const measurement = await measure(variant.label, async () => {
      const events = total * (variant.eventsFactor ?? 1);
      await feed(variant.options({ ...sinkOptions(endpoint), encoding: 'text' }), events, size);
      const delivered = variant.eventsOf?.(fake) ?? fake.acceptedCount;
      return { events: delivered, bytes: delivered * size };
    });
    const perShard = fake.shards.map((shard) => shard.acceptedRecords / measurement.seconds);
    const bytesShare = fake.shards.map(
      (shard) => shard.acceptedBytes / measurement.seconds / QUOTA.bytesPerSecond,
    );
    const throttled = fake.throttledCount / (fake.throttledCount + fake.acceptedCount);
    const range = (values: number[], format: (value: number) => string) =>
      `${format(Math.min(...values))}–${format(Math.max(...values))}`;
    return {
      ...measurement,
      label: `${variant.label}: throttled ${(100 * throttled).toFixed(1)} %, per shard ${range(perShard, (value) => value.toFixed(0))} rec/s, ${range(bytesShare, (value) => `${(100 * value).toFixed(0)}`)} % of byte quota`,
    };
  } finally {
    await fake.stop();
  }
}

/** What shard awareness costs where no quota binds: the counting fake (its own process) has 1,024 shards. */
async function costRun(variant: ShardQuotaVariant, total: number, size: number): Promise<Measurement> {
  const fake = await countingFake();
  try {
    return await measure(`sink alone, ${variant.label}`, async () => {
      await feed(variant.options(sinkOptions(fake.endpoint)), total, size);
      const events = await fake.count();
      return { events, bytes: events * size };
    });
  } finally {
    await fake.stop();
  }
}

/** Variants measured after the two of this scenario, against the same baseline. */
export const moreVariants: ShardQuotaVariant[] = [aggregated];

const scenario: Scenario = {
  name: 'shard-quota',
  description:
    'the sink into a fake stream of 4 shards that throttles each beyond 1,000 records/s and 1 MiB/s: shard-aware pacing vs without',
  async run(options) {
    const size = options.size ?? 200;
    // At most 4,000 records/s get through: 24,000 events is about 6 s a run.
    const total = options.quick ? 4_000 : 24_000;
    const baseline = await shardQuotaRun(withoutShardAwareness, total, size);
    const subject = await shardQuotaRun(paced, total, size);
    const comparisons = [
      {
        name: 'shard quota: paced vs not (4 shards)',
        subject,
        baseline,
        target: '< 10 % throttled, ratio ≥ 0.95',
      },
    ];
    // Where no quota binds (1,024 shards, about 300 records/s each): the CPU shard awareness costs.
    const costTotal = options.quick ? 20_000 : 200_000;
    await costRun(paced, costTotal / 10, size); // warm-up, not measured
    const costBaseline = await costRun(withoutShardAwareness, costTotal, size);
    const costSubject = await costRun(paced, costTotal, size);
    comparisons.push({
      name: 'shard awareness cost (no quota binds)',
      subject: costSubject,
      baseline: costBaseline,
      target: 'ratio ≥ 0.9',
    });
    for (const variant of moreVariants)
      comparisons.push({
        name: `shard quota: ${variant.label}`,
        subject: await shardQuotaRun(variant, total, size),
        baseline,
        target: variant === aggregated ? '≥ 3× the events/s, < 10 % throttled, ≥ 80 % of byte quota' : '',
      });
    return comparisons;
  },
};

export default scenario;
