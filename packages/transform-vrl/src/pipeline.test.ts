import { memoryBufferDefinition } from '@sluice/buffer-memory';
import {
  attachFinalizer,
  createLogEvent,
  type DeliveryStatus,
  defineSink,
  defineSource,
  estimateByteSize,
  finalizeEvents,
  type LogEvent,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { ComponentRegistry, MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { RecordingLogger } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import transforms from './index.js';

/** What each test pipeline's source sent and learned, and what each sink got. */
const lines: string[] = [];
const statuses: DeliveryStatus[] = [];
const received = new Map<string, LogEvent[]>();

/** Sends `lines` as raw events (as the socket source: message, host, timestamp), one acknowledged batch. */
const linesSource = defineSource<Record<string, never>>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'test_lines',
  description: 'test lines',
  optionsSchema: { type: 'object' },
  create: () => ({
    async run(emit) {
      const batch = lines.map((message) =>
        createLogEvent({
          message,
          host: 'web-1',
          timestamp: new Date(Date.UTC(2026, 0, 2)),
          source_type: 'socket',
        }),
      );
      attachFinalizer(batch, (status) => statuses.push(status));
      await emit(batch);
    },
  }),
});

const recordingSink = defineSink<Record<string, never>>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'test_record',
  description: 'records',
  optionsSchema: { type: 'object' },
  create: (_options, context) => ({
    async run(input) {
      for await (const batch of input) {
        received.set(context.id, [...(received.get(context.id) ?? []), ...batch]);
        finalizeEvents(batch, 'delivered');
      }
    },
  }),
});

async function runPipeline(config: Record<string, unknown>, input: string[]) {
  lines.splice(0, lines.length, ...input);
  statuses.length = 0;
  received.clear();
  const registry = new ComponentRegistry();
  registry.register([linesSource, recordingSink, memoryBufferDefinition, ...transforms], 'test');
  const warnings: string[] = [];
  const plan = await planTopology(
    { acknowledgements: true, sources: { in: { type: 'test_lines' } }, ...config },
    { registry, warn: (message) => warnings.push(message) },
  );
  const metrics = new MetricsRegistry();
  const topology = await Topology.build(plan, { logger: new RecordingLogger(), metrics });
  await topology.run();
  const fields = (id: string) => (received.get(id) ?? []).map((event) => event.fields);
  return { fields, warnings, metrics: await metrics.render() };
}

const access = (status: number, path: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ status: String(status), path, password: 'x', ...extra });

