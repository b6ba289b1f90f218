import { gunzipSync } from 'node:zlib';
import { attachFinalizer, type DeliveryStatus, type LogEvent } from '@sluice/component-api';
import { createTestContext, inputOf, makeEvents, testSink } from '@sluice/testkit';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { type FirehoseSinkOptions, firehoseSink } from './sink.js';
import { type FakeFirehose, type FakeFirehoseOptions, startFakeFirehose } from './testing/fake-firehose.js';

type Overrides = Partial<Omit<FirehoseSinkOptions, 'request' | 'batch'>> & {
  request?: Partial<FirehoseSinkOptions['request']>;
  batch?: Partial<FirehoseSinkOptions['batch']>;
};

/** Options as core passes them (defaults applied), dummy keys, the fake's endpoint. */
function options(endpoint: string | undefined, overrides: Overrides = {}): FirehoseSinkOptions {
  return {
    stream_name: 'logs',
    region: 'us-east-1',
    ...(endpoint === undefined ? {} : { endpoint }),
    encoding: { codec: 'json' },
    compression: 'none',
    request_retry_partial: true,
    auth: { access_key_id: 'AKIDTEST', secret_access_key: 'secret', load_timeout_secs: 5 },
    ...overrides,
    batch: { max_events: 500, max_bytes: 4 * 1024 * 1024, timeout_secs: 0.01, ...overrides.batch },
    request: {
      concurrency: 4,
      adaptive_concurrency: {
        initial_concurrency: 1,
        max_concurrency_limit: 200,
        decrease_ratio: 0.9,
        ewma_alpha: 0.4,
        rtt_deviation_scale: 2.5,
      },
      timeout_secs: 5,
      rate_limit_duration_secs: 1,
      retry_initial_backoff_secs: 0.001,
      retry_max_duration_secs: 0.01,
      retry_jitter_mode: 'Full',
      ...overrides.request,
    },
  } as FirehoseSinkOptions;
}

const fakes: FakeFirehose[] = [];
async function fake(fakeOptions?: FakeFirehoseOptions): Promise<FakeFirehose> {
  const started = await startFakeFirehose(fakeOptions);
  fakes.push(started);
  return started;
}
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(fakes.splice(0).map((started) => started.close()));
});

async function run(sinkOptions: FirehoseSinkOptions, events: LogEvent[], id = 'firehose_out') {
  const routed: LogEvent[] = [];
  const context = createTestContext({ id, rejected: { send: async (batch) => void routed.push(...batch) } });
  const statuses: DeliveryStatus[] = [];
  for (const event of events) attachFinalizer([event], (status) => statuses.push(status));
  const sink = await firehoseSink.create(sinkOptions, context);
  await sink.run(inputOf([events]));
  await sink.close?.();
  return { context, statuses, routed };
}

/** The messages the fake stored, from the JSON records. */
const messagesOf = (destination: FakeFirehose) =>
  (destination.records.get('logs') ?? []).map(
    (data) => (JSON.parse(String(data)) as { message: string }).message,
  );

// The conformance suite against one fake for the whole file.
const conformance = await startFakeFirehose();
afterAll(() => conformance.close());
testSink(firehoseSink, {
  options: () => options(conformance.endpoint),
  verifyDelivered: (events) => {
    const stored = new Set(messagesOf(conformance));
    for (const event of events) expect(stored.has(String(event.fields.message))).toBe(true);
  },
  // A stream that does not exist: ResourceNotFoundException, not retried.
  failures: { makeFailing: () => options(conformance.endpoint, { stream_name: 'missing' }) },
  stalling: {
    makeStalling: async () => {
      const stalled = await fake();
      stalled.stall();
      return options(stalled.endpoint);
    },
  },
});

