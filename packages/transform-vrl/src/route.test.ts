import {
  attachFinalizer,
  type Batch,
  createLogEvent,
  type DeliveryStatus,
  finalizeEvents,
  type LogEvent,
  type OutputBatches,
} from '@sluice/component-api';
import { createTestContext, metricKey } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { type FilterOptions, filterTransform } from './filter.js';
import { type RouteOptions, routeTransform } from './route.js';

const events = (...levels: string[]) =>
  levels.map((level) => createLogEvent({ level, message: `a ${level} line` }));
const levels = (batch: readonly LogEvent[] | undefined) => (batch ?? []).map((event) => event.fields.level);

function filter(options: FilterOptions) {
  const context = createTestContext({ id: 'only_errors' });
  const transform = filterTransform.create(options, context) as { transform(batch: Batch): Batch };
  return { transform, context };
}

function route(options: Partial<RouteOptions>) {
  const context = createTestContext({ id: 'by_level' });
  const full = { reroute_unmatched: true, route: {}, ...options };
  const transform = routeTransform.create(full, context) as { transform(batch: Batch): OutputBatches };
  return { transform, context };
}

describe('filter', () => {
  it('passes the events that match; drops the others on purpose, counted, and their sources learn it', () => {
    const { transform, context } = filter({ condition: '.level == "error"' });
    const batch = events('info', 'error', 'debug');
    const statuses: DeliveryStatus[] = [];
    attachFinalizer(batch, (status) => statuses.push(status));
    const passed = transform.transform(batch);
    expect(levels(passed)).toEqual(['error']);
    expect(
      context.metrics.values.get(metricKey('component_discarded_events_total', { intentional: 'true' })),
    ).toBe(2);
    finalizeEvents(passed, 'delivered');
    expect(statuses).toEqual(['dropped']);
  });

  it('an event whose condition fails at runtime is dropped and the error counted (script_failed)', () => {
    const { transform, context } = filter({ condition: { type: 'vrl', source: 'to_int!(.level) > 1' } });
    expect(transform.transform(events('info'))).toEqual([]);
    expect(
      context.metrics.values.get(
        metricKey('component_errors_total', { error_type: 'script_failed', stage: 'processing' }),
      ),
    ).toBe(1);
    expect(context.logger.find('VRL condition execution failed.', 'error')).toHaveLength(1);
  });

  it('validate refuses a condition Vector refuses, at condition', () => {
    expect(filterTransform.validate?.({ condition: '.level' }, { dataDir: undefined })).toEqual([
      { path: 'condition', message: 'VRL conditions must return a boolean.' },
    ]);
  });
});

describe('route', () => {
  it('each event goes to every route it matches, and to _unmatched when none', () => {
    const { transform } = route({
      route: { errors: '.level == "error"', loud: '.level == "error" || .level == "warn"' },
    });
    const result = transform.transform(events('error', 'warn', 'info'));
    expect(result.default).toEqual([]);
    expect(levels(result.named.get('errors'))).toEqual(['error']);
    expect(levels(result.named.get('loud'))).toEqual(['error', 'warn']);
    expect(levels(result.named.get('_unmatched'))).toEqual(['info']);
  });

  it('an event in two routes is copied: each output has its own fields, and the source waits for both', () => {
    const { transform } = route({ route: { a: 'true', b: 'true' } });
    const batch = events('info');
    const statuses: DeliveryStatus[] = [];
    attachFinalizer(batch, (status) => statuses.push(status));
    const result = transform.transform(batch);
    const [first] = result.named.get('a') ?? [];
    const [second] = result.named.get('b') ?? [];
    expect(first?.fields).not.toBe(second?.fields);
    finalizeEvents([first as LogEvent], 'delivered');
    expect(statuses).toEqual([]);
    finalizeEvents([second as LogEvent], 'rejected');
    expect(statuses).toEqual(['rejected']);
  });

  it('reroute_unmatched false: the events that match no route are dropped, counted', () => {
    const { transform, context } = route({
      route: { errors: '.level == "error"' },
      reroute_unmatched: false,
    });
    const batch = events('info', 'error');
    const statuses: DeliveryStatus[] = [];
    attachFinalizer(batch, (status) => statuses.push(status));
    const result = transform.transform(batch);
    expect([...result.named.keys()]).toEqual(['errors']);
    expect(
      context.metrics.values.get(metricKey('component_discarded_events_total', { intentional: 'true' })),
    ).toBe(1);
    finalizeEvents(result.named.get('errors') ?? [], 'delivered');
    expect(statuses).toEqual(['dropped']);
  });

  it('declares its outputs: one per route, and _unmatched unless reroute_unmatched is false', () => {
    expect(routeTransform.outputs?.({ route: { a: 'true', b: 'true' }, reroute_unmatched: true })).toEqual({
      default: false,
      named: ['a', 'b', '_unmatched'],
    });
    expect(routeTransform.outputs?.({ route: { a: 'true' }, reroute_unmatched: false })).toEqual({
      default: false,
      named: ['a'],
    });
  });

  it('refuses the reserved name _unmatched and a bad condition, naming the route', () => {
    expect(
      routeTransform.validate?.(
        { route: { _unmatched: 'true', bad: { type: 'vrl', source: '.level' } }, reroute_unmatched: true },
        { dataDir: undefined },
      ),
    ).toEqual([
      { path: 'route._unmatched', message: 'cannot have a named output with reserved name: `_unmatched`' },
      { path: 'route.bad.source', message: 'VRL conditions must return a boolean.' },
    ]);
  });
});