describe('remap → route → filter, shaped like public Vector configs', () => {
  it('parses, cleans and levels each line, routes by level, filters health checks; every event acknowledged once', async () => {
    const { fields, warnings, metrics } = await runPipeline(
      {
        transforms: {
          parse_logs: {
            type: 'remap',
            inputs: ['in'],
            source: [
              '. = parse_json!(string!(.message))',
              'del(.password)',
              '.status = to_int(.status) ?? 0',
              'if .status >= 500 { .level = "error" } else if .status >= 400 { .level = "warn" } else { .level = "info" }',
            ].join('\n'),
          },
          route_by_level: {
            type: 'route',
            inputs: ['parse_logs'],
            route: { error: '.level == "error"', warn: { type: 'vrl', source: '.level == "warn"' } },
          },
          drop_health: {
            type: 'filter',
            inputs: ['route_by_level._unmatched'],
            condition: '.path != "/health"',
          },
        },
        sinks: {
          errors: { type: 'test_record', inputs: ['route_by_level.error'] },
          warnings: { type: 'test_record', inputs: ['route_by_level.warn'] },
          rest: { type: 'test_record', inputs: ['drop_health'] },
        },
      },
      [access(503, '/api'), access(404, '/missing'), access(200, '/health'), access(200, '/home')],
    );
    expect(warnings).toEqual([]);
    expect(fields('errors')).toEqual([{ status: 503, path: '/api', level: 'error' }]);
    expect(fields('warnings')).toEqual([{ status: 404, path: '/missing', level: 'warn' }]);
    expect(fields('rest')).toEqual([{ status: 200, path: '/home', level: 'info' }]);
    // One batch from the source: the filtered health check makes its outcome "dropped".
    expect(statuses).toEqual(['dropped']);
    expect(metrics).toMatch(
      /component_sent_events_total\{[^}]*component_id="route_by_level"[^}]*output="error"[^}]*\} 1/,
    );
    expect(metrics).toMatch(/component_discarded_events_total\{[^}]*component_id="drop_health"[^}]*\} 1/);
    // Bytes in are the source's estimate of each line; bytes out, the estimate of each parsed event.
    const bytesOf = (name: string, id: string) =>
      Number(new RegExp(`${name}\\{[^}]*component_id="${id}"[^}]*\\} (\\d+)`).exec(metrics)?.[1]);
    const sent = [
      { status: 503, path: '/api', level: 'error' },
      { status: 404, path: '/missing', level: 'warn' },
      { status: 200, path: '/health', level: 'info' },
      { status: 200, path: '/home', level: 'info' },
    ];
    const raw = [access(503, '/api'), access(404, '/missing'), access(200, '/health'), access(200, '/home')];
    const sizes = (maps: Record<string, unknown>[]) =>
      maps.reduce((total, fields) => total + estimateByteSize(fields as never), 0);
    expect(bytesOf('component_received_event_bytes_total', 'parse_logs')).toBe(
      sizes(
        raw.map(
          (message) =>
            createLogEvent({ message, host: 'web-1', timestamp: new Date(0), source_type: 'socket' }).fields,
        ),
      ),
    );
    expect(bytesOf('component_sent_event_bytes_total', 'parse_logs')).toBe(sizes(sent));
  });

  it('a line that is not JSON passes unchanged (the remap default); with reroute_dropped it goes to <id>.dropped, annotated', async () => {
    const passing = await runPipeline(
      {
        transforms: {
          parse: { type: 'remap', inputs: ['in'], source: '. = parse_json!(string!(.message))' },
        },
        sinks: { out: { type: 'test_record', inputs: ['parse'] } },
      },
      ['not json', '{"ok":true}'],
    );
    expect(passing.fields('out')).toEqual([
      {
        message: 'not json',
        host: 'web-1',
        timestamp: new Date(Date.UTC(2026, 0, 2)),
        source_type: 'socket',
      },
      { ok: true },
    ]);
    expect(statuses).toEqual(['delivered']);
    expect(passing.metrics).toMatch(
      /component_errors_total\{[^}]*component_id="parse"[^}]*error_type="conversion_failed"[^}]*\} 1/,
    );

    const rerouting = await runPipeline(
      {
        transforms: {
          parse: {
            type: 'remap',
            inputs: ['in'],
            drop_on_error: true,
            reroute_dropped: true,
            source: '. = parse_json!(string!(.message))',
          },
        },
        sinks: {
          out: { type: 'test_record', inputs: ['parse'] },
          failed: { type: 'test_record', inputs: ['parse.dropped'] },
        },
      },
      ['not json', '{"ok":true}'],
    );
    expect(rerouting.fields('out')).toEqual([{ ok: true }]);
    expect(rerouting.fields('failed')).toEqual([
      {
        message: 'not json',
        host: 'web-1',
        timestamp: new Date(Date.UTC(2026, 0, 2)),
        source_type: 'socket',
        metadata: {
          dropped: {
            reason: 'error',
            message:
              'function call error for "parse_json" at (4:34): unable to parse json: expected ident at line 1 column 2',
            component_id: 'parse',
            component_type: 'remap',
            component_kind: 'transform',
          },
        },
      },
    ]);
    expect(statuses).toEqual(['delivered']);
  });

  it('. = [..] makes several events through the pipeline; the source learns the outcome once all are delivered', async () => {
    const { fields } = await runPipeline(
      {
        transforms: {
          explode: {
            type: 'remap',
            inputs: ['in'],
            source: '. = map_values(split(string!(.message), ",")) -> |item| { {"item": item} }',
          },
        },
        sinks: { out: { type: 'test_record', inputs: ['explode'] } },
      },
      ['a,b,c', 'd'],
    );
    expect(fields('out')).toEqual([{ item: 'a' }, { item: 'b' }, { item: 'c' }, { item: 'd' }]);
    expect(statuses).toEqual(['delivered']);
  });

  it('an output nobody reads is warned of at start, as Vector, and its events are dropped', async () => {
    const { fields, warnings } = await runPipeline(
      {
        transforms: { split: { type: 'route', inputs: ['in'], route: { kept: '.message == "a"' } } },
        sinks: { out: { type: 'test_record', inputs: ['split.kept'] } },
      },
      ['a', 'b'],
    );
    expect(warnings).toEqual(['Transform "split._unmatched" has no consumers']);
    expect(fields('out').map((event) => event.message)).toEqual(['a']);
    expect(statuses).toEqual(['dropped']);
  });
});
