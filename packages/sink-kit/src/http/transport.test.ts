import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport } from './transport.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A server answering the statuses given in turn (then 200), recording what it got. */
async function server(name: string, statuses: number[] = []) {
  const received: { url: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const http = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ url: String(request.url), headers: request.headers, body: Buffer.concat(chunks) });
    response.writeHead(statuses.shift() ?? 200).end(name);
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  servers.push(http);
  return { received, base: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

const signal = new AbortController().signal;

describe('HttpTransport', () => {
  it('sends compressed bodies with their headers, basic auth from userinfo or the options, signed last', async () => {
    const first = await server('first');
    const second = await server('second');
    const signed: string[] = [];
    const transport = new HttpTransport({
      endpoints: [first.base.replace('//', '//elastic:s%40cret@'), `${second.base}/prefix/`],
      basic: { user: 'other', password: 'pw' },
      headers: { 'x-tenant': 'shop' },
      contentType: 'application/x-ndjson',
      compression: 'gzip',
      authorize: async (request) => {
        signed.push(String(request.body !== undefined && gunzipSync(request.body)));
        return { ...request.headers, 'x-signed': 'yes' };
      },
    });
    const sent = await transport.send('POST', '/_bulk?timeout=60s', Buffer.from('{"a":1}\n'), signal);
    expect(sent.response?.status).toBe(200);
    expect(sent.sentBytes).toBe(first.received[0]?.body.length);
    await transport.send('POST', '/_bulk', Buffer.from('{"b":2}\n'), signal);
    const [one] = first.received;
    const [two] = second.received;
    expect(one?.url).toBe('/_bulk?timeout=60s');
    expect(String(gunzipSync(one?.body as Buffer))).toBe('{"a":1}\n');
    expect(one?.headers).toMatchObject({
      'content-type': 'application/x-ndjson',
      'content-encoding': 'gzip',
      'x-tenant': 'shop',
      'x-signed': 'yes',
      authorization: `Basic ${Buffer.from('elastic:s@cret').toString('base64')}`,
    });
    expect(two?.url).toBe('/prefix/_bulk');
    expect(two?.headers.authorization).toBe(`Basic ${Buffer.from('other:pw').toString('base64')}`);
    expect(signed).toEqual(['{"a":1}\n', '{"b":2}\n']);
    await transport.close();
  });

  it('classifies what came back; a failed endpoint rests while the other takes the requests', async () => {
    const failing = await server('failing', [503, 503]);
    const healthy = await server('healthy', [400]);
    const transport = new HttpTransport({
      endpoints: [failing.base, healthy.base],
      health: { initialBackoffMs: 60_000, maxBackoffMs: 60_000 },
    });
    const body = Buffer.from('x');
    const throttled = await transport.send('POST', '/', body, signal);
    expect(throttled.failure).toMatchObject({ retryable: true, throttled: true, code: 'http_503' });
    const refused = await transport.send('POST', '/', body, signal);
    expect(refused.failure).toMatchObject({
      retryable: false,
      code: 'http_400',
      message: 'HTTP 400: healthy',
    });
    await transport.send('POST', '/', body, signal);
    await transport.send('POST', '/', body, signal);
    expect(failing.received).toHaveLength(1);
    expect(healthy.received).toHaveLength(3);
    const unreachable = new HttpTransport({ endpoints: ['http://127.0.0.1:1'] });
    const lost = await unreachable.send('POST', '/', body, signal);
    expect(lost.failure).toMatchObject({ retryable: true, code: 'connection_error:ECONNREFUSED' });
    const aborted = new AbortController();
    aborted.abort();
    await expect(transport.send('POST', '/', body, aborted.signal)).rejects.toThrow();
    await transport.close();
    await unreachable.close();
  });

  it('probes each endpoint in turn: the first answer accepted, else every problem with its URL redacted', async () => {
    const down = await server('down', [500]);
    const up = await server('{"version":{"number":"8.15.0"}}');
    const transport = new HttpTransport({ endpoints: [down.base, up.base] });
    const major = (response: { status: number; body: Buffer }) =>
      response.status === 200 ? (JSON.parse(String(response.body)).version.number as string) : undefined;
    expect(await transport.probe('/', major, signal)).toEqual({ value: '8.15.0' });
    const nothing = new HttpTransport({ endpoints: ['http://user:pw@127.0.0.1:1'] });
    const result = await nothing.probe('/_cluster/health', () => true, signal);
    // The endpoint's credentials are its basic auth, never in a message.
    expect(result).toEqual({
      problems: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:1\/_cluster\/health: .*ECONNREFUSED/)],
    });
    await transport.close();
    await nothing.close();
  });
});
