import { MetricsRegistry } from '@sluice/core-topology';
import { describe, expect, it } from 'vitest';
import { parseListenAddress, startMetricsServer } from './metrics-server.js';

describe('metrics server address', () => {
  it('an address without a host binds to 127.0.0.1, not every interface', async () => {
    const server = await startMetricsServer(new MetricsRegistry(), ':0');
    try {
      expect(server.address.address).toBe('127.0.0.1');
    } finally {
      await server.close();
    }
  });

  it('parses HOST:PORT, [IPv6]:PORT and :PORT; refuses the rest with one clear message', () => {
    expect(parseListenAddress('0.0.0.0:9598')).toEqual({ host: '0.0.0.0', port: 9598 });
    expect(parseListenAddress('[::1]:9598')).toEqual({ host: '::1', port: 9598 });
    expect(parseListenAddress(':9598')).toEqual({ host: '127.0.0.1', port: 9598 });
    for (const bad of ['9598', 'localhost:', 'host:99999', 'host:-1', 'a b:1', '[::1:80', 'x'.repeat(300)]) {
      expect(() => parseListenAddress(bad), bad).toThrow(/must be HOST:PORT or :PORT/);
    }
  });
});
