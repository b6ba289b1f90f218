import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import { createTestCertificates, startedForTest, type TestCertificates } from '@sluice/testkit';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { statusFailure, transportFailure } from './classify.js';
import { HttpClient } from './client.js';

function answering(answer: (request: IncomingMessage, response: ServerResponse) => void) {
  const seen: { url: string; headers: IncomingMessage['headers']; remotePort: number | undefined }[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: String(request.url), headers: request.headers, remotePort: request.socket.remotePort });
    request.resume();
    request.on('end', () => answer(request, response));
  });
  return { server, seen };
}

const post = (client: HttpClient, url: string) =>
  client.request({
    method: 'POST',
    url: new URL(url),
    headers: {},
    body: 'x',
    signal: AbortSignal.timeout(10_000),
  });

describe('HttpClient', () => {
  it('keeps connections alive between requests', async () => {
    const { server, seen } = answering((_request, response) => response.end('ok'));
    const host = await startedForTest(server);
    const client = new HttpClient();
    onTestFinished(() => client.close());
    for (let index = 0; index < 10; index += 1)
      expect((await post(client, `http://${host}/`)).status).toBe(200);
    // One connection, or two when a request went while the previous one's was being handed back.
    expect(new Set(seen.map((request) => request.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it('never follows a redirect: the 3xx is the answer, and its target is never asked', async () => {
    const target = answering((_request, response) => response.end('landing page'));
    const targetHost = await startedForTest(target.server);
    const { server } = answering((_request, response) =>
      response.writeHead(301, { location: `http://${targetHost}/landing` }).end(),
    );
    const host = await startedForTest(server);
    const client = new HttpClient();
    onTestFinished(() => client.close());
    const response = await client.request({
      method: 'POST',
      url: new URL(`http://${host}/ingest`),
      headers: { 'x-api-key': 'k' },
      body: '[]',
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(301);
    expect(statusFailure(response.status, response.headers)).toMatchObject({
      retryable: false,
      code: 'http_301',
    });
    expect(target.seen).toEqual([]);
  });

  it('an endless answer fails at the size cap as invalid_response, read no further', async () => {
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (response.write(chunk)) {
          /* until the socket pushes back */
        }
      };
      response.on('drain', pump);
      pump();
    });
    const host = await startedForTest(server);
    const client = new HttpClient({ maxResponseBytes: 256 * 1024 });
    onTestFinished(() => client.close());
    const error = await post(client, `http://${host}/`).catch((failure: unknown) => failure);
    expect(transportFailure(error)).toMatchObject({ code: 'invalid_response', retryable: true });
  });

  it('goes through the proxy of the proxy option, or of HTTP_PROXY; not for hosts in no_proxy', async () => {
    const { server, seen } = answering((_request, response) => response.end('ok'));
    const host = await startedForTest(server);
    const proxied: string[] = [];
    // A forward proxy: absolute-form requests and CONNECT tunnels.
    const proxy = createServer((request, response) => {
      proxied.push(String(request.url));
      const upstream = new URL(String(request.url));
      const forward = createServer();
      forward.close();
      const outgoing = connect(Number(upstream.port), upstream.hostname, () => {
        outgoing.write(
          `${request.method} ${upstream.pathname} HTTP/1.1\r\nhost: ${upstream.host}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
        );
      });
      outgoing.pipe(response.socket as Socket);
      request.resume();
    });
    proxy.on('connect', (request: IncomingMessage, socket: Socket) => {
      proxied.push(`CONNECT ${request.url}`);
      const [hostname, port] = String(request.url).split(':');
      const outgoing = connect(Number(port), String(hostname), () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        outgoing.pipe(socket);
        socket.pipe(outgoing);
      });
    });
    const proxyHost = await startedForTest(proxy);
    const viaOption = new HttpClient({ proxy: { http: `http://${proxyHost}` } });
    onTestFinished(() => viaOption.close());
    expect((await post(viaOption, `http://${host}/a`)).status).toBe(200);
    expect(proxied).toHaveLength(1);
    vi.stubEnv('HTTP_PROXY', `http://${proxyHost}`);
    vi.stubEnv('http_proxy', `http://${proxyHost}`);
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const viaEnvironment = new HttpClient();
    onTestFinished(() => viaEnvironment.close());
    expect((await post(viaEnvironment, `http://${host}/b`)).status).toBe(200);
    expect(proxied).toHaveLength(2);
    const bypassing = new HttpClient({ proxy: { no_proxy: ['127.0.0.1'] } });
    onTestFinished(() => bypassing.close());
    expect((await post(bypassing, `http://${host}/c`)).status).toBe(200);
    const disabled = new HttpClient({ proxy: { enabled: false } });
    onTestFinished(() => disabled.close());
    expect((await post(disabled, `http://${host}/d`)).status).toBe(200);
    expect(proxied).toHaveLength(2);
    expect(seen.map((request) => request.url)).toEqual(['/a', '/b', '/c', '/d']);
  });
});

describe('HttpClient TLS', () => {
  // A CA, a server certificate for 127.0.0.1 and a client certificate.
  let certificates: TestCertificates;
  beforeAll(() => {
    certificates = createTestCertificates();
  });
  afterAll(() => certificates.remove());

  async function tlsServer(requestCert: boolean) {
    const clients: (string | undefined)[] = [];
    const server = createHttpsServer(
      {
        key: readFileSync(certificates.serverKeyFile),
        cert: readFileSync(certificates.serverCertFile),
        ca: readFileSync(certificates.caFile),
        requestCert,
        rejectUnauthorized: requestCert,
      },
      (request, response) => {
        const peer = (request.socket as import('node:tls').TLSSocket).getPeerCertificate();
        const name = peer?.subject?.CN;
        clients.push(Array.isArray(name) ? name[0] : name);
        request.resume();
        response.end('ok');
      },
    );
    return { host: await startedForTest(server), clients };
  }

  it('trusts the CA of ca_file and presents the client certificate of crt_file / key_file', async () => {
    const { host, clients } = await tlsServer(true);
    const client = new HttpClient({
      tls: {
        ca_file: certificates.caFile,
        crt_file: certificates.clientCertFile,
        key_file: certificates.clientKeyFile,
      },
    });
    onTestFinished(() => client.close());
    expect((await post(client, `https://${host}/`)).status).toBe(200);
    expect(clients).toEqual(['client']);
  });

  it('refuses a server its CAs do not vouch for, unless verify_certificate = false', async () => {
    const { host } = await tlsServer(false);
    const strict = new HttpClient();
    onTestFinished(() => strict.close());
    const error = await post(strict, `https://${host}/`).catch((failure: unknown) => failure);
    expect(transportFailure(error).code).toMatch(/^connection_error:/);
    const lax = new HttpClient({ tls: { verify_certificate: false } });
    onTestFinished(() => lax.close());
    expect((await post(lax, `https://${host}/`)).status).toBe(200);
  });

  it('verify_hostname = false accepts a certificate for another name (server_name checked otherwise)', async () => {
    const { host } = await tlsServer(false);
    const otherName = new HttpClient({
      tls: { ca_file: certificates.caFile, server_name: 'elsewhere.example' },
    });
    onTestFinished(() => otherName.close());
    expect(await post(otherName, `https://${host}/`).catch(() => 'refused')).toBe('refused');
    const unchecked = new HttpClient({
      tls: { ca_file: certificates.caFile, server_name: 'elsewhere.example', verify_hostname: false },
    });
    onTestFinished(() => unchecked.close());
    expect((await post(unchecked, `https://${host}/`)).status).toBe(200);
  });

  it('reaches an https destination through a CONNECT tunnel of the https proxy, TLS inside it', async () => {
    const { host, clients } = await tlsServer(false);
    const tunnels: string[] = [];
    const proxy = createServer((_request, response) => response.writeHead(405).end());
    proxy.on('connect', (request: IncomingMessage, socket: Socket) => {
      tunnels.push(String(request.url));
      const [hostname, port] = String(request.url).split(':');
      const outgoing = connect(Number(port), String(hostname), () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        outgoing.pipe(socket);
        socket.pipe(outgoing);
      });
    });
    const proxyHost = await startedForTest(proxy);
    const client = new HttpClient({
      tls: { ca_file: certificates.caFile },
      proxy: { https: `http://${proxyHost}` },
    });
    onTestFinished(() => client.close());
    expect((await post(client, `https://${host}/`)).status).toBe(200);
    expect((await post(client, `https://${host}/`)).status).toBe(200);
    expect(tunnels).toEqual([host]); // one tunnel, kept alive
    expect(clients).toHaveLength(2);
  });

  it('a tls file that cannot be read is a config error naming the option', () => {
    expect(() => new HttpClient({ tls: { ca_file: `${certificates.caFile}.missing` } })).toThrow(
      /tls\.ca_file/,
    );
  });
});
