import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { attachFinalizer, type DeliveryStatus } from '@sluice/component-api';
import { createTestContext, inputOf, makeEvents, testSink } from '@sluice/testkit';
import { afterAll, afterEach, expect, it } from 'vitest';
import type { HttpSinkOptions } from './options.js';
import { classifyHttpError, createHttpSink, httpSink } from './sink.js';

type Answer = number | 'stall';

const servers: Server[] = [];
afterEach(() => {
  for (const http of servers.splice(0)) {
    http.closeAllConnections();
    http.close();
  }
});

/** A local server answering each request with the next status of `answers` (then 200). */
async function server(answers: Answer[] = []) {
  const received: { method: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const http = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ method: String(request.method), headers: request.headers, body: Buffer.concat(chunks) });
    const answer = answers.shift() ?? 200;
    if (answer === 'stall') return;
    response.writeHead(answer).end();
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  servers.push(http);
  return { http, received, uri: `http://127.0.0.1:${(http.address() as AddressInfo).port}/ingest` };
}

type Overrides = Partial<Omit<HttpSinkOptions, 'request' | 'batch'>> & {
  request?: Partial<HttpSinkOptions['request']>;
  batch?: Partial<HttpSinkOptions['batch']>;
};

function options(uri: string, overrides: Overrides = {}): HttpSinkOptions {
  return {
    uri,
    method: 'post',
    encoding: { codec: 'json' },
    compression: 'none',
    ...overrides,
    batch: { max_events: 100, max_bytes: 1_000_000, timeout_secs: 0.01, ...overrides.batch },
    request: {
      headers: {},
      concurrency: 2,
      timeout_secs: 5,
      rate_limit_duration_secs: 1,
      retry_initial_backoff_secs: 0.001,
      retry_max_duration_secs: 0.01,
      ...overrides.request,
    },
  };
}

async function run(sinkOptions: HttpSinkOptions, count = 3) {
  const context = createTestContext({ id: 'web' });
  const statuses: DeliveryStatus[] = [];
  const events = makeEvents(count);
  attachFinalizer(events, (status) => statuses.push(status));
  await createHttpSink(sinkOptions, context).run(inputOf([events]));
  return { context, statuses };
}

// The conformance suite's own server, kept for the whole file.
const conformance = await server();
servers.splice(servers.indexOf(conformance.http), 1);
afterAll(() => {
  conformance.http.closeAllConnections();
  conformance.http.close();
});
testSink(httpSink, {
  options: () => options(conformance.uri),
  // A server answering every request 400 (not retried).
  failures: { makeFailing: async () => options((await server(Array.from({ length: 100 }, () => 400))).uri) },
  // A server that never answers: the sink holds at most its batches × concurrency.
  stalling: {
    makeStalling: async () =>
      options((await server(Array.from({ length: 100 }, () => 'stall' as const))).uri),
  },
});

it('retries 503, 429 and a stalled request (timeout), then delivers', async () => {
  const { received, uri } = await server([503, 429, 'stall']);
  const { statuses, context } = await run(options(uri, { request: { timeout_secs: 1 } }));
  // A loaded machine may time out one more attempt; the first three are the scripted faults.
  expect(received.length).toBeGreaterThanOrEqual(4);
  expect(statuses).toEqual(['delivered']);
  // 503 and 429 both ask for less: throttles, to which the concurrency controller backs off.
  expect(context.metrics.total('http_throttles_total')).toBe(2);
  expect(context.metrics.total('component_sent_events_total')).toBe(3);
});

it('rejects on 400 and 501 at once, counted by status; nothing delivered', async () => {
  for (const status of [400, 501]) {
    const { received, uri } = await server([status]);
    const { statuses, context } = await run(options(uri));
    expect(received).toHaveLength(1);
    expect(statuses).toEqual(['rejected']);
    expect(context.metrics.total('http_failed_records_total', { error_code: `http_${status}` })).toBe(3);
    expect(context.metrics.total('component_sent_events_total')).toBe(0);
  }
});

it('rejects once the attempts run out', async () => {
  const { received, uri } = await server([500, 500, 500]);
  const { statuses } = await run(options(uri, { request: { retry_attempts: 2 } }));
  expect(received).toHaveLength(3);
  expect(statuses).toEqual(['rejected']);
});

