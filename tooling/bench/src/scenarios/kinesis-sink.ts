import { createLogEvent, silentLogger } from '@sluice/component-api';
import { createKinesisSink, type KinesisSinkOptions } from '@sluice/sink-kinesis';
import { line } from '../harness.js';
import { type Measurement, measure, type Scenario } from '../scenario.js';
import { bareSdkLoop, CONCURRENCY, CREDENTIALS, countingFake } from './kinesis-common.js';

const noop = { increment() {}, set() {}, decrement() {}, observe() {} };

export function sinkOptions(
  endpoint: string,
  protocol: KinesisSinkOptions['request']['protocol'] = 'cbor',
): KinesisSinkOptions {
  return {
    stream_name: 'bench',
    region: 'us-east-1',
    endpoint,
    max_record_bytes: 1024 * 1024,
    batch: { max_events: 500, max_bytes: 5_000_000, timeout_secs: 1 },
    request: {
      protocol,
      concurrency: CONCURRENCY,
      rate_limit_duration_secs: 1,
      timeout_secs: 30,
      retry_initial_backoff_secs: 1,
      retry_max_duration_secs: 30,
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
): Promise<Measurement> {
  const fake = await countingFake();
  try {
    return await measure(`sluice sink (${protocol})`, async () => {
      const sink = createKinesisSink(sinkOptions(fake.endpoint, protocol), {
        id: 'bench',
        logger: silentLogger,
        metrics: { counter: () => noop, gauge: () => noop, histogram: () => noop },
        dataDir: undefined,
        signal: new AbortController().signal,
        acknowledgements: false,
      });
      async function* input() {
        for (let index = 0; index < total; index += 500) {
          yield Array.from({ length: 500 }, (_, offset) =>
            createLogEvent({ message: line(size, index + offset) }, { byteSize: size }),
          );
        }
      }
      await sink.run(input());
      const events = await fake.count();
      return { events, bytes: events * size };
    });
  } finally {
    await fake.stop();
  }
}

const scenario: Scenario = {
  name: 'kinesis-sink',
  description: 'the aws_kinesis_streams sink fed batches directly → fake endpoint vs the bare SDK loop',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.quick ? 50_000 : 1_000_000;
    const cbor = await sinkAlone(total, size, 'cbor');
    const json = await sinkAlone(total, size, 'json');
    const baseline = await bareSdkLoop(total, size);
    return [
      { name: 'kinesis sink alone → fake', subject: cbor, baseline, target: 'ratio ≥ 1.0' },
      { name: 'kinesis sink alone, json protocol', subject: json, baseline, target: 'ratio ≥ 1.0' },
    ];
  },
};

export default scenario;
