import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import type { LogEvent } from '@sluice/component-api';
import { createTestCertificates, createTestContext, type TestCertificates } from '@sluice/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TlsSourceOptions } from './options.js';
import { createTcpSource } from './tcp-source.js';

// A CA, a server certificate for 127.0.0.1 and a client certificate; the server key encrypted too.
let certificates: TestCertificates;
const file = (name: string) => join(certificates.directory, name);

beforeAll(() => {
  certificates = createTestCertificates();
  execFileSync(
    'openssl',
    ['pkey', '-in', 'server.key', '-aes256', '-passout', 'pass:dummy-pass', '-out', 'server-encrypted.key'],
    { cwd: certificates.directory, stdio: 'pipe' },
  );
});

afterAll(() => certificates.remove());

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function start(tls: TlsSourceOptions) {
  const context = createTestContext({ id: 'tls_in' });
  const source = createTcpSource(
    {
      mode: 'tcp',
      address: '127.0.0.1:0',
      shutdown_timeout_secs: 1,
      host_key: 'host',
      port_key: 'port',
      tls,
    },
    context,
    'socket',
  );
  const events: LogEvent[] = [];
  const controller = new AbortController();
  const run = source.run(async (batch) => void events.push(...batch), controller.signal);
  const { port } = await source.address();
  stops.push(async () => {
    controller.abort();
    await run;
  });
  return { context, events, port };
}

async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Connects with TLS, writes `text`, ends, and resolves when the connection closed. */
async function sendTls(port: number, text: string, withClientCertificate: boolean): Promise<TLSSocket> {
  const socket = connect({
    host: '127.0.0.1',
    port,
    ca: readFileSync(file('ca.crt')),
    ...(withClientCertificate
      ? { cert: readFileSync(file('client.crt')), key: readFileSync(file('client.key')) }
      : {}),
  });
  // A rejected client sees an error, then the close: once() would reject on the error.
  socket.on('error', () => {});
  socket.once('secureConnect', () => socket.end(text));
  await new Promise((resolve) => socket.once('close', resolve));
  return socket;
}

describe('socket source with tls', () => {
  it('tls.enabled: a client that trusts the CA sends events over TLS', async () => {
    const { port, events } = await start({
      enabled: true,
      crt_file: file('server.crt'),
      key_file: file('server.key'),
    });
    await sendTls(port, 'secret line\n', false);
    await eventually(() => events.length === 1);
    expect(events[0]?.fields.message).toBe('secret line');
  });

  it('key_pass decrypts an encrypted key_file', async () => {
    const { port, events } = await start({
      enabled: true,
      crt_file: file('server.crt'),
      key_file: file('server-encrypted.key'),
      key_pass: 'dummy-pass',
    });
    await sendTls(port, 'via encrypted key\n', false);
    await eventually(() => events.length === 1);
    expect(events[0]?.fields.message).toBe('via encrypted key');
  });

  it('verify_certificate: a client without a certificate is rejected and counted; one with a certificate gets in', async () => {
    const { port, events, context } = await start({
      enabled: true,
      crt_file: file('server.crt'),
      key_file: file('server.key'),
      ca_file: file('ca.crt'),
      verify_certificate: true,
      client_metadata_key: 'tls_client',
    });
    await sendTls(port, 'no certificate\n', false);
    await eventually(
      () => context.metrics.total('component_errors_total', { error_type: 'tls_handshake_failed' }) === 1,
    );
    expect(context.logger.find('TLS handshake failed', 'warn')).toHaveLength(1);
    await sendTls(port, 'with certificate\n', true);
    await eventually(() => events.length === 1);
    expect(events.map((event) => event.fields.message)).toEqual(['with certificate']);
    expect(events[0]?.fields.tls_client).toEqual({ subject: 'CN=client' });
  });

  it('tls_handshake_timeout_secs closes a client that never starts its handshake, and counts it', async () => {
    const context = createTestContext({ id: 'tls_in' });
    const source = createTcpSource(
      {
        mode: 'tcp',
        address: '127.0.0.1:0',
        shutdown_timeout_secs: 1,
        host_key: 'host',
        port_key: 'port',
        tls: { enabled: true, crt_file: file('server.crt'), key_file: file('server.key') },
        tls_handshake_timeout_secs: 1,
      },
      context,
      'socket',
    );
    const controller = new AbortController();
    const run = source.run(async () => {}, controller.signal);
    stops.push(async () => {
      controller.abort();
      await run;
    });
    const { port } = await source.address();
    const silent = createConnection(port, '127.0.0.1');
    await new Promise((resolve) => silent.once('close', resolve));
    expect(context.metrics.total('component_errors_total', { error_type: 'tls_handshake_failed' })).toBe(1);
  });

  it('a missing certificate file is a config error naming the option', () => {
    expect(() =>
      createTcpSource(
        {
          mode: 'tcp',
          address: '127.0.0.1:0',
          shutdown_timeout_secs: 1,
          host_key: 'host',
          port_key: 'port',
          tls: { enabled: true, crt_file: file('absent.crt'), key_file: file('server.key') },
        },
        createTestContext(),
        'socket',
      ),
    ).toThrow(/tls\.crt_file/);
  });
});
