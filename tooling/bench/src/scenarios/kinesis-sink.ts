import { createKinesisSink, type KinesisSinkOptions } from '@sluice/sink-kinesis';
import { lineBatches, sinkAloneContext } from '../harness.js';
import { type Measurement, measure, type Scenario } from '../scenario.js';
import { bareSdkLoop, CONCURRENCY, CREDENTIALS, countingFake } from './kinesis-common.js';

export function sinkOptions(
  endpoint: string,
  protocol: KinesisSinkOptions['request']['protocol'] = 'cbor',
  concurrency: KinesisSinkOptions['request']['concurrency'] = CONCURRENCY,
): KinesisSinkOptions {
  return {
    stream_name: 'bench',
    region: 'us-east-1',
    endpoint,
    max_record_bytes: 1024 * 1024,
    request_retry_partial: true,
    ordering: 'none',
    aggregation: { enabled: false, max_record_bytes: 51_200 },
    shard_awareness: {
      enabled: false,
      refresh_interval_secs: 60,
      shard_records_per_second: 1000,
      shard_bytes_per_second: 1024 * 1024,
    },
    batch: { max_events: 500, max_bytes: 5_000_000, timeout_secs: 1 },
    request: {
      protocol,
      concurrency,
      adaptive_concurrency: {
        initial_concurrency: 1,
        max_concurrency_limit: 200,
        decrease_ratio: 0.9,
        ewma_alpha: 0.4,
        rtt_deviation_scale: 2.5,
      },
      rate_limit_duration_secs: 1,
      timeout_secs: 30,
      retry_initial_backoff_secs: 1,
      retry_max_duration_secs: 30,
      retry_jitter_mode: 'Full',
    },
    auth: {
      access_key_id: CREDENTIALS.accessKeyId,
      secret_access_key: CREDENTIALS.secretAccessKey,
      load_timeout_secs: 5,
    },
  };
}

/** The sink alone, fed 500-event batches, sending over `protocol` to a counting fake. */
async function sinkAlone(
  total: number,
  size: number,
  protocol: KinesisSinkOptions['request']['protocol'],
  concurrency: KinesisSinkOptions['request']['concurrency'] = CONCURRENCY,
): Promise<Measurement> {
  const fake = await countingFake();
  try {
    return await measure(`sluice sink (${protocol}, concurrency ${concurrency})`, async () => {
      const sink = await createKinesisSink(
        sinkOptions(fake.endpoint, protocol, concurrency),
        sinkAloneContext(),
      );
      await sink.run(
        (async function* () {
          yield* lineBatches(total, size);
        })(),
      );
      const events = await fake.count();
      return { events, bytes: events * size };
    });
  } finally {
    await fake.stop();
  }
}

const scenario: Scenario = {
  name: 'kinesis-sink',
  description:
    'the aws_kinesis_streams sink fed batches directly → fake endpoint vs the bare SDK loop, fixed and adaptive concurrency',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.quick ? 50_000 : 1_000_000;
    // Warm-up, not measured: whichever run came first otherwise paid the JIT's warm-up (about 30 %).
    for (const protocol of ['cbor', 'json'] as const) await sinkAlone(total / 10, size, protocol);
    const cbor = await sinkAlone(total, size, 'cbor');
    const json = await sinkAlone(total, size, 'json');
    const cborAdaptive = await sinkAlone(total, size, 'cbor', 'adaptive');
    const baseline = await bareSdkLoop(total, size);
    return [
      { name: 'kinesis sink alone → fake', subject: cbor, baseline, target: 'ratio ≥ 1.0' },
      { name: 'kinesis sink alone, json protocol', subject: json, baseline, target: 'ratio ≥ 1.0' },
      // Adaptive concurrency (Vector's default) against the fixed 5 of the rows above.
      {
        name: 'kinesis sink, adaptive vs fixed concurrency 5 (cbor)',
        subject: cborAdaptive,
        baseline: cbor,
        target: 'ratio ≥ 0.95',
      },
    ];
  },
};

export default scenario;
