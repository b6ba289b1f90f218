import { ConfigError } from '@sluice/component-api';
import { MetricsRegistry } from '@sluice/core-topology';
import { describe, expect, it } from 'vitest';
import { apiOptionsOf, apiRoutes, componentsView, DEFAULT_API_ADDRESS } from './api.js';
import { serveHttp } from './http-server.js';

function registryWithTraffic(): MetricsRegistry {
  const metrics = new MetricsRegistry();
  const source = metrics.componentMetrics({
    component_id: 'in',
    component_kind: 'source',
    component_type: 'socket',
  });
  source.counter('component_sent_events_total').increment(10);
  source.counter('component_sent_event_bytes_total').increment(1000);
  const sink = metrics.componentMetrics({
    component_id: 'out',
    component_kind: 'sink',
    component_type: 'aws_kinesis_streams',
  });
  sink.counter('component_received_events_total').increment(10);
  sink.counter('component_received_event_bytes_total').increment(1000);
  sink.counter('component_sent_events_total').increment(7);
  sink.counter('component_errors_total', { error_type: 'request_failed', stage: 'sending' }).increment(2);
  sink.counter('component_errors_total', { error_type: 'throttled', stage: 'sending' }).increment(1);
  sink.counter('component_discarded_events_total', { intentional: 'true' }).increment(1);
  const memory = metrics.bufferMetrics('out', 0, 'memory');
  memory.gauge('buffer_size_events').set(2);
  memory.gauge('buffer_size_bytes').set(200);
  memory.gauge('buffer_max_size_events').set(500);
  const disk = metrics.bufferMetrics('out', 1, 'disk');
  disk.gauge('buffer_size_events').set(5);
  disk.gauge('buffer_max_size_bytes').set(268435488);
  return metrics;
}

describe('API', () => {
  it('GET /health: 200 {"ok":true} while running, 503 {"ok":false} once shutting down (HEAD too)', async () => {
    const state = { shuttingDown: false };
    const server = await serveHttp('127.0.0.1:0', apiRoutes(new MetricsRegistry(), state), 'api');
    try {
      const running = await fetch(`${server.url}/health`);
      expect(running.status).toBe(200);
      expect(running.headers.get('content-type')).toBe('application/json');
      expect(await running.text()).toBe('{"ok":true}');
      expect((await fetch(`${server.url}/health`, { method: 'HEAD' })).status).toBe(200);
      state.shuttingDown = true;
      const stopping = await fetch(`${server.url}/health`);
      expect(stopping.status).toBe(503);
      expect(await stopping.text()).toBe('{"ok":false}');
      expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('GET /components: per-component counters and buffer fill summed over the stages', async () => {
    const metrics = registryWithTraffic();
    const server = await serveHttp('127.0.0.1:0', apiRoutes(metrics, { shuttingDown: false }), 'api');
    try {
      const body = (await (await fetch(`${server.url}/components`)).json()) as {
        components: ReturnType<typeof componentsView>;
      };
      const byId = Object.fromEntries(body.components.map((component) => [component.id, component]));
      expect(byId.in).toMatchObject({ kind: 'source', type: 'socket', sent_events: 10, sent_bytes: 1000 });
      expect(byId.in?.buffer).toBeUndefined();
      expect(byId.out).toMatchObject({
        kind: 'sink',
        type: 'aws_kinesis_streams',
        received_events: 10,
        received_bytes: 1000,
        sent_events: 7,
        errors: 3,
        discarded_events: 1,
        buffer: { events: 7, bytes: 200, max_events: null },
      });
      expect(byId.out?.buffer?.stages.map((stage) => [stage.type, stage.events, stage.max_events])).toEqual([
        ['memory', 2, 500],
        ['disk', 5, null],
      ]);
      expect(await (await fetch(`${server.url}/metrics`)).text()).toContain('component_sent_events_total');
    } finally {
      await server.close();
    }
  });

  it('GET /components lists every running component, an idle one with zeros, and no removed one', async () => {
    const metrics = registryWithTraffic();
    const components = [
      { id: 'in', kind: 'source', type: 'socket' },
      { id: 'idle', kind: 'transform', type: 'remove_fields' },
      { id: 'out', kind: 'sink', type: 'aws_kinesis_streams' },
    ];
    const server = await serveHttp(
      '127.0.0.1:0',
      apiRoutes(metrics, { shuttingDown: false, components }),
      'api',
    );
    try {
      const body = (await (await fetch(`${server.url}/components`)).json()) as {
        components: ReturnType<typeof componentsView>;
      };
      expect(body.components.map((component) => component.id)).toEqual(['in', 'idle', 'out']);
      expect(body.components[1]).toEqual({
        id: 'idle',
        kind: 'transform',
        type: 'remove_fields',
        received_events: 0,
        received_bytes: 0,
        sent_events: 0,
        sent_bytes: 0,
        errors: 0,
        discarded_events: 0,
      });
      const withoutOut = componentsView(await metrics.samples(), components.slice(0, 2));
      expect(withoutOut.map((component) => component.id)).toEqual(['in', 'idle']);
    } finally {
      await server.close();
    }
  });

  it('[api]: defaults as Vector; the GraphQL options Vector 0.55 removed are refused, saying so; mistakes refused with their path', () => {
    const locate = () => 'sluice.toml';
    expect(apiOptionsOf(undefined, locate)).toEqual({ enabled: false, address: DEFAULT_API_ADDRESS });
    expect(DEFAULT_API_ADDRESS).toBe('127.0.0.1:8686');
    expect(apiOptionsOf({ enabled: true }, locate)).toEqual({ enabled: true, address: '127.0.0.1:8686' });
    const problems = (table: Record<string, unknown>) => {
      try {
        apiOptionsOf(table, locate);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems.map((problem) => `${problem.path}: ${problem.message}`);
      }
      return [];
    };
    expect(problems({ enabled: true, playground: false, graphql: true })).toEqual([
      'api.playground: was removed in Vector 0.55 with the GraphQL API (/playground), and current Vector refuses it; remove it',
      'api.graphql: was removed in Vector 0.55 with the GraphQL API (/graphql), and current Vector refuses it; remove it',
    ]);
    const message = problems({ enabled: 'yes', address: 'nowhere', port: 1 }).join('\n');
    expect(message).toMatch(/api\.port: unknown option/);
    expect(message).toMatch(/api\.enabled: must be true or false/);
    expect(message).toMatch(/api\.address: must be HOST:PORT/);
  });
});
