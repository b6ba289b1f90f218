import { readFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { connect, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { attachFinalizer, type DeliveryStatus, type LogEvent } from '@sluice/component-api';
import {
  createTestCertificates,
  createTestContext,
  inputOf,
  makeEvents,
  startedForTest,
  type TestCertificates,
} from '@sluice/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { KinesisSinkOptions } from './options.js';
import { createKinesisSink } from './sink.js';
import { type OptionOverrides, testOptions } from './test-helpers/options.js';
import { FakeKinesis } from './testing/index.js';

process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'secret';

const fake = new FakeKinesis({ streams: ['logs'] });
let fakeEndpoint = '';
let certificates: TestCertificates;
beforeAll(async () => {
  fakeEndpoint = await fake.start();
  certificates = createTestCertificates();
});
afterAll(async () => {
  certificates.remove();
  await fake.stop();
});
beforeEach(() => {
  fake.accepted.length = 0;
  fake.requests.length = 0;
});

/** Both ends of a TCP relay: each closes the other. */
function relay(socket: Socket, port: number, host: string, onConnect?: () => void): void {
  const outgoing = connect(port, host, onConnect);
  outgoing.on('error', () => socket.destroy());
  socket.on('error', () => outgoing.destroy());
  outgoing.on('close', () => socket.destroy());
  socket.on('close', () => outgoing.destroy());
  if (onConnect === undefined) {
    socket.pipe(outgoing);
    outgoing.pipe(socket);
  }
}

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * An HTTP forward proxy (absolute-form requests, CONNECT tunnels), which also forwards
 * origin-form requests to `origin` when given (a recording front of the fake). Records each request.
 */
async function forwarder(origin?: string) {
  const seen: Seen[] = [];
  const tunnels: string[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    seen.push({ url: String(request.url), headers: request.headers, body });
    const upstream = httpRequest(
      new URL(String(request.url), origin),
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    upstream.end(body);
  });
  server.on('connect', (request: IncomingMessage, socket: Socket) => {
    tunnels.push(String(request.url));
    const [host = '', port = ''] = String(request.url).split(':');
    relay(socket, Number(port), host, function (this: Socket) {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      this.pipe(socket);
      socket.pipe(this);
    });
  });
  return { url: `http://${await startedForTest(server)}`, seen, tunnels };
}

/**
 * TLS in front of the fake, with a certificate the test CA signed; asks for a client certificate
 * (not required) and records the name of each one presented.
 */
async function tlsFront() {
  const clients: (string | undefined)[] = [];
  const { port } = new URL(fakeEndpoint);
  const server = createTlsServer(
    {
      key: readFileSync(certificates.serverKeyFile),
      cert: readFileSync(certificates.serverCertFile),
      ca: readFileSync(certificates.caFile),
      requestCert: true,
      rejectUnauthorized: false,
    },
    (socket: TLSSocket) => {
      const name = socket.getPeerCertificate()?.subject?.CN;
      clients.push(Array.isArray(name) ? name[0] : name);
      relay(socket, Number(port), '127.0.0.1');
    },
  );
  return { url: `https://${await startedForTest(server)}`, clients };
}

function options(endpoint: string, overrides: OptionOverrides = {}): KinesisSinkOptions {
  return testOptions(endpoint, { encoding: 'text', ...overrides });
}

async function runSink(events: LogEvent[], sinkOptions: KinesisSinkOptions) {
  const statuses: DeliveryStatus[] = [];
  attachFinalizer(events, (status) => statuses.push(status));
  const sink = await createKinesisSink(sinkOptions, createTestContext({ id: 'kinesis_out' }));
  onTestFinished(() => sink.close?.());
  // Unreachable, the sink would retry the connection for ever: the healthcheck fails fast instead.
  const health = await sink.healthcheck?.(AbortSignal.timeout(30_000));
  expect(health).toEqual({ status: 'healthy' });
  await sink.run(inputOf([events]));
  return statuses;
}

const messages = (events: LogEvent[]) => events.map((event) => String(event.fields.message)).sort();
const putRecords = (seen: Seen[]) =>
  seen.filter((request) => String(request.headers['x-amz-target']).endsWith('.PutRecords'));

describe('tls', () => {
  it('ca_file: an https endpoint whose certificate a private CA signed is trusted; crt_file / key_file present the client certificate', async () => {
    const front = await tlsFront();
    const events = makeEvents(20);
    const statuses = await runSink(
      events,
      options(front.url, {
        tls: {
          ca_file: certificates.caFile,
          crt_file: certificates.clientCertFile,
          key_file: certificates.clientKeyFile,
        },
      }),
    );
    expect(statuses).toEqual(['delivered']);
    expect(fake.acceptedData().sort()).toEqual(messages(events));
    expect(front.clients.length).toBeGreaterThan(0);
    expect(new Set(front.clients)).toEqual(new Set(['client']));
  });

  it('without ca_file the same endpoint is not trusted: the healthcheck fails and nothing reaches it', async () => {
    const front = await tlsFront();
    const sink = await createKinesisSink(options(front.url), createTestContext({ id: 'kinesis_out' }));
    onTestFinished(() => sink.close?.());
    const health = await sink.healthcheck?.(AbortSignal.timeout(30_000));
    expect(health?.status).toBe('unhealthy');
    expect(fake.requests).toHaveLength(0);
    expect(front.clients).toEqual([]); // no request ever got through the handshake
  });
});

describe('proxy', () => {
  it('http: every call (DescribeStreamSummary, ListShards, PutRecords) goes through the proxy of proxy.http', async () => {
    const proxy = await forwarder();
    const events = makeEvents(30);
    const statuses = await runSink(
      events,
      options(fakeEndpoint, { proxy: { http: proxy.url }, shard_awareness: { enabled: true } }),
    );
    expect(statuses).toEqual(['delivered']);
    expect(fake.acceptedData().sort()).toEqual(messages(events));
    // Absolute-form requests for the fake, as a client of a forward proxy sends them.
    expect(new Set(proxy.seen.map((request) => request.url))).toEqual(new Set([`${fakeEndpoint}/`]));
    expect(new Set(proxy.seen.map((request) => String(request.headers['x-amz-target'])))).toEqual(
      new Set([
        'Kinesis_20131202.DescribeStreamSummary',
        'Kinesis_20131202.ListShards',
        'Kinesis_20131202.PutRecords',
      ]),
    );
    expect(putRecords(proxy.seen)).toHaveLength(fake.requests.length);
  });

  it('https: an https endpoint through a CONNECT tunnel of proxy.https, TLS (and tls.ca_file) inside it', async () => {
    const proxy = await forwarder();
    const front = await tlsFront();
    const events = makeEvents(10);
    const statuses = await runSink(
      events,
      options(front.url, { proxy: { https: proxy.url }, tls: { ca_file: certificates.caFile } }),
    );
    expect(statuses).toEqual(['delivered']);
    expect(fake.acceptedData().sort()).toEqual(messages(events));
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(front.url).host]));
    expect(proxy.seen).toEqual([]); // nothing in the clear
  });
});

