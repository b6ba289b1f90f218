import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, SluiceError } from '@sluice/component-api';
import type { MetricsRegistry } from '@sluice/core-topology';

/** The host of an address given without one (`:9598`): this machine only, never every interface. */
export const DEFAULT_LISTEN_HOST = '127.0.0.1';

/** `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (127.0.0.1); throws a config error naming the address otherwise. */
export function parseListenAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9_.-]*)):(\d{1,5})$/.exec(address);
  const port = Number(match?.[3]);
  if (match === null || port > 65535) {
    const shown = address.length > 100 ? `${address.slice(0, 100)}…` : address;
    throw new SluiceError(
      ErrorCode.configInvalid,
      `must be HOST:PORT or :PORT with a port from 0 to 65535 (got "${shown}")`,
    );
  }
  return { host: match[1] ?? (match[2] || DEFAULT_LISTEN_HOST), port };
}

export interface Reply {
  status: number;
  type: string;
  body: string;
}

/** A reply written as it goes (`/tap`): `stream` writes to the response and ends it, or the client closes it. */
export interface StreamReply {
  status: number;
  type: string;
  stream: (response: ServerResponse) => void;
}

/** Answers `GET` (and `HEAD`) on one path. */
export type Route = (request: IncomingMessage) => Promise<Reply | StreamReply>;

export interface HttpServer {
  address: AddressInfo;
  /** `http://host:port` (IPv6 bracketed), for log lines. */
  url: string;
  close: () => Promise<void>;
}

/** A small read-only HTTP server (node:http): `routes` by path, 404 naming them otherwise. */
export async function serveHttp(
  address: string,
  routes: Readonly<Record<string, Route>>,
  purpose: string,
): Promise<HttpServer> {
  const { host, port } = parseListenAddress(address);
  const paths = Object.keys(routes).join(', ');
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] as string;
    const route = routes[path];
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: try ${paths}\n`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    route(request).then(
      (reply) => {
        response.writeHead(reply.status, { 'content-type': reply.type });
        if (request.method === 'HEAD') response.end();
        else if ('stream' in reply) reply.stream(response);
        else response.end(reply.body);
      },
      (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
    );
  });
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    throw new SluiceError(
      ErrorCode.configInvalid,
      `${purpose} address ${address}: cannot listen there: ${(error as Error).message}`,
    );
  }
  const bound = server.address() as AddressInfo;
  return {
    address: bound,
    url: `http://${bound.address.includes(':') ? `[${bound.address}]` : bound.address}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `GET /metrics`: the Prometheus text format. */
export function metricsRoute(metrics: MetricsRegistry): Route {
  return async () => ({ status: 200, type: metrics.contentType, body: await metrics.render() });
}

/** Serves `GET /metrics` only (`--metrics-address`). */
export function startMetricsServer(metrics: MetricsRegistry, address: string): Promise<HttpServer> {
  return serveHttp(address, { '/metrics': metricsRoute(metrics) }, 'metrics');
}
