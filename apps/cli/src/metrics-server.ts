import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, SluiceError } from '@sluice/component-api';
import type { MetricsRegistry } from '@sluice/core-topology';

/** The host of an address given without one (`:9598`): this machine only, never every interface. */
export const DEFAULT_METRICS_HOST = '127.0.0.1';

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
  return { host: match[1] ?? (match[2] || DEFAULT_METRICS_HOST), port };
}

/** Serves `GET /metrics` in the Prometheus text format. */
export async function startMetricsServer(
  metrics: MetricsRegistry,
  address: string,
): Promise<{ address: AddressInfo; close: () => Promise<void> }> {
  const { host, port } = parseListenAddress(address);
  const server: Server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end('not found: try /metrics\n');
      return;
    }
    metrics.render().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    throw new SluiceError(
      ErrorCode.configInvalid,
      `metrics address ${address}: cannot listen there: ${(error as Error).message}`,
    );
  }
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