describe('stream_arn and regions', () => {
  it('stream_arn: every call names the stream by StreamARN (never StreamName), signed for the region in the ARN', async () => {
    const front = await forwarder(fakeEndpoint);
    const arn = 'arn:aws:kinesis:eu-west-1:123456789012:stream/logs';
    const base = options(front.url, { stream_arn: arn, request: { protocol: 'json' } });
    delete (base as { stream_name?: string }).stream_name;
    delete (base as { region?: string }).region;
    const events = makeEvents(15);
    const statuses = await runSink(events, base);
    expect(statuses).toEqual(['delivered']);
    expect(fake.acceptedData().sort()).toEqual(messages(events));
    expect(front.seen.length).toBeGreaterThan(1);
    for (const request of front.seen) {
      const body = JSON.parse(request.body.toString()) as Record<string, unknown>;
      expect(body.StreamARN).toBe(arn);
      expect(body).not.toHaveProperty('StreamName');
      expect(String(request.headers.authorization)).toMatch(/\/eu-west-1\/kinesis\/aws4_request/);
    }
    expect(fake.requests.map((request) => request.stream)).toEqual(
      fake.requests.map(() => ({ StreamARN: arn })),
    );
  });

  it("auth.region: assume_role's STS call goes to that region; the stream's calls stay in `region`, signed with the role's keys", async () => {
    const stsCalls: Seen[] = [];
    const sts = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      stsCalls.push({ url: String(request.url), headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'text/xml' }).end(
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAASSUMED</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey>
<SessionToken>assumed-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/writer/sluice</Arn><AssumedRoleId>AROATEST:sluice</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
    });
    vi.stubEnv('AWS_ENDPOINT_URL_STS', `http://${await startedForTest(sts)}`);
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const front = await forwarder(fakeEndpoint);
    const events = makeEvents(5);
    const statuses = await runSink(
      events,
      options(front.url, {
        region: 'us-east-1',
        auth: {
          access_key_id: 'AKIDBASE',
          secret_access_key: 'base-secret',
          assume_role: 'arn:aws:iam::123456789012:role/writer',
          region: 'eu-west-3',
        },
      }),
    );
    expect(statuses).toEqual(['delivered']);
    expect(stsCalls).toHaveLength(1);
    expect(stsCalls[0]?.body.toString()).toContain('Action=AssumeRole');
    expect(String(stsCalls[0]?.headers.authorization)).toMatch(
      /Credential=AKIDBASE\/\d{8}\/eu-west-3\/sts\/aws4_request/,
    );
    const puts = putRecords(front.seen);
    expect(puts.length).toBeGreaterThan(0);
    for (const put of puts) {
      expect(String(put.headers.authorization)).toMatch(
        /Credential=ASIAASSUMED\/\d{8}\/us-east-1\/kinesis\/aws4_request/,
      );
      expect(put.headers['x-amz-security-token']).toBe('assumed-token');
    }
  });
});
