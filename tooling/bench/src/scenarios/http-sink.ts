import { fork } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpSink, type HttpSinkOptions } from '@sluice/sink-http';
import { lineBatches, sinkAloneContext } from '../harness.js';
import { type Measurement, measure, type Scenario } from '../scenario.js';

/** Events per request: the http sink's default `batch.max_events`. */
const BATCH = 1000;
/** The baseline's requests in flight, and the sink's fixed concurrency. */
const CONCURRENCY = 4;

/** The counting endpoint in its own process. */
async function endpoint() {
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), '..', 'http-server.js'), {
    stdio: 'inherit',
  });
  const [{ uri }] = (await once(child, 'message')) as [{ uri: string }];
  return {
    uri,
    count: async () => {
      child.send('count');
      const [message] = (await once(child, 'message')) as [{ count: number }];
      return message.count;
    },
    stop: async () => {
      child.send('stop');
      await once(child, 'exit');
    },
  };
}

/** The http sink (NDJSON) fed batches directly. */
async function sink(
  total: number,
  size: number,
  concurrency: HttpSinkOptions['request']['concurrency'],
): Promise<Measurement> {
  const server = await endpoint();
  try {
    return await measure(`sluice http sink (concurrency ${concurrency})`, async () => {
      const options: HttpSinkOptions = {
        uri: server.uri,
        method: 'post',
        encoding: { codec: 'ndjson' },
        compression: 'none',
        payload_prefix: '',
        payload_suffix: '',
        retry_strategy: { type: 'default' },
        batch: { max_events: BATCH, max_bytes: 10_000_000, timeout_secs: 1 },
        request: {
          headers: {},
          max_response_bytes: 10 * 1024 * 1024,
          concurrency,
          adaptive_concurrency: {
            initial_concurrency: 1,
            max_concurrency_limit: 200,
            decrease_ratio: 0.9,
            ewma_alpha: 0.4,
            rtt_deviation_scale: 2.5,
          },
          timeout_secs: 60,
          rate_limit_duration_secs: 1,
          retry_initial_backoff_secs: 1,
          retry_max_duration_secs: 30,
          retry_jitter_mode: 'Full',
        },
      };
      const http = await createHttpSink(options, sinkAloneContext());
      async function* input() {
        yield* lineBatches(total, size, BATCH);
      }
      await http.run(input());
      const events = await server.count();
      return { events, bytes: events * size };
    });
  } finally {
    await server.stop();
  }
}

/** The baseline: the same NDJSON bodies POSTed with `fetch`, `CONCURRENCY` in flight. */
async function bareFetchLoop(total: number, size: number): Promise<Measurement> {
  const server = await endpoint();
  try {
    return await measure(`bare fetch POST loop (${CONCURRENCY} in flight)`, async () => {
      const source = lineBatches(total, size, BATCH);
      const worker = async () => {
        for (let next = source.next(); !next.done; next = source.next()) {
          const body = `${next.value.map((event) => JSON.stringify(event.fields)).join('\n')}\n`;
          const response = await fetch(server.uri, {
            method: 'POST',
            headers: { 'content-type': 'application/x-ndjson' },
            body,
          });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const events = await server.count();
      return { events, bytes: events * size };
    });
  } finally {
    await server.stop();
  }
}

const scenario: Scenario = {
  name: 'http-sink',
  description:
    'the http sink (NDJSON) fed batches directly → a local HTTP server in its own process, vs a bare fetch POST loop of the same bodies',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.quick ? 50_000 : 500_000;
    // Warm-up, not measured: the first to run otherwise pays the JIT's warm-up.
    await bareFetchLoop(total / 10, size);
    await sink(total / 10, size, CONCURRENCY);
    const baseline = await bareFetchLoop(total, size);
    const fixed = await sink(total, size, CONCURRENCY);
    const adaptive = await sink(total, size, 'adaptive');
    return [
      { name: 'http sink alone → local server', subject: fixed, baseline, target: 'ratio ≥ 0.8' },
      {
        name: 'http sink, adaptive vs fixed concurrency 4',
        subject: adaptive,
        baseline: fixed,
        target: 'ratio ≥ 0.95',
      },
    ];
  },
};

export default scenario;
