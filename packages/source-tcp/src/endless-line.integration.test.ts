import { once } from 'node:events';
import { connect } from 'node:net';
import type { LogEvent } from '@sluice/component-api';
import { createTestContext } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { createTcpSource } from './tcp-source.js';

describe('a line that never ends (issue 24, item 2)', () => {
  it('768 MiB without a newline, default options: memory stays flat, the line is dropped and counted, the next one delivered', async () => {
    const context = createTestContext({ id: 'tcp_in' });
    const source = createTcpSource(
      { mode: 'tcp', address: '127.0.0.1:0', shutdown_timeout_secs: 5, host_key: 'host', port_key: 'port' },
      context,
      'socket',
    );
    const events: LogEvent[] = [];
    const controller = new AbortController();
    const running = source.run(async (batch) => void events.push(...batch), controller.signal);
    const { port } = await source.address();
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const before = process.memoryUsage().rss;
    let peak = before;
    for (let sent = 0; sent < 768; sent += 1) {
      if (!socket.write(chunk)) await once(socket, 'drain');
      if (sent % 64 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    socket.end('\nthe next line\n');
    await once(socket, 'close');
    while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    peak = Math.max(peak, process.memoryUsage().rss);
    controller.abort();
    await running;
    expect(events.map((event) => event.fields.message)).toEqual(['the next line']);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(context.metrics.total('component_errors_total', { error_type: 'oversized_line' })).toBe(1);
    // Before the default limit the whole line was held (and copied once more to end it).
    expect(peak - before).toBeLessThan(256 * 1024 * 1024);
  });
});