it('encodes a JSON array, NDJSON or text lines; gzip; basic and bearer auth; headers; PUT', async () => {
  const { received, uri } = await server();
  await run(options(uri, { auth: { strategy: 'basic', user: 'u', password: 'p' } }), 2);
  await run(
    options(uri, {
      encoding: { codec: 'ndjson' },
      compression: 'gzip',
      method: 'put',
      auth: { strategy: 'bearer', token: 't0k' },
      request: { headers: { 'x-tenant': 'a' } },
    }),
    2,
  );
  await run(options(uri, { encoding: { codec: 'text' } }), 2);
  const [json, ndjson, text] = received;
  expect(JSON.parse(String(json?.body)).map((event: { message: string }) => event.message)).toEqual([
    'event 0',
    'event 1',
  ]);
  expect(json?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  expect(ndjson?.method).toBe('PUT');
  expect(ndjson?.headers['content-encoding']).toBe('gzip');
  expect(ndjson?.headers.authorization).toBe('Bearer t0k');
  expect(ndjson?.headers['x-tenant']).toBe('a');
  const lines = gunzipSync(ndjson?.body as Buffer)
    .toString()
    .trim()
    .split('\n');
  expect(lines.map((line) => JSON.parse(line).message)).toEqual(['event 0', 'event 1']);
  expect(String(text?.body)).toBe('event 0\nevent 1\n');
});

it('an unreachable endpoint is retried as a connection error, then rejected', async () => {
  const { uri } = await server();
  const closed = uri.replace(/:\d+\//, ':1/');
  const { statuses, context } = await run(options(closed, { request: { retry_attempts: 1 } }));
  expect(statuses).toEqual(['rejected']);
  expect(context.metrics.total('http_retries_total')).toBe(3);
});

it('classifies 429 and 503 as throttles (the concurrency backs off), other 5xx as plain retries', () => {
  const failure = (status: number) =>
    classifyHttpError(Object.assign(new Error(`HTTP ${status}`), { status }));
  expect(failure(429)).toMatchObject({ retryable: true, throttled: true });
  expect(failure(503)).toMatchObject({ retryable: true, throttled: true });
  expect(failure(500)).toMatchObject({ retryable: true, throttled: false });
  expect(failure(400)).toMatchObject({ retryable: false, throttled: false });
});

it("framing as Vector's http sink: JSON array or lines without the last newline, text lines, any framing", async () => {
  const fixed = { timestamp: new Date(Date.UTC(2026, 10, 23, 10)), source_type: 'testkit' };
  const send = async (overrides: Overrides) => {
    const { received, uri } = await server();
    const context = createTestContext({ id: 'web' });
    await createHttpSink(options(uri, overrides), context).run(inputOf([makeEvents(2, fixed)]));
    const [request] = received;
    return { body: String(request?.body), type: request?.headers['content-type'] };
  };
  const first = '{"message":"event 0","source_type":"testkit","timestamp":"2026-11-23T10:00:00Z"}';
  const second = first.replace('event 0', 'event 1');
  expect(await send({})).toEqual({ body: `[${first},${second}]`, type: 'application/json' });
  expect(await send({ framing: { method: 'newline_delimited' } })).toEqual({
    body: `${first}\n${second}`,
    type: 'application/x-ndjson',
  });
  expect(await send({ encoding: { codec: 'ndjson' } })).toEqual({
    body: `${first}\n${second}`,
    type: 'application/x-ndjson',
  });
  expect(await send({ encoding: { codec: 'text' } })).toEqual({
    body: 'event 0\nevent 1\n',
    type: 'text/plain',
  });
  expect(
    await send({
      encoding: { codec: 'text' },
      framing: { method: 'character_delimited', character_delimited: { delimiter: '|' } },
    }),
  ).toEqual({ body: 'event 0|event 1|', type: 'text/plain' });
  // Another framing of JSON: the frames as they are, no content type (as Vector).
  const lengths = await send({ framing: { method: 'length_delimited' } });
  expect(lengths.type).toBeUndefined();
  expect(lengths.body).toBe(
    `\u0000\u0000\u0000${String.fromCharCode(first.length)}${first}\u0000\u0000\u0000${String.fromCharCode(second.length)}${second}`,
  );
});
