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

  it('counters and gauges count between scrapes, every handle of a series adds to the same value', async () => {
    const metrics = new MetricsRegistry();
    const sink = metrics.componentMetrics({
      component_id: 'a',
      component_kind: 'sink',
      component_type: 'blackhole',
    });
    const sent = sink.counter('component_sent_events_total');
    const sentToo = sink.counter('component_sent_events_total');
    const size = metrics.bufferMetrics('a', 0, 'memory').gauge('buffer_size_events');
    sink.counter('component_errors_total', { error_type: 'request_failed', stage: 'sending' });
    const value = async (name: string) =>
      (await metrics.samples()).filter((sample) => sample.name === name).map((sample) => sample.value);

    sent.increment(3);
    sentToo.increment();
    size.set(10);
    size.increment(5);
    size.decrement(2);
    expect(await value('component_sent_events_total')).toEqual([4]);
    expect(await value('buffer_size_events')).toEqual([13]);
    // A series nobody wrote to is not shown, as in prom-client.
    expect(await value('component_errors_total')).toEqual([]);

    sent.increment(6);
    size.set(1);
    expect(await value('component_sent_events_total')).toEqual([10]);
    expect(await value('buffer_size_events')).toEqual([1]);
    expect(await metrics.render()).toMatch(
      /^component_sent_events_total\{component_id="a",component_kind="sink",component_type="blackhole"\} 10$/m,
    );
    expect(await value('component_sent_events_total')).toEqual([10]);
  });

  it('a counter refuses to go down or by a number that is not finite', () => {
    const counter = new MetricsRegistry().globalMetrics().counter('config_reloads_total');
    expect(() => counter.increment(-1)).toThrow(RangeError);
    expect(() => counter.increment(Number.NaN)).toThrow(RangeError);
    expect(() => counter.increment(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('component_errors_total always has an error_code label: the given one, else its error_type', async () => {
    const metrics = new MetricsRegistry();
    const sink = metrics.componentMetrics({
      component_id: 'k',
      component_kind: 'sink',
      component_type: 'console',
    });
    // The first series of the metric has no error_code: later ones must keep theirs all the same.
    sink.counter('component_errors_total', { error_type: 'io_failed', stage: 'sending' }).increment();
    sink
      .counter('component_errors_total', {
        error_code: 'encode_failed',
        error_type: 'encoder_failed',
        stage: 'sending',
      })
      .increment(2);
    const text = await metrics.render();
    expect(text).toContain(
      'component_errors_total{component_id="k",component_kind="sink",component_type="console",error_code="encode_failed",error_type="encoder_failed",stage="sending"} 2',
    );
    expect(text).toContain(
      'component_errors_total{component_id="k",component_kind="sink",component_type="console",error_code="io_failed",error_type="io_failed",stage="sending"} 1',
    );
  });
});
