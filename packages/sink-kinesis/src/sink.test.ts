import { createHash, createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  attachFinalizer,
  createLogEvent,
  type DeliveryStatus,
  FloatValue,
  type LogEvent,
  Timestamp,
} from '@sluice/component-api';
import { HttpClient } from '@sluice/sink-kit/http';
import { batchesOf, createTestContext, inputOf, makeEvents, testSink } from '@sluice/testkit';
import { cbor } from '@smithy/core/cbor';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { KinesisSinkOptions, Protocol } from './options.js';
import { serviceError } from './put-records.js';
import { type PreparedRecord, partitionKeyOf } from './records.js';
import { classifyError } from './requests.js';
import { createKinesisSink, kinesisStreamsSink } from './sink.js';
import { type OptionOverrides, testOptions } from './test-helpers/options.js';
import { FakeKinesis } from './testing/index.js';
import { cborWire, parseCborPutRecordsResponse, putRecordsCborBody } from './wire/cbor.js';
import { InvalidResponseError } from './wire/format.js';
import { jsonWire, parsePutRecordsResponse, putRecordsBody } from './wire/json.js';

const wireFormats = { cbor: cborWire, json: jsonWire };

process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'secret';

const fake = new FakeKinesis({ streams: ['logs'] });
let endpoint = '';
beforeAll(async () => {
  endpoint = await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.accepted.length = 0;
  fake.requests.length = 0;
  fake.maxConcurrent = 0;
  fake.defaultBehaviour = { kind: 'succeed' };
});

function options(overrides: OptionOverrides = {}): KinesisSinkOptions {
  return testOptions(endpoint, overrides);
}

/** The options with `request.protocol = "json"`, for servers in these tests that answer JSON. */
function jsonOptions(overrides: OptionOverrides = {}): KinesisSinkOptions {
  return testOptions(endpoint, { ...overrides, request: { ...overrides.request, protocol: 'json' } });
}

async function runSink(events: LogEvent[], sinkOptions = options(), batchSize = 100) {
  const context = createTestContext({ id: 'kinesis_out' });
  const statuses: DeliveryStatus[] = [];
  const batches = batchesOf(events, batchSize);
  for (const batch of batches) attachFinalizer(batch, (status) => statuses.push(status));
  await (await createKinesisSink(sinkOptions, context)).run(inputOf(batches));
  return { context, statuses };
}

/**
 * A local HTTP server recording every PutRecords; stopped after the test. The stream's other calls
 * (the DescribeStreamSummary every sink makes) are refused, unrecorded: the sink sends as before.
 */
