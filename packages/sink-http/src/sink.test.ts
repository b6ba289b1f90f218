import { createHash, createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';
import { attachFinalizer, type DeliveryStatus } from '@sluice/component-api';
import { statusFailure } from '@sluice/sink-kit/http';
import { createTestContext, inputOf, makeEvents, testSink } from '@sluice/testkit';
import snappy from 'snappyjs';
import { afterAll, afterEach, expect, it } from 'vitest';
import { createHttpSink, type HttpSinkOptions, httpSink, problemsOf } from './sink.js';

type Answer = number | 'stall';

const servers: Server[] = [];
afterEach(() => {
  for (const http of servers.splice(0)) {
    http.closeAllConnections();
    http.close();
  }
});

/** A local server answering each request with the next status of `answers` (then 200). */
async function server(answers: Answer[] = [], redirectTo?: string) {
  const received: { method: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const http = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ method: String(request.method), headers: request.headers, body: Buffer.concat(chunks) });
    const answer = answers.shift() ?? 200;
    if (answer === 'stall') return;
    if (typeof answer === 'number' && answer >= 300 && answer < 400)
      response.writeHead(answer, { location: redirectTo ?? 'http://127.0.0.1:1/' }).end();
    else response.writeHead(answer).end();
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
    payload_prefix: '',
    payload_suffix: '',
    retry_strategy: { type: 'default' },
    ...overrides,
    batch: { max_events: 100, max_bytes: 1_000_000, timeout_secs: 0.01, ...overrides.batch },
    request: {
      headers: {},
      max_response_bytes: 1024 * 1024,
      concurrency: 2,
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
  } as HttpSinkOptions;
}

async function run(sinkOptions: HttpSinkOptions, count = 3) {
  const context = createTestContext({ id: 'web' });
  const statuses: DeliveryStatus[] = [];
  const events = makeEvents(count);
  attachFinalizer(events, (status) => statuses.push(status));
  await (await createHttpSink(sinkOptions, context)).run(inputOf([events]));
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
  expect(statusFailure(429)).toMatchObject({ retryable: true, throttled: true });
  expect(statusFailure(503)).toMatchObject({ retryable: true, throttled: true });
  expect(statusFailure(500)).toMatchObject({ retryable: true });
  expect(statusFailure(500)).not.toHaveProperty('throttled');
  expect(statusFailure(400)).toMatchObject({ retryable: false });
});

