import { createLogEvent, silentLogger } from '@sluice/component-api';
import { createKinesisSink, type KinesisSinkOptions } from '@sluice/sink-kinesis';
import { line } from '../harness.js';
import { measure, type Scenario } from '../scenario.js';
import { bareSdkLoop, CONCURRENCY, CREDENTIALS, countingFake } from './kinesis-common.js';

const noop = { increment() {}, set() {}, decrement() {}, observe() {} };

export function sinkOptions(endpoint: string): KinesisSinkOptions {
  return {
    stream_name: 'bench',
    region: 'us-east-1',
    endpoint,
    max_record_bytes: 1024 * 1024,
    batch: { max_events: 500, max_bytes: 5_000_000, timeout_secs: 1 },
    request: {
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

const scenario: Scenario = {
  name: 'kinesis-sink',
  description: 'the aws_kinesis_streams sink fed batches directly → fake endpoint vs the bare SDK loop',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.quick ? 50_000 : 1_000_000;
    const fake = await countingFake();
    const subject = await measure('sluice sink', async () => {
      const sink = createKinesisSink(sinkOptions(fake.endpoint), {
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
    await fake.stop();
    const baseline = await bareSdkLoop(total, size);
    return [{ name: 'kinesis sink alone → fake', subject, baseline, target: 'ratio ≥ 1.0' }];
  },
};

export default scenario;
