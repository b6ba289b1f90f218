import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './metrics.js';

describe('MetricsRegistry', () => {
  it('process metrics: CPU, memory, heap, event-loop lag, open handles, build_info and uptime', async () => {
    const metrics = new MetricsRegistry();
    metrics.collectProcessMetrics({ version: '1.2.3' });
    const text = await metrics.render();
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_active_handles_total',
    ])
      expect(text).toMatch(new RegExp(`^${name} \\d`, 'm'));
    expect(text).toContain(
      `build_info{version="1.2.3",node_version="${process.version}",arch="${process.arch}"} 1`,
    );
    const uptime = Number(/^uptime_seconds (\S+)$/m.exec(text)?.[1]);
    expect(uptime).toBeGreaterThanOrEqual(0);
  });

  it('samples(): every series with its labels, for JSON views', async () => {
    const metrics = new MetricsRegistry();
    metrics
      .componentMetrics({ component_id: 'a', component_kind: 'sink', component_type: 'blackhole' })
      .counter('component_received_events_total')
      .increment(3);
    metrics.globalMetrics().gauge('some_gauge').set(2);
    expect(await metrics.samples()).toContainEqual({
      name: 'component_received_events_total',
      type: 'counter',
      labels: { component_id: 'a', component_kind: 'sink', component_type: 'blackhole' },
      value: 3,
    });
    expect(await metrics.samples()).toContainEqual({
      name: 'some_gauge',
      type: 'gauge',
      labels: {},
      value: 2,
    });
  });
});
