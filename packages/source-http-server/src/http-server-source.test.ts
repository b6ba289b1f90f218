import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { type Batch, finalizeEvents, type LogEvent } from '@sluice/component-api';
import { createTestContext } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServerSource, type HttpServerOptions } from './http-server-source.js';

const defaults: HttpServerOptions = {
  address: '127.0.0.1:0',
  path: '/',
  strict_path: true,
  method: 'POST',
  path_key: 'path',
  headers: [],
  query_parameters: [],
  response_code: 200,
};
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function start(
  options: Partial<HttpServerOptions> = {},
  onBatch?: (batch: Batch) => Promise<void> | void,
) {
  const context = createTestContext({ id: 'http_in' });
  const source = createHttpServerSource({ ...defaults, ...options }, context);
  const events: LogEvent[] = [];
  const controller = new AbortController();
  const done = source.run(async (batch) => {
    await onBatch?.(batch);
    events.push(...batch);
  }, controller.signal);
  stops.push(async () => {
    controller.abort();
    await done;
  });
  const { port } = await source.address();
  const url = (path = '/') => `http://127.0.0.1:${port}${path}`;
  return { url, events, context };
}

describe("http_server (Vector's examples and behaviour)", () => {
  it('text/plain: each line is an event with the path and the named header', async () => {
    const { url, events } = await start({ headers: ['User-Agent'] });
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': 'my-service/v2.1' },
      body: 'Hello world\nsecond line\n',
    });
    expect(response.status).toBe(200);
    expect(events.map((event) => event.fields)).toEqual([
      expect.objectContaining({
        message: 'Hello world',
        path: '/',
        'User-Agent': 'my-service/v2.1',
        source_type: 'http_server',
      }),
      expect.objectContaining({ message: 'second line' }),
    ]);
    expect(events[0]?.fields.timestamp).toBeInstanceOf(Date);
  });

  it('application/json with framing bytes and path_key, query parameters by pattern, a 202 response', async () => {
    const { url, events } = await start({
      path: '/events',
      path_key: 'vector_http_path',
      decoding: { codec: 'json' },
      framing: { method: 'bytes' },
      query_parameters: ['app*', 'missing'],
      response_code: 202,
      host_key: 'client',
    });
    const response = await fetch(url('/events?application=web&other=x'), {
      method: 'POST',
      body: '{"key": "val"}',
    });
    expect(response.status).toBe(202);
    expect(events[0]?.fields).toMatchObject({
      key: 'val',
      vector_http_path: '/events',
      application: 'web',
      missing: null,
      client: '127.0.0.1',
    });
    expect(events[0]?.fields).not.toHaveProperty('other');
  });

  it('refuses what Vector refuses: another path (404), method (405), a body that does not decode (400), an unknown encoding (415)', async () => {
    const { url, events, context } = await start({ path: '/logs', decoding: { codec: 'json' } });
    expect((await fetch(url('/elsewhere'), { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(url('/logs/deeper'), { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(url('/logs'), { method: 'PUT', body: '{}' })).status).toBe(405);
    const bad = await fetch(url('/logs'), { method: 'POST', body: '{"ok": 1}\nnot json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 400,
      message: expect.stringMatching(/^Failed decoding body/),
    });
    expect(
      (await fetch(url('/logs'), { method: 'POST', headers: { 'content-encoding': 'brotli' }, body: '{}' }))
        .status,
    ).toBe(415);
    expect(events).toEqual([]);
    expect(context.metrics.total('component_errors_total', { error_type: 'request_failed' })).toBe(3);
    expect(await (await fetch(url('/ping'))).text()).toBe('pong');
  });

  it('decompresses gzip bodies; strict_path = false accepts paths below', async () => {
    const { url, events } = await start({ path: '/logs', strict_path: false });
    const response = await fetch(url('/logs/app'), {
      method: 'POST',
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync('zipped line\n'),
    });
    expect(response.status).toBe(200);
    expect(events[0]?.fields).toMatchObject({ message: 'zipped line', path: '/logs/app' });
  });

  it('basic auth: 401 without or with wrong credentials, 200 with them', async () => {
    const { url, events } = await start({ auth: { username: 'user', password: 'secret' } });
    expect((await fetch(url(), { method: 'POST', body: 'x' })).status).toBe(401);
    const wrong = `Basic ${Buffer.from('user:nope').toString('base64')}`;
    expect(
      (await fetch(url(), { method: 'POST', body: 'x', headers: { authorization: wrong } })).status,
    ).toBe(401);
    const right = `Basic ${Buffer.from('user:secret').toString('base64')}`;
    expect(
      (await fetch(url(), { method: 'POST', body: 'ok', headers: { authorization: right } })).status,
    ).toBe(200);
    expect(events.map((event) => event.fields.message)).toEqual(['ok']);
  });

  it('answers only once downstream took the events; with acknowledgements, once delivered (400 when rejected)', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let answered = false;
    const plain = await start({}, () => held);
    const pending = fetch(plain.url(), { method: 'POST', body: 'wait' }).then((response) => {
      answered = true;
      return response.status;
    });
    // Downstream holds the batch: no answer yet, whatever the time given.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    release();
    expect(await pending).toBe(200);

    const acked = await start({ acknowledgements: true }, (batch) => {
      finalizeEvents(batch, batch[0]?.fields.message === 'bad' ? 'rejected' : 'delivered');
    });
    expect((await fetch(acked.url(), { method: 'POST', body: 'good' })).status).toBe(200);
    const rejected = await fetch(acked.url(), { method: 'POST', body: 'bad' });
    expect([rejected.status, ((await rejected.json()) as { message: string }).message]).toEqual([
      400,
      'Contents failed to deliver to sink',
    ]);
  });

  it('with max_pending_requests, a request beyond them is answered 503 with Retry-After, its events not taken', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    const { url, events, context } = await start({ max_pending_requests: 1 }, async () => {
      batches += 1;
      if (batches === 1) await held;
    });
    const first = fetch(url(), { method: 'POST', body: 'first' });
    while (batches === 0) await new Promise((resolve) => setImmediate(resolve));
    const busy = await fetch(url(), { method: 'POST', body: 'second' });
    expect([busy.status, busy.headers.get('retry-after')]).toEqual([503, '1']);
    release();
    expect((await first).status).toBe(200);
    expect(events.map((event) => event.fields.message)).toEqual(['first']);
    expect(context.metrics.total('component_errors_total', { error_type: 'backpressure' })).toBe(1);
  });

  it('a body declared larger than 100 MiB is refused at once (413)', async () => {
    const { url } = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        url(),
        { method: 'POST', headers: { 'content-length': String(200 * 1024 * 1024) } },
        (response) => {
          resolve(response.statusCode ?? 0);
          response.resume();
        },
      );
      request.on('error', reject);
      request.flushHeaders();
    });
    expect(status).toBe(413);
  });
});
