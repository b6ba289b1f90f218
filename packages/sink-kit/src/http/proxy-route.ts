import { request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls';
import type { ProxyOptions } from './proxy.js';

/** The proxies of a client: Vector's `proxy` option over the environment's, as Vector merges them. */
export interface ProxySettings {
  readonly http: URL | undefined;
  readonly https: URL | undefined;
  readonly noProxy: readonly string[];
}

function proxyUrl(value: string | undefined): URL | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}

/** `proxy` options over HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case); none when disabled. */
export function proxySettingsOf(options: ProxyOptions | undefined, environment = process.env): ProxySettings {
  if (options?.enabled === false) return { http: undefined, https: undefined, noProxy: [] };
  return {
    http: proxyUrl(options?.http ?? environment.http_proxy ?? environment.HTTP_PROXY),
    https: proxyUrl(options?.https ?? environment.https_proxy ?? environment.HTTPS_PROXY),
    noProxy: [
      ...listOf(environment.no_proxy ?? environment.NO_PROXY),
      ...(options?.no_proxy ?? []).map((entry) => entry.toLowerCase()),
    ],
  };
}

/**
 * Whether `url` bypasses the proxy, as curl reads NO_PROXY: `*` for all; `example.com` (or
 * `.example.com`) for it and its subdomains; an IP for itself; `host:port` for that port only.
 */
export function bypassesProxy(url: URL, noProxy: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    const [name = '', entryPort] = entry.startsWith('[')
      ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]]
      : entry.split(':');
    if (entryPort !== undefined && entryPort !== port) return false;
    const domain = name.replace(/^\*?\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

/** `Proxy-Authorization` for a proxy URL with userinfo. */
export function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === '' && proxy.password === '') return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

type CreateConnectionOptions = ConnectionOptions & { host?: string; port?: number; servername?: string };

/**
 * HTTPS through an HTTP proxy: each new connection is a CONNECT tunnel, then TLS to the
 * destination inside it; kept alive and pooled like any other.
 */
export class TunnelingAgent extends HttpsAgent {
  readonly #proxy: URL;

  constructor(proxy: URL, options: HttpsAgentOptions) {
    super(options);
    this.#proxy = proxy;
  }

  override createConnection(
    requested: RequestOptions,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): undefined {
    const options = requested as CreateConnectionOptions;
    const target = `${options.host}:${options.port}`;
    const connect = httpRequest({
      host: this.#proxy.hostname,
      port: Number(this.#proxy.port || 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...proxyAuthorization(this.#proxy) },
      agent: false,
    });
    connect.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        const refused = new Error(`the proxy refused the tunnel: HTTP ${response.statusCode}`);
        callback?.(Object.assign(refused, { code: 'EPROXY' }), socket);
        return;
      }
      const secure = tlsConnect({ ...options, socket, servername: options.servername ?? options.host });
      callback?.(null, secure);
    });
    connect.once('error', (error) => callback?.(error, connect.socket as Socket));
    connect.end();
    return undefined;
  }
}