async function recordingServer(answer: (request: IncomingMessage, response: ServerResponse) => void) {
  const received: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (!String(request.headers['x-amz-target'] ?? '').endsWith('.PutRecords')) {
      response.writeHead(400, { 'x-amzn-errortype': 'UnknownOperationException' }).end('{}');
      return;
    }
    received.push({
      method: String(request.method),
      url: String(request.url),
      headers: request.headers,
      body: Buffer.concat(chunks),
    });
    answer(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  return { received, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** `20261123T134341Z` → epoch milliseconds. */
function amzDate(value: string): number {
  return Date.parse(value.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
}

/**
 * The Authorization header AWS computes for a request, from what the server received, with
 * node:crypto alone (Signature Version 4, as AWS documents it): proof the SDK's signer was used right.
 */
function sigV4Authorization(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  secretAccessKey: string,
): string {
  const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const [, credential = '', signedHeaders = ''] =
    /Credential=([^,]+), SignedHeaders=([^,]+),/.exec(String(headers.authorization)) ?? [];
  const [accessKeyId, day = '', region = '', service = ''] = credential.split('/');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${String(headers[name]).trim()}\n`)
    .join('');
  const canonicalRequest = [method, path, '', canonicalHeaders, signedHeaders, sha256(body)].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', headers['x-amz-date'], scope, sha256(canonicalRequest)].join(
    '\n',
  );
  let key = hmac(`AWS4${secretAccessKey}`, day);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

testSink(kinesisStreamsSink, {
  options: () => options(),
  beforeEachTest: () => {
    fake.accepted.length = 0;
  },
  failures: {
    // Every record failed with a code about the record itself, never retried (KMS access errors
    // are the destination being down: kept, not rejected).
    makeFailing: () => {
      fake.defaultBehaviour = { kind: 'fail-records', errorCode: 'ValidationException', every: 1 };
      return options();
    },
  },
  // Every PutRecords left unanswered: the sink holds at most its batches × concurrency.
  stalling: {
    makeStalling: () => {
      fake.defaultBehaviour = { kind: 'stall' };
      return options();
    },
  },
  verifyDelivered: (events) => {
    expect(fake.acceptedData().sort()).toEqual(events.map((event) => String(event.fields.message)).sort());
  },
});

describe('aws_kinesis_streams sink against the fake endpoint', () => {
  it('batches at most 500 records per request and sends each event once (dynamic encoding: the raw line)', async () => {
    const events = makeEvents(1234);
    const { context, statuses } = await runSink(events);
    expect(fake.requests.every((request) => request.records <= 500)).toBe(true);
    expect(fake.requests.every((request) => request.protocol === 'cbor')).toBe(true);
    expect(fake.acceptedData().sort()).toEqual(events.map((event) => String(event.fields.message)).sort());
    expect(new Set(statuses)).toEqual(new Set(['delivered']));
    expect(context.metrics.total('component_sent_events_total')).toBe(1234);
    expect(context.metrics.total('component_sent_bytes_total')).toBeGreaterThan(0);
  });

  it('flushes by max_bytes, counting data + partition key bytes exactly', async () => {
    const events = makeEvents(10, { message: 'x'.repeat(68) });
    // Each record: 68 data bytes + 32 key bytes = 100; 250 bytes allow 2 records per request.
    await runSink(events, options({ batch: { max_events: 500, max_bytes: 250, timeout_secs: 1 } }), 10);
    expect(fake.requests.map((request) => request.records)).toEqual([2, 2, 2, 2, 2]);
  });

  it('random partition keys differ per record; partition_key_field coerces, truncates and drops missing', async () => {
    await runSink(makeEvents(50));
    expect(new Set(fake.accepted.map((record) => record.partitionKey)).size).toBe(50);
    fake.accepted.length = 0;
    const events = [
      ...makeEvents(1, { tenant: 'acme' }),
      ...makeEvents(1, { tenant: 42 }),
      ...makeEvents(1, { tenant: 'k'.repeat(300) }),
      ...makeEvents(1, { tenant: '   ' }),
      ...makeEvents(1, { tenant: null }),
      ...makeEvents(1, {}),
    ];
    const { context, statuses } = await runSink(events, options({ partition_key_field: 'tenant' }), 6);
    expect(fake.accepted.map((record) => record.partitionKey)).toEqual(['acme', '42', 'k'.repeat(256)]);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(3);
    expect(context.metrics.total('component_errors_total', { error_type: 'missing_partition_key' })).toBe(3);
    expect(context.logger.find('partition key field is missing', 'warn')).toHaveLength(1);
    expect(statuses).toEqual(['dropped']);
  });

  it('rejects (counted) an event its codec cannot write (gelf without host) and sends the others', async () => {
    const events = [...makeEvents(1), ...makeEvents(2, { host: 'h' })];
    const { context, statuses } = await runSink(events, options({ encoding: { codec: 'gelf' } }), 3);
    expect(fake.accepted).toHaveLength(2);
    expect(context.metrics.total('component_errors_total', { error_type: 'encoder_failed' })).toBe(1);
    expect(statuses).toEqual(['rejected']);
  });

  it('drops records over max_record_bytes before sending, and counts them', async () => {
    const events = [...makeEvents(1, { message: 'y'.repeat(2000) }), ...makeEvents(2)];
    const { context, statuses } = await runSink(events, options({ max_record_bytes: 1000 }), 3);
    expect(fake.accepted).toHaveLength(2);
    expect(context.metrics.total('component_errors_total', { error_type: 'record_too_large' })).toBe(1);
    expect(statuses).toEqual(['rejected']);
  });

  it("the record limit is the stream's MaxRecordSizeInKiB (raised to 2 MiB: a 1.5 MiB event goes; unsaid: 1 MiB, it is rejected)", async () => {
    const big = () => makeEvents(1, { message: 'z'.repeat(1.5 * 1024 * 1024) });
    for (const [maxRecordSizeKiB, accepted] of [
      [2048, 1],
      [undefined, 0],
    ] as const) {
      const own = new FakeKinesis({
        streams: ['logs'],
        ...(maxRecordSizeKiB === undefined ? {} : { maxRecordSizeKiB }),
      });
      const ownEndpoint = await own.start();
      onTestFinished(() => own.stop());
      const context = createTestContext({ id: 'kinesis_out' });
      const sinkOptions = { ...options({ encoding: 'text' }), endpoint: ownEndpoint };
      delete (sinkOptions as { max_record_bytes?: number }).max_record_bytes;
      const sink = await createKinesisSink(sinkOptions, context);
      // The stream's summary, read at start (as the CLI's healthcheck does).
      expect(await sink.healthcheck?.(new AbortController().signal)).toEqual({ status: 'healthy' });
      await sink.run(inputOf([big()]));
      await sink.close?.();
      expect(own.accepted).toHaveLength(accepted);
      expect(context.metrics.total('component_errors_total', { error_type: 'record_too_large' })).toBe(
        1 - accepted,
      );
    }
  });

  it('ordering = "partition_key": with a tenth of records failing, each key arrives in order; without it, retries reorder', async () => {
    const inversions = async (ordering: 'partition_key' | 'none') => {
      fake.accepted.length = 0;
      for (let failing = 0; failing < 8; failing += 1)
        fake.enqueue({ kind: 'fail-records', errorCode: 'InternalFailure', every: 10 });
      const events = Array.from({ length: 400 }, (_, index) =>
        createLogEvent({ message: String(index), user: `user-${index % 20}` }),
      );
      const { statuses } = await runSink(
        events,
        options({
          encoding: 'text',
          partition_key_field: 'user',
          ordering,
          batch: { max_events: 50 },
          // A retry waits longer than the next batches take: without ordering they overtake it.
          request: {
            retry_initial_backoff_secs: 0.2,
            retry_max_duration_secs: 0.2,
            retry_jitter_mode: 'None',
          } as KinesisSinkOptions['request'],
        }),
        50,
      );
      expect(statuses.every((status) => status === 'delivered')).toBe(true);
      expect(fake.accepted).toHaveLength(400);
      let count = 0;
      const last = new Map<string, number>();
      for (const record of fake.accepted) {
        const sequence = Number(record.data.toString());
        if (sequence < (last.get(record.partitionKey) ?? -1)) count += 1;
        last.set(record.partitionKey, sequence);
      }
      return count;
    };
    expect(await inversions('partition_key')).toBe(0);
    expect(await inversions('none')).toBeGreaterThan(0);
  });

  it.each<Protocol>(['cbor', 'json'])(
    'partial failures (%s): resends only the failed records, never the accepted ones',
    async (protocol) => {
      fake.enqueue(
        { kind: 'fail-records', errorCode: 'ProvisionedThroughputExceededException', every: 3 },
        { kind: 'fail-records', errorCode: 'InternalFailure', indexes: [0] },
      );
      const events = makeEvents(100);
      const { context, statuses } = await runSink(
        events,
        options({ request: { protocol } as KinesisSinkOptions['request'] }),
        100,
      );
      expect(fake.requests.every((request) => request.protocol === protocol)).toBe(true);
      const data = fake.acceptedData();
      expect(data).toHaveLength(100);
      expect(new Set(data).size).toBe(100);
      expect(fake.requests.map((request) => request.records)).toEqual([100, 34, 1]);
      expect(statuses).toEqual(['delivered']);
      expect(context.metrics.total('kinesis_retries_total')).toBe(35);
      expect(context.metrics.total('kinesis_throttles_total')).toBe(1);
    },
  );

  it('retries throttling storms and 500/503 bursts until accepted; counts each answer by HTTP status', async () => {
    fake.enqueue(
      { kind: 'http-error', status: 400, type: 'ProvisionedThroughputExceededException' },
      { kind: 'http-error', status: 429, type: 'ThrottlingException' },
      { kind: 'http-error', status: 500, type: 'InternalFailure' },
      { kind: 'http-error', status: 503, type: 'ServiceUnavailable' },
    );
    const { statuses, context } = await runSink(makeEvents(10), options(), 10);
    expect(fake.requests).toHaveLength(5);
    expect(fake.accepted).toHaveLength(10);
    expect(statuses).toEqual(['delivered']);
    for (const status of ['400', '429', '500', '503', '200'])
      expect(context.metrics.total('http_client_responses_total', { status })).toBe(1);
  });

  it.each<Protocol>(['cbor', 'json'])(
    'does not retry 501 or 400 (%s): the events are rejected and counted by error code',
    async (protocol) => {
      const sinkOptions = options({ request: { protocol } as KinesisSinkOptions['request'] });
      fake.enqueue({ kind: 'http-error', status: 501, type: 'NotImplemented' });
      const first = await runSink(makeEvents(5), sinkOptions, 5);
      expect(first.statuses).toEqual(['rejected']);
      expect(
        first.context.metrics.total('kinesis_failed_records_total', { error_code: 'NotImplemented' }),
      ).toBe(5);
      // A 400 for a request of one record is about that record: rejected, not retried.
      fake.enqueue({ kind: 'http-error', status: 400, type: 'ValidationException' });
      const second = await runSink(makeEvents(1), sinkOptions, 1);
      expect(second.statuses).toEqual(['rejected']);
      expect(
        second.context.metrics.total('kinesis_failed_records_total', { error_code: 'ValidationException' }),
      ).toBe(1);
      expect(fake.requests).toHaveLength(2);
      expect(fake.accepted).toHaveLength(0);
    },
  );

  it.each<Protocol>(['cbor', 'json'])(
    'a 400 for a whole request (%s) is bisected down to the bad record: only it is rejected, the others delivered',
    async (protocol) => {
      const sinkOptions = options({ request: { protocol } as KinesisSinkOptions['request'] });
      fake.defaultBehaviour = {
        kind: 'http-error',
        status: 400,
        type: 'ValidationException',
        whenData: 'event 5',
      };
      const context = createTestContext({ id: 'kinesis_out' });
      const events = makeEvents(8);
      const statuses = new Map<string, DeliveryStatus>();
      for (const [index, event] of events.entries())
        attachFinalizer([event], (status) => statuses.set(`event ${index}`, status));
      await (await createKinesisSink(sinkOptions, context)).run(inputOf([events]));
      expect(statuses.get('event 5')).toBe('rejected');
      expect([...statuses.values()].filter((status) => status === 'delivered')).toHaveLength(7);
      expect(fake.acceptedData().sort()).toEqual([
        'event 0',
        'event 1',
        'event 2',
        'event 3',
        'event 4',
        'event 6',
        'event 7',
      ]);
      expect(
        context.metrics.total('kinesis_failed_records_total', { error_code: 'ValidationException' }),
      ).toBe(1);
    },
  );

  it('a throttled record waits for its retry without its request slot: the next batch goes first, through the one slot', async () => {
    fake.enqueue({ kind: 'fail-records', errorCode: 'ProvisionedThroughputExceededException', indexes: [0] });
    const sinkOptions = options({
      batch: { max_events: 3 },
      request: {
        concurrency: 1,
        retry_initial_backoff_secs: 1,
        retry_max_duration_secs: 1,
        retry_jitter_mode: 'None',
      } as KinesisSinkOptions['request'],
    });
    const { statuses } = await runSink(makeEvents(6), sinkOptions, 3);
    expect(statuses).toEqual(['delivered', 'delivered']);
    // Request 1 carries the second batch while event 0 waits out its backoff; event 0 comes after.
    expect(fake.requests.map((request) => request.records)).toEqual([3, 3, 1]);
    expect(
      fake.accepted.filter((record) => record.request === 1).map((record) => record.data.toString()),
    ).toEqual(['event 3', 'event 4', 'event 5']);
    expect(
      fake.accepted.filter((record) => record.request === 2).map((record) => record.data.toString()),
    ).toEqual(['event 0']);
  });

  describe('every error the service answers for a whole request, as the service means it', () => {
    const retried: [string, number][] = [
      ['ProvisionedThroughputExceededException', 400],
      ['ThrottlingException', 400],
      ['LimitExceededException', 400],
      ['KMSThrottlingException', 400],
      ['ResourceInUseException', 400],
      ['RequestExpired', 400],
      ['InternalFailure', 500],
      ['ServiceUnavailable', 503],
      // Fresh credentials, then a retry (a bounded number of times in a row).
      ['ExpiredTokenException', 400],
      ['InvalidSignatureException', 403],
      ['UnrecognizedClientException', 400],
    ];
    it.each(retried)('%s (HTTP %i): retried, delivered, nothing rejected', async (type, status) => {
      fake.enqueue({ kind: 'http-error', status, type });
      const { statuses, context } = await runSink(makeEvents(3), options(), 3);
      expect(statuses).toEqual(['delivered']);
      expect(fake.requests).toHaveLength(2);
      expect(fake.acceptedData().sort()).toEqual(['event 0', 'event 1', 'event 2']);
      expect(context.metrics.total('kinesis_failed_records_total', { error_code: type })).toBe(0);
    });

    const down = [
      'AccessDeniedException',
      'ResourceNotFoundException',
      'KMSAccessDeniedException',
      'KMSDisabledException',
      'KMSInvalidStateException',
      'KMSNotFoundException',
      'KMSOptInRequired',
    ];
    it.each(down)(
      '%s: the destination is down, its events kept (not rejected) and delivered once it is back',
      async (type) => {
        fake.enqueue({ kind: 'http-error', status: 400, type });
        const { statuses, context } = await runSink(makeEvents(3), options(), 3);
        expect(statuses).toEqual(['delivered']);
        expect(fake.acceptedData().sort()).toEqual(['event 0', 'event 1', 'event 2']);
        expect(context.metrics.total('kinesis_failed_records_total', { error_code: type })).toBe(0);
        expect(context.logger.find('the destination is unavailable', 'error')).toHaveLength(1);
      },
    );

    it.each([
      'KMSThrottlingException',
      'InternalFailure',
      'KMSAccessDeniedException',
      'KMSDisabledException',
    ])('a record failed with %s is kept and resent alone', async (errorCode) => {
      fake.enqueue({ kind: 'fail-records', errorCode, indexes: [1] });
      const { statuses } = await runSink(makeEvents(3), options(), 3);
      expect(statuses).toEqual(['delivered']);
      expect(fake.requests.map((request) => request.records)).toEqual([3, 1]);
      expect(fake.acceptedData().sort()).toEqual(['event 0', 'event 1', 'event 2']);
    });

    it('a record failed with an error about itself (ValidationException) is rejected alone, counted', async () => {
      fake.enqueue({ kind: 'fail-records', errorCode: 'ValidationException', indexes: [1] });
      const { context } = await runSink(makeEvents(3), options(), 3);
      expect(fake.acceptedData().sort()).toEqual(['event 0', 'event 2']);
      expect(fake.requests).toHaveLength(1);
      expect(
        context.metrics.total('kinesis_failed_records_total', { error_code: 'ValidationException' }),
      ).toBe(1);
    });
  });

  it('aborts a stalled request at the timeout and retries it', async () => {
    fake.enqueue({ kind: 'stall' });
    const { statuses } = await runSink(
      makeEvents(3),
      options({ request: { timeout_secs: 1 } as KinesisSinkOptions['request'] }),
      3,
    );
    expect(fake.requests[0]?.behaviour).toBe('stall');
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    expect(fake.acceptedData().sort()).toEqual(['event 0', 'event 1', 'event 2']);
    expect(statuses).toEqual(['delivered']);
  });

  it('at the shutdown deadline, records not yet accepted are left unfinalized (a disk buffer keeps them) and counted', async () => {
    fake.enqueue({ kind: 'stall' });
    const context = createTestContext({ id: 'kinesis_out' });
    const events = makeEvents(4);
    const statuses: DeliveryStatus[] = [];
    attachFinalizer(events, (status) => statuses.push(status));
    const running = (await createKinesisSink(options(), context)).run(inputOf([events]));
    while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    context.abort();
    await running;
    expect(statuses).toEqual([]);
    expect(events.every((event) => event.metadata.finalizer !== undefined)).toBe(true);
    expect(context.metrics.total('kinesis_abandoned_records_total')).toBe(4);
    expect(context.logger.find('shutdown deadline passed', 'warn')).toHaveLength(1);
  });

  describe.each<Protocol>(['cbor', 'json'])('a malformed HTTP 200 (%s) proves nothing', (protocol) => {
    const bodies: [string, { payload?: unknown; raw?: Uint8Array }][] = [
      ['{}', { payload: {} }],
      ['"OK"', { payload: 'OK' }],
      ['FailedRecordCount 1 with no record results', { payload: { FailedRecordCount: 1, Records: [] } }],
      ['FailedRecordCount 0 with fewer record results', { payload: { FailedRecordCount: 0, Records: [{}] } }],
      ['an unparsable body', { raw: Buffer.from([0xff, 0x00, 0x7b]) }],
    ];
    it.each(bodies)('%s: the whole request is retried, counted as invalid_response', async (_, body) => {
      fake.enqueue({ kind: 'malformed-success', ...body });
      const { context, statuses } = await runSink(
        makeEvents(3),
        options({ request: { protocol } as KinesisSinkOptions['request'] }),
        3,
      );
      expect(fake.requests.map((request) => request.records)).toEqual([3, 3]);
      expect(fake.acceptedData().sort()).toEqual(['event 0', 'event 1', 'event 2']);
      expect(statuses).toEqual(['delivered']);
      expect(context.metrics.total('component_sent_events_total')).toBe(3);
      expect(context.metrics.total('component_errors_total', { error_type: 'invalid_response' })).toBe(1);
    });
    it.each(bodies)('%s: nothing is counted delivered when it never stops', async (_, body) => {
      fake.defaultBehaviour = { kind: 'malformed-success', ...body };
      const { context, statuses } = await runSink(
        makeEvents(3),
        options({ request: { protocol, retry_attempts: 1 } as KinesisSinkOptions['request'] }),
        3,
      );
      expect(fake.requests).toHaveLength(2);
      expect(statuses).toEqual(['rejected']);
      expect(context.metrics.total('component_sent_events_total')).toBe(0);
      expect(context.metrics.total('component_errors_total', { error_type: 'invalid_response' })).toBe(2);
    });
  });

  it('out of file descriptors (EMFILE, ENFILE) is retried, with one rate-limited warning', async () => {
    const request = HttpClient.prototype.request;
    const spy = vi.spyOn(HttpClient.prototype, 'request');
    for (const code of ['EMFILE', 'ENFILE', 'EMFILE'])
      spy.mockImplementationOnce(() =>
        Promise.reject(Object.assign(new Error(`connect ${code}`), { code, syscall: 'socket' })),
      );
    spy.mockImplementation(function (this: HttpClient, ...args) {
      return request.apply(this, args);
    });
    onTestFinished(() => spy.mockRestore());
    const { context, statuses } = await runSink(makeEvents(3), options(), 3);
    expect(statuses).toEqual(['delivered']);
    expect(fake.acceptedData().sort()).toEqual(['event 0', 'event 1', 'event 2']);
    expect(context.logger.find('out of file descriptors', 'warn')).toHaveLength(1);
  });

  it('close() destroys the client: no connection of the sink stays open', async () => {
    const own = new FakeKinesis({ streams: ['logs'] });
    const ownEndpoint = await own.start();
    onTestFinished(() => own.stop());
    const sink = await createKinesisSink(
      { ...options(), endpoint: ownEndpoint },
      createTestContext({ id: 'kinesis_out' }),
    );
    await sink.run(inputOf([makeEvents(3)]));
    // The stream's first read (DescribeStreamSummary, started by the first request) done too.
    expect(await sink.healthcheck?.(new AbortController().signal)).toEqual({ status: 'healthy' });
    expect(own.connections).toBeGreaterThan(0); // the keep-alive connection
    await sink.close?.();
    await own.idle(); // never, were the client's sockets kept
    expect(own.connections).toBe(0);
    expect(own.accepted).toHaveLength(3);
  });

  it('retries a reset connection', async () => {
    fake.enqueue({ kind: 'reset' });
    const { statuses } = await runSink(makeEvents(3), options(), 3);
    expect(fake.requests).toHaveLength(2);
    expect(statuses).toEqual(['delivered']);
  });

  it('rejects and counts records once the retry attempts run out; nothing is reported delivered', async () => {
    fake.enqueue({ kind: 'fail-records', errorCode: 'ProvisionedThroughputExceededException', indexes: [1] });
    fake.defaultBehaviour = {
      kind: 'fail-records',
      errorCode: 'ProvisionedThroughputExceededException',
      every: 1,
    };
    const { context, statuses } = await runSink(
      makeEvents(3),
      options({ request: { retry_attempts: 2 } as KinesisSinkOptions['request'] }),
      3,
    );
    expect(fake.requests.map((request) => request.records)).toEqual([3, 1, 1]);
    expect(statuses).toEqual(['rejected']);
    expect(
      context.metrics.total('kinesis_failed_records_total', {
        error_code: 'ProvisionedThroughputExceededException',
      }),
    ).toBe(1);
    expect(context.metrics.total('component_sent_events_total')).toBe(2);
  });

  it('respects the concurrency limit', async () => {
    fake.defaultBehaviour = { kind: 'succeed', delayMs: 10 };
    await runSink(
      makeEvents(600),
      options({
        batch: { max_events: 10, max_bytes: 5_000_000, timeout_secs: 1 },
        request: { concurrency: 3 } as KinesisSinkOptions['request'],
      }),
      100,
    );
    expect(fake.maxConcurrent).toBeLessThanOrEqual(3);
    expect(fake.maxConcurrent).toBeGreaterThan(1);
    expect(fake.requests).toHaveLength(60);
  });

  it('healthcheck: healthy for an existing stream, names a missing one', async () => {
    const healthy = await createKinesisSink(options(), createTestContext());
    expect(await healthy.healthcheck?.(new AbortController().signal)).toEqual({ status: 'healthy' });
    const missing = await createKinesisSink(options({ stream_name: 'nope' }), createTestContext());
    const result = await missing.healthcheck?.(new AbortController().signal);
    expect(result).toMatchObject({ status: 'unhealthy' });
    expect(result?.status === 'unhealthy' && result.message).toContain('stream "nope" does not exist');
  });

  it('signs the prebuilt body (AWS SigV4, checked independently) and reads each PutRecords response, resending only the failed record', async () => {
    let answered = 0;
    const { received, endpoint: serverEndpoint } = await recordingServer((_request, response) => {
      answered += 1;
      const records =
        '{"ErrorCode":"InternalFailure","ErrorMessage":"x"},{"SequenceNumber":"2","ShardId":"s"}';
      const text =
        answered === 1
          ? `{"FailedRecordCount":1,"Records":[${records}]}`
          : '{"FailedRecordCount":0,"Records":[{"SequenceNumber":"3","ShardId":"s"}]}';
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(text);
    });
    const { statuses } = await runSink(makeEvents(2), jsonOptions({ endpoint: serverEndpoint }));
    expect(statuses).toEqual(['delivered']);
    // The first record failed (read from the response body) and was resent alone.
    expect(
      received.map(({ body }) => (JSON.parse(body.toString()) as { Records: unknown[] }).Records.length),
    ).toEqual([2, 1]);
    for (const { method, url, headers, body } of received) {
      expect(method).toBe('POST');
      expect(headers['x-amz-target']).toBe('Kinesis_20131202.PutRecords');
      expect(headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(Number(headers['content-length'])).toBe(body.length);
      expect(headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/kinesis\/aws4_request, SignedHeaders=[^,]*\bhost\b[^,]*\bx-amz-date\b[^,]*\bx-amz-target\b/,
      );
      expect(headers.authorization).toBe(sigV4Authorization(method, url, headers, body, 'secret'));
    }
  });

  it('names errors as the SDK does, from the error type header or body, with the HTTP status', () => {
    const named = (headers: Record<string, string>, body: string, status = 400) =>
      serviceError(status, headers, wireFormats.json.errorFields(Buffer.from(body)));
    expect(
      named({}, '{"__type":"com.amazonaws.kinesis#ResourceNotFoundException","message":"gone"}'),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'gone',
      $metadata: { httpStatusCode: 400 },
    });
    expect(named({ 'x-amzn-errortype': 'AccessDeniedException:http://internal/' }, '{}').name).toBe(
      'AccessDeniedException',
    );
    const proxyPage = named({}, '<html>Bad Gateway</html>', 502);
    expect(proxyPage).toMatchObject({ name: 'Error', $metadata: { httpStatusCode: 502 } });
    expect(classifyError(Object.assign(new Error('x'), { code: 'EMFILE' })).retryable).toBe(true);
    expect(classifyError(proxyPage)).toMatchObject({ retryable: true, code: 'Error' });
    // A 404 (a missing stream or endpoint path) is the destination down: kept and retried.
    expect(classifyError(named({}, 'not json', 404))).toMatchObject({
      retryable: true,
      unavailable: true,
      code: 'http_404',
    });
    const cborError = cbor.serialize({ __type: 'ResourceNotFoundException', message: 'gone' });
    expect(serviceError(400, {}, wireFormats.cbor.errorFields(Buffer.from(cborError)))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'gone',
    });
    expect(wireFormats.cbor.errorFields(Buffer.from('<html>'))).toEqual({});
  });

  it('a request signed with a clock the server says is wrong is re-signed with its time and retried', async () => {
    const serverAhead = 3_600_000;
    const { received, endpoint: serverEndpoint } = await recordingServer((_request, response) => {
      const date = new Date(Date.now() + serverAhead).toUTCString();
      if (received.length === 1) {
        response
          .writeHead(400, { 'content-type': 'application/x-amz-json-1.1', date })
          .end('{"__type":"InvalidSignatureException","message":"Signature expired"}');
      } else {
        response
          .writeHead(200, { 'content-type': 'application/x-amz-json-1.1', date })
          .end('{"FailedRecordCount":0,"Records":[{"SequenceNumber":"1","ShardId":"s"}]}');
      }
    });
    const { statuses, context } = await runSink(makeEvents(1), jsonOptions({ endpoint: serverEndpoint }));
    expect(statuses).toEqual(['delivered']);
    expect(context.metrics.total('kinesis_retries_total')).toBe(1);
    const signedAt = received.map(({ headers }) => amzDate(String(headers['x-amz-date'])));
    expect(Math.abs((signedAt[0] as number) - Date.now())).toBeLessThan(60_000);
    expect(Math.abs((signedAt[1] as number) - (Date.now() + serverAhead))).toBeLessThan(60_000);
  });

  it('an endless PutRecords answer is cut at 1 MiB and retried as invalid_response (seen growing without bound on kit v1)', async () => {
    let answered = 0;
    const { endpoint: serverEndpoint } = await recordingServer((_request, response) => {
      answered += 1;
      if (answered > 1) {
        response
          .writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
          .end('{"FailedRecordCount":0,"Records":[{"SequenceNumber":"1","ShardId":"s"}]}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      const chunk = Buffer.alloc(64 * 1024, ' ');
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) {
          /* until the socket pushes back */
        }
      };
      response.on('drain', pump);
      pump();
    });
    const { statuses, context } = await runSink(makeEvents(1), jsonOptions({ endpoint: serverEndpoint }));
    expect(statuses).toEqual(['delivered']);
    expect(answered).toBe(2);
    expect(context.metrics.total('component_errors_total', { error_type: 'invalid_response' })).toBe(1);
  });

  it('PutRecords goes to AWS_ENDPOINT_URL_KINESIS (or AWS_ENDPOINT_URL) like every other call (seen going to the default endpoint on kit v1)', async () => {
    const own = new FakeKinesis({ streams: ['logs'] });
    const ownEndpoint = await own.start();
    onTestFinished(() => own.stop());
    for (const variable of ['AWS_ENDPOINT_URL_KINESIS', 'AWS_ENDPOINT_URL']) {
      vi.stubEnv(variable, ownEndpoint);
      const { endpoint: _unset, ...withoutEndpoint } = options();
      const { statuses } = await runSink(makeEvents(2), withoutEndpoint as KinesisSinkOptions);
      vi.unstubAllEnvs();
      expect(statuses).toEqual(['delivered']);
    }
    expect(own.accepted).toHaveLength(4);
  });

  it('healthcheck: an unreachable endpoint says so', async () => {
    const sink = await createKinesisSink(options({ endpoint: 'http://127.0.0.1:1' }), createTestContext());
    const result = await sink.healthcheck?.(new AbortController().signal);
    expect(result?.status === 'unhealthy' && result.message).toMatch(/endpoint unreachable/);
  });
});

describe('records and retry policy', () => {
  it('builds the exact PutRecords JSON body', () => {
    const key = wireFormats.json.partitionKey;
    const body = putRecordsBody({ StreamName: 's"1' }, [
      { data: 'hello', dataBytes: 5, partitionKey: key('k"1'), recordBytes: 8 },
      { data: 'é😀', dataBytes: 6, partitionKey: key('é'), recordBytes: 8 },
      { data: 'x'.repeat(100_000), dataBytes: 100_000, partitionKey: key('k'), recordBytes: 100_001 },
    ]);
    expect(JSON.parse(body.toString())).toEqual({
      Records: [
        { Data: Buffer.from('hello').toString('base64'), PartitionKey: 'k"1' },
        { Data: Buffer.from('é😀').toString('base64'), PartitionKey: 'é' },
        { Data: Buffer.from('x'.repeat(100_000)).toString('base64'), PartitionKey: 'k' },
      ],
      StreamName: 's"1',
    });
  });

  it('builds the exact PutRecords CBOR body: data as bytes, every length class of header', () => {
    const key = wireFormats.cbor.partitionKey;
    const data = ['', 'hello', 'é😀', 'x'.repeat(23), 'x'.repeat(24), 'x'.repeat(300), 'x'.repeat(70_000)];
    const records = data.map((text, index) => ({
      data: text,
      dataBytes: Buffer.byteLength(text),
      partitionKey: key(index === 1 ? 'é' : 'k'.repeat(index * 40)),
      recordBytes: 0,
    }));
    const streamName = 's'.repeat(30);
    const body = putRecordsCborBody({ StreamName: streamName }, records);
    expect(cbor.deserialize(body)).toEqual({
      Records: data.map((text, index) => ({
        Data: Buffer.from(text),
        PartitionKey: index === 1 ? 'é' : 'k'.repeat(index * 40),
      })),
      StreamName: streamName,
    });
    const many = putRecordsCborBody(
      { StreamName: 's' },
      Array.from({ length: 500 }, () => records[1] as PreparedRecord),
    );
    expect((cbor.deserialize(many) as { Records: unknown[] }).Records).toHaveLength(500);
  });

  it('reads a CBOR PutRecords answer in one pass: failed records, and accepted ones off their predicted shard', () => {
    const predicted = (count: number, shardId?: string) =>
      Array.from({ length: count }, () => (shardId === undefined ? {} : { shardId }));
    const answer = (payload: unknown, records = predicted(1)) =>
      parseCborPutRecordsResponse(Buffer.from(cbor.serialize(payload)), records);
    const accepted = { SequenceNumber: '4962'.repeat(14), ShardId: 'shardId-000000000000' };
    expect(answer({ FailedRecordCount: 0, Records: [accepted] })).toEqual({ errors: [], elsewhere: [] });
    expect(
      answer({ FailedRecordCount: 0, Records: [accepted] }, predicted(1, 'shardId-000000000000')),
    ).toEqual({
      errors: [],
      elsewhere: [],
    });
    // A shard other than the one predicted: named, with its index.
    expect(
      answer({ FailedRecordCount: 0, Records: [accepted] }, predicted(1, 'shardId-000000000001')),
    ).toEqual({
      errors: [],
      elsewhere: [{ index: 0, shardId: 'shardId-000000000000' }],
    });
    // Results first: skipped over, nested maps, arrays and strings of every length class.
    expect(
      answer(
        {
          Records: Array.from({ length: 300 }, () => accepted),
          EncryptionType: 'NONE',
          Extra: { list: [1, -1, 1.5, true, null, 'x'.repeat(70_000)], bytes: new Uint8Array(300) },
          FailedRecordCount: 0,
        },
        predicted(300, 'shardId-000000000000'),
      ),
    ).toEqual({ errors: [], elsewhere: [] });
    const failed = answer(
      {
        Records: [
          { ErrorCode: 'InternalFailure', ErrorMessage: 'FailedRecordCount' },
          accepted,
          { ...accepted, ErrorCode: null },
        ],
        FailedRecordCount: 1,
      },
      predicted(3),
    );
    expect(failed).toEqual({
      errors: [{ index: 0, code: 'InternalFailure', message: 'FailedRecordCount' }],
      elsewhere: [],
    });
    // Indefinite-length map and array, as a streaming encoder writes them: decoded whole, checked.
    const indefinite = Buffer.concat([
      Buffer.from([0xbf, 0x67]),
      Buffer.from('Records'),
      Buffer.from([0x9f, 0xff, 0x71]),
      Buffer.from('FailedRecordCount'),
      Buffer.from([0x00, 0xff]),
    ]);
    expect(parseCborPutRecordsResponse(indefinite, [])).toEqual({ errors: [], elsewhere: [] });
    // A count that disagrees with the request, or a body that is not a PutRecords answer, proves nothing.
    expect(() => answer({ FailedRecordCount: 0, Records: [accepted] }, predicted(2))).toThrow(
      InvalidResponseError,
    );
    expect(() => answer({ FailedRecordCount: 2, Records: [accepted] })).toThrow(InvalidResponseError);
    expect(() => answer({})).toThrow(InvalidResponseError);
    expect(() => parseCborPutRecordsResponse(Buffer.from([0xff]), predicted(1))).toThrow(
      InvalidResponseError,
    );
  });

  it('reads a JSON PutRecords answer: all accepted where predicted without parsing, otherwise parsed whole', () => {
    const parse = (text: string, records: { shardId?: string }[] = [{}]) =>
      parsePutRecordsResponse(Buffer.from(text), records);
    const one = '{"FailedRecordCount":0,"Records":[{"SequenceNumber":"1","ShardId":"s"}]}';
    expect(parse(one)).toEqual({ errors: [], elsewhere: [] });
    expect(parse(one, [{ shardId: 's' }])).toEqual({ errors: [], elsewhere: [] });
    expect(parse(one, [{ shardId: 't' }])).toEqual({ errors: [], elsewhere: [{ index: 0, shardId: 's' }] });
    expect(() =>
      parse(
        '{"FailedRecordCount":10,"Records":[]}',
        Array.from({ length: 10 }, () => ({})),
      ),
    ).toThrow(InvalidResponseError);
    expect(() => parse('{"FailedRecordCount":0,"Records":[{"SequenceNumber":"1"}]}', [{}, {}])).toThrow(
      InvalidResponseError,
    );
    expect(() => parse('"OK"')).toThrow(InvalidResponseError);
    const tricky = parse(
      '{"Records":[{"ErrorCode":"InternalFailure","ErrorMessage":"\\"FailedRecordCount\\":0"}],"FailedRecordCount":1}',
    );
    expect(tricky.errors).toEqual([{ index: 0, code: 'InternalFailure', message: '"FailedRecordCount":0' }]);
  });

  it('random keys are 32 hex characters, written into either body, each different (across pool refills too)', () => {
    const records: PreparedRecord[] = Array.from({ length: 500 }, () => ({
      data: 'x',
      dataBytes: 1,
      partitionKey: undefined,
      recordBytes: 33,
    }));
    const keys: string[] = [];
    for (let round = 0; round < 6; round += 1) {
      const json = JSON.parse(putRecordsBody({ StreamName: 's' }, records).toString()) as {
        Records: { PartitionKey: string }[];
      };
      const decoded = cbor.deserialize(putRecordsCborBody({ StreamName: 's' }, records)) as {
        Records: { PartitionKey: string }[];
      };
      for (const body of [json, decoded]) keys.push(...body.Records.map((record) => record.PartitionKey));
    }
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(keys).size).toBe(6000);
  });

  it('coerces partition keys', () => {
    // Vector's to_string_lossy: RFC 3339 as chrono's AutoSi, a whole float as Rust's Display.
    expect(partitionKeyOf(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05Z');
    expect(partitionKeyOf(new Timestamp(Date.UTC(2026, 0, 2), 5))).toBe('2026-01-02T00:00:00.000000005Z');
    expect(partitionKeyOf(new FloatValue(2))).toBe('2');
    expect(partitionKeyOf(9223372036854775807n)).toBe('9223372036854775807');
    expect(partitionKeyOf(true)).toBe('true');
    expect(partitionKeyOf({ a: 1 })).toBe('{"a":1}');
    expect(partitionKeyOf('')).toBeUndefined();
    // 256 UTF-16 code units, as the service counts them: 128 emoji, never half of one.
    expect(partitionKeyOf('😀'.repeat(300))).toBe('😀'.repeat(128));
    expect(partitionKeyOf(`a${'😀'.repeat(300)}`)).toBe(`a${'😀'.repeat(127)}`);
  });

  it("classifies errors by the seed's policy", () => {
    const http = (status: number, name = 'Error') =>
      Object.assign(new Error('x'), { name, $metadata: { httpStatusCode: status } });
    expect(classifyError(http(429)).retryable).toBe(true);
    expect(classifyError(http(500)).retryable).toBe(true);
    expect(classifyError(http(503)).retryable).toBe(true);
    expect(classifyError(http(501)).retryable).toBe(false);
    expect(classifyError(http(400, 'ValidationException')).retryable).toBe(false);
    expect(classifyError(http(400, 'ProvisionedThroughputExceededException'))).toMatchObject({
      retryable: true,
      throttled: true,
    });
    expect(classifyError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })).retryable).toBe(true);
  });
});
