import { EventEmitter } from 'node:events';
import { MetricsRegistry } from '@sluice/core-topology';
import { describe, expect, it } from 'vitest';
import { apiRoutes, type ComponentView } from './api.js';
import { serveHttp } from './http-server.js';
import type { Io } from './io.js';
import { formatBytes, formatCount, renderTable, runTop, sortColumnOf } from './top.js';

const component = (overrides: Partial<ComponentView>): ComponentView => ({
  id: 'out',
  kind: 'sink',
  type: 'aws_kinesis_streams',
  received_events: 0,
  received_bytes: 0,
  sent_events: 0,
  sent_bytes: 0,
  errors: 0,
  discarded_events: 0,
  ...overrides,
});

describe('sluice top', () => {
  it('renders per-component rates from two samples, counts, bytes and buffer fill, as a plain table', () => {
    const before = { at: 0, components: [component({ received_events: 1000, sent_events: 500 })] };
    const after = {
      at: 2000,
      components: [
        component({
          received_events: 3000,
          received_bytes: 3 * 1024 * 1024,
          sent_events: 2500,
          errors: 2,
          buffer: { events: 250, bytes: 0, max_events: 1000, max_bytes: null, stages: [] },
        }),
      ],
    };
    const text = renderTable(after, before, false);
    const [header, row] = text.split('\n');
    expect(header).toMatch(/^ID\s+KIND\s+TYPE\s+EVENTS IN\s+IN\/S\s+BYTES IN\s+EVENTS OUT\s+OUT\/S/);
    expect(row?.split(/\s{2,}/)).toEqual([
      'out',
      'sink',
      'aws_kinesis_streams',
      '3000',
      '1000',
      '3.0 MiB',
      '2500',
      '1000',
      '0 B',
      '2',
      '0',
      '250/1000 (25%)',
    ]);
    const escapeCharacter = String.fromCharCode(27);
    expect(text.includes(escapeCharacter)).toBe(false);
    expect(renderTable(after, before, true).includes(`${escapeCharacter}[`)).toBe(true);
    expect(renderTable(after, undefined, false).split('\n')[1]).toMatch(/aws_kinesis_streams\s+3000\s+-\s/);
    expect(formatCount(1_234_567)).toBe('1.23M');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });

  it("sorts by a column, numbers as numbers, text as text, ties by id; Vector's column names too", () => {
    const components = [
      component({ id: 'b', kind: 'source', type: 'socket', sent_events: 20 }),
      component({ id: 'a', kind: 'sink', type: 'aws_kinesis_streams', received_events: 9, sent_events: 100 }),
      component({ id: 'c', kind: 'transform', type: 'remove_fields', received_events: 10 }),
    ];
    const ids = (column: string, descending = false) =>
      renderTable({ at: 0, components }, undefined, false, {
        column: sortColumnOf(column) as number,
        descending,
      })
        .split('\n')
        .slice(1)
        .map((line) => line.split(' ')[0]);
    expect(ids('id')).toEqual(['a', 'b', 'c']);
    expect(ids('events in')).toEqual(['b', 'a', 'c']);
    expect(ids('EVENTS_OUT', true)).toEqual(['a', 'b', 'c']);
    expect(ids('Events In Total', true)).toEqual(['c', 'a', 'b']);
    expect(ids('kind')).toEqual(['a', 'b', 'c']);
    expect(sortColumnOf('memory used')).toBeUndefined();
  });

  it('--once (and any non-terminal) prints the table from a running API, and exits 1 when unreachable', async () => {
    const metrics = new MetricsRegistry();
    metrics
      .componentMetrics({ component_id: 'in', component_kind: 'source', component_type: 'socket' })
      .counter('component_sent_events_total')
      .increment(42);
    const server = await serveHttp('127.0.0.1:0', apiRoutes(metrics, { shuttingDown: false }), 'api');
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (text: string) => {
        stdout += text;
      },
      stderr: (text: string) => {
        stderr += text;
      },
      signals: new EventEmitter(),
    } as unknown as Io;
    try {
      expect(await runTop({ url: server.url, intervalMs: 1000, once: true, color: false, io })).toBe(0);
      expect(stdout).toMatch(/^in\s+source\s+socket\s+0\s+-\s+0 B\s+42\s/m);
    } finally {
      await server.close();
    }
    expect(await runTop({ url: server.url, intervalMs: 1000, once: true, color: false, io })).toBe(1);
    expect(stderr).toMatch(/cannot read http:\/\/127\.0\.0\.1:\d+/);
  });
});