it("framing as Vector's http sink: JSON array or lines without the last newline, text lines, any framing", async () => {
  const fixed = { timestamp: new Date(Date.UTC(2026, 10, 23, 10)), source_type: 'testkit' };
  const send = async (overrides: Overrides) => {
    const { received, uri } = await server();
    const context = createTestContext({ id: 'web' });
    await (await createHttpSink(options(uri, overrides), context)).run(inputOf([makeEvents(2, fixed)]));
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

it('never follows a redirect: a 3xx rejects the events, and the target never sees them or the headers (seen failing on main)', async () => {
  const target = await server();
  const { received, uri } = await server([301], target.uri);
  const { statuses, context } = await run(options(uri, { request: { headers: { 'x-api-key': 'secret' } } }));
  expect(received).toHaveLength(1);
  expect(target.received).toEqual([]);
  expect(statuses).toEqual(['rejected']);
  expect(context.metrics.total('http_failed_records_total', { error_code: 'http_301' })).toBe(3);
  expect(context.metrics.total('component_sent_events_total')).toBe(0);
});

it("a uri with userinfo sends it as basic auth to the uri without it, as Vector's UriSerde; validate agrees; never logged", async () => {
  const { received, uri } = await server([400]);
  const withCredentials = uri.replace('http://', 'http://al%40ice:s3cret@');
  expect(problemsOf(options(withCredentials))).toEqual([]);
  expect(problemsOf(options(withCredentials, { auth: { strategy: 'bearer', token: 't' } }))).toEqual([
    expect.objectContaining({ path: 'auth' }),
  ]);
  expect(problemsOf(options('http://exa mple:secret@/x?token=abc'))[0]?.message).not.toMatch(/secret|abc/);
  const { context } = await run(options(withCredentials));
  expect(received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('al@ice:s3cret').toString('base64')}`);
  const logged = JSON.stringify(context.logger.records);
  expect(logged).not.toContain('s3cret');
});

it('secrets are write-only in the schema: never printed by config errors or the graph', () => {
  const schema = JSON.stringify(httpSink.optionsSchema);
  for (const secret of ['password', 'token', 'value', 'key_pass', 'secret_access_key'])
    expect(schema).toMatch(new RegExp(`"${secret}":\\{[^}]*"writeOnly":true`));
  expect(schema).toMatch(
    /"headers":\{"type":"object","additionalProperties":\{"type":"string","writeOnly":true\}/,
  );
});

it('payload_prefix and payload_suffix wrap a body; for a JSON array they must make JSON (checked as Vector does)', async () => {
  const { received, uri } = await server();
  await run(options(uri, { payload_prefix: '{"data":', payload_suffix: '}' }), 2);
  expect(JSON.parse(String(received[0]?.body)).data).toHaveLength(2);
  expect(problemsOf(options(uri, { payload_prefix: '{"data":' }))).toEqual([
    expect.objectContaining({ path: 'payload_prefix' }),
  ]);
});

it('compression zlib (deflate), snappy and zstd where Node has it, with their Content-Encoding; json.pretty; timestamp_format', async () => {
  const { received, uri } = await server();
  const fixed = { timestamp: new Date(Date.UTC(2026, 0, 2)) };
  const send = async (overrides: Overrides) => {
    const context = createTestContext({ id: 'web' });
    await (await createHttpSink(options(uri, overrides), context)).run(inputOf([makeEvents(1, fixed)]));
    return received.at(-1);
  };
  const zlib = await send({ compression: 'zlib' });
  expect(zlib?.headers['content-encoding']).toBe('deflate');
  expect(JSON.parse(inflateSync(zlib?.body as Buffer).toString())[0].message).toBe('event 0');
  const snappyBody = await send({ compression: 'snappy' });
  expect(snappyBody?.headers['content-encoding']).toBe('snappy');
  expect(Buffer.from(snappy.uncompress(snappyBody?.body as Buffer)).toString()).toContain('event 0');
  const pretty = await send({
    encoding: { codec: 'json', json: { pretty: true }, timestamp_format: 'unix' },
  });
  expect(String(pretty?.body)).toContain('\n  ');
  expect(JSON.parse(String(pretty?.body))[0].timestamp).toBe(Date.UTC(2026, 0, 2) / 1000);
});

it('retry_strategy: none retries nothing; custom retries its statuses; all retries every non-2xx', async () => {
  const none = await server([503]);
  expect((await run(options(none.uri, { retry_strategy: { type: 'none' } }))).statuses).toEqual(['rejected']);
  expect(none.received).toHaveLength(1);
  const custom = await server([400]);
  expect(
    (await run(options(custom.uri, { retry_strategy: { type: 'custom', status_codes: [400] } }))).statuses,
  ).toEqual(['delivered']);
  expect(custom.received).toHaveLength(2);
  const all = await server([404]);
  expect((await run(options(all.uri, { retry_strategy: { type: 'all' } }))).statuses).toEqual(['delivered']);
});

it('an answer over request.max_response_bytes is invalid_response, retried', async () => {
  let calls = 0;
  const http = createServer((request, response) => {
    request.resume();
    calls += 1;
    response.end(calls === 1 ? Buffer.alloc(4096, 'x') : 'ok');
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  servers.push(http);
  const uri = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  const { statuses, context } = await run(options(uri, { request: { max_response_bytes: 1024 } }));
  expect(statuses).toEqual(['delivered']);
  expect(context.metrics.total('component_errors_total', { error_type: 'invalid_response' })).toBe(1);
});

it('auth.strategy = "aws" signs each request with SigV4 for its service (checked independently)', async () => {
  const { received, uri } = await server();
  await run(
    options(uri, {
      auth: {
        strategy: 'aws',
        service: 'es',
        auth: {
          access_key_id: 'AKIDTEST',
          secret_access_key: 'secret',
          region: 'eu-west-1',
          load_timeout_secs: 5,
        },
      },
    }),
  );
  const request = received[0];
  const authorization = String(request?.headers.authorization);
  expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/es\/aws4_request/);
  const [, credential = '', signedHeaders = ''] =
    /Credential=([^,]+), SignedHeaders=([^,]+),/.exec(authorization) ?? [];
  const [, day = '', region = '', service = ''] = credential.split('/');
  const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
  const headers = request?.headers ?? {};
  const canonical = [
    'POST',
    '/ingest',
    '',
    signedHeaders
      .split(';')
      .map((name) => `${name}:${String(headers[name]).trim()}\n`)
      .join(''),
    signedHeaders,
    sha256(request?.body as Buffer),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  let key = createHmac('sha256', 'AWS4secret').update(day).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const signature = createHmac('sha256', key)
    .update(['AWS4-HMAC-SHA256', headers['x-amz-date'], scope, sha256(canonical)].join('\n'))
    .digest('hex');
  expect(authorization.endsWith(`Signature=${signature}`)).toBe(true);
});