describe('aws_kinesis_firehose', () => {
  it('sends at most 500 records per PutRecordBatch, each event once, as its JSON', async () => {
    const destination = await fake();
    const events = makeEvents(1200);
    const { statuses, context } = await run(options(destination.endpoint), events);
    expect(statuses.filter((status) => status === 'delivered')).toHaveLength(1200);
    const puts = destination.calls.filter((call) => call.operation === 'PutRecordBatch');
    expect(Math.max(...puts.map((call) => call.records))).toBeLessThanOrEqual(500);
    expect(messagesOf(destination).sort()).toEqual(
      events.map((event) => String(event.fields.message)).sort(),
    );
    expect(context.metrics.total('component_sent_events_total')).toBe(1200);
    expect(context.metrics.total('component_sent_bytes_total')).toBeGreaterThan(0);
  });

  it('keeps each request under 4 MiB of records, and rejects a record over 1,000 KiB with its reason', async () => {
    const destination = await fake();
    const big = makeEvents(9, { blob: 'x'.repeat(900 * 1024) });
    const huge = makeEvents(1, { blob: 'y'.repeat(1000 * 1024) }, 100);
    const { statuses, context, routed } = await run(options(destination.endpoint), [...big, ...huge]);
    expect(statuses.filter((status) => status === 'delivered')).toHaveLength(9);
    expect(statuses.filter((status) => status === 'rejected')).toHaveLength(1);
    for (const call of destination.calls) expect(call.bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(destination.calls.length).toBeGreaterThanOrEqual(3);
    expect(context.metrics.total('component_errors_total', { error_type: 'record_too_large' })).toBe(1);
    expect(routed[0]?.fields.rejection).toMatchObject({
      sink_id: 'firehose_out',
      error_code: 'record_too_large',
    });
  });

  it('retries only the records Firehose failed (10 % ServiceUnavailable, 1 % InternalFailure): each stored once', async () => {
    let draw = 0;
    // A fixed pattern, not chance: every 10th record throttled, every 100th (offset) an internal failure.
    const destination = await fake({
      recordFault: () => {
        draw += 1;
        if (draw % 10 === 0) return 'ServiceUnavailableException';
        if (draw % 100 === 55) return 'InternalFailure';
        return undefined;
      },
    });
    const events = makeEvents(2000);
    const { statuses, context } = await run(options(destination.endpoint), events);
    expect(statuses.filter((status) => status === 'delivered')).toHaveLength(2000);
    const stored = messagesOf(destination);
    expect(stored).toHaveLength(2000);
    expect(new Set(stored).size).toBe(2000);
    expect(context.metrics.total('firehose_retries_total')).toBeGreaterThanOrEqual(200);
    expect(context.metrics.total('component_sent_events_total')).toBe(2000);
  });

  it('with request_retry_partial = false, rejects the failed records with their code and delivers the rest', async () => {
    let draw = 0;
    const destination = await fake({
      recordFault: () => (++draw % 4 === 0 ? 'ServiceUnavailableException' : undefined),
    });
    const events = makeEvents(100);
    const { statuses, context, routed } = await run(
      options(destination.endpoint, { request_retry_partial: false }),
      events,
    );
    expect(statuses.filter((status) => status === 'rejected')).toHaveLength(25);
    expect(messagesOf(destination)).toHaveLength(75);
    expect(
      context.metrics.total('firehose_failed_records_total', { error_code: 'ServiceUnavailableException' }),
    ).toBe(25);
    expect(routed).toHaveLength(25);
    expect(routed[0]?.fields.rejection).toMatchObject({
      error_code: 'ServiceUnavailableException',
      error_message: 'ServiceUnavailableException: Slow down.',
    });
  });

  it('retries a throttled request (503 ServiceUnavailableException), rejects a missing stream at once', async () => {
    const destination = await fake();
    destination.failNext(2, 'ServiceUnavailableException', 503);
    const { statuses, context } = await run(options(destination.endpoint), makeEvents(3));
    expect(statuses).toEqual(['delivered', 'delivered', 'delivered']);
    expect(context.metrics.total('firehose_throttles_total')).toBe(2);
    const missing = await run(options(destination.endpoint, { stream_name: 'gone' }), makeEvents(2));
    expect(missing.statuses).toEqual(['rejected', 'rejected']);
    expect(missing.routed[0]?.fields.rejection).toMatchObject({ error_code: 'ResourceNotFoundException' });
    expect(missing.context.metrics.total('http_client_responses_total', { status: '400' })).toBe(1);
  });

  it('compresses each record as Vector does, and finds the endpoint in AWS_ENDPOINT_URL_FIREHOSE', async () => {
    const destination = await fake();
    vi.stubEnv('AWS_ENDPOINT_URL_FIREHOSE', destination.endpoint);
    const events = makeEvents(5);
    const { statuses } = await run(options(undefined, { compression: 'gzip' }), events);
    expect(statuses).toHaveLength(5);
    const stored = destination.records.get('logs') ?? [];
    expect(stored.map((data) => JSON.parse(String(gunzipSync(data))).message)).toEqual(
      events.map((event) => event.fields.message),
    );
  });

  it('healthcheck: DescribeDeliveryStream says healthy, missing or not active', async () => {
    const destination = await fake({ streams: { logs: 'ACTIVE', fresh: 'CREATING' } });
    const check = async (stream: string) => {
      const sink = await firehoseSink.create(
        options(destination.endpoint, { stream_name: stream }),
        createTestContext(),
      );
      const result = await sink.healthcheck?.(new AbortController().signal);
      await sink.close?.();
      return result;
    };
    expect(await check('logs')).toEqual({ status: 'healthy' });
    expect(await check('fresh')).toEqual({
      status: 'unhealthy',
      message: 'delivery stream "fresh" is CREATING',
    });
    expect(await check('gone')).toEqual({
      status: 'unhealthy',
      message: `delivery stream "gone" does not exist (${destination.endpoint})`,
    });
    await destination.close();
    expect((await check('logs'))?.status).toBe('unhealthy');
  });
});
