import { createTestContext } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { type DemoLogsOptions, demoLine, demoLogsSource } from './demo-logs.js';

const now = new Date(2026, 10, 3, 9, 5, 7, 123);
const base: DemoLogsOptions = { format: 'json', sequence: false, interval: 0 };
const line = (format: DemoLogsOptions['format'], random = Math.random) =>
  demoLine({ ...base, format }, 0, now, random);
const zone = (() => {
  const offset = -now.getTimezoneOffset();
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${String(Math.trunc(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
})();

describe("demo_logs formats (Vector's lib/fakedata)", () => {
  it('apache_common', () => {
    expect(line('apache_common')).toMatch(
      new RegExp(
        `^\\d+\\.\\d+\\.\\d+\\.\\d+ - [a-z_]+ \\[03/Nov/2026:09:05:07 \\${zone}\\] "[A-Z]+ /\\S* HTTP/\\d\\.\\d" \\d{3} \\d+$`,
      ),
    );
  });

  it('apache_error', () => {
    expect(line('apache_error')).toMatch(
      /^\[Tue Nov 03 09:05:07 2026\] \[[a-z_]+:[a-z0-9-]+\] \[pid \d+:tid\] \[client \d+\.\d+\.\d+\.\d+:\d+\] .+$/,
    );
  });

  it('syslog (RFC 5424) and its alias rfc5424', () => {
    for (const format of ['syslog', 'rfc5424'] as const)
      expect(line(format)).toMatch(
        /^<\d{1,3}>[12] 2026-11-03T09:05:07\.123(Z|[+-]\d\d:\d\d) [a-z]+\.[a-z]+ [a-z_]+ \d+ ID\d+ - .+$/,
      );
  });

  it('bsd_syslog (RFC 3164) and its alias rfc3164', () => {
    for (const format of ['bsd_syslog', 'rfc3164'] as const)
      expect(line(format)).toMatch(/^<\d{1,3}>Nov 03 09:05:07 [a-z]+\.[a-z]+ [a-z]+\[\d+\]: .+$/);
  });

  it('json: the fields and types of Vector (status is a string, bytes a number)', () => {
    const parsed = JSON.parse(line('json'));
    expect(Object.keys(parsed)).toEqual([
      'host',
      'user-identifier',
      'datetime',
      'method',
      'request',
      'protocol',
      'status',
      'bytes',
      'referer',
    ]);
    expect(parsed.datetime).toBe('03/Nov/2026:09:05:07');
    expect(typeof parsed.status).toBe('string');
    expect(typeof parsed.bytes).toBe('number');
  });

  it('shuffle picks lines at random; sequence prefixes the event number', () => {
    const options: DemoLogsOptions = { ...base, format: 'shuffle', lines: ['a', 'b'], sequence: true };
    expect(demoLine(options, 7, now, () => 0.9)).toBe('7 b');
    expect(demoLine({ ...options, sequence: false }, 7, now, () => 0)).toBe('a');
  });
});

describe('demo_logs events', () => {
  async function collect(options: Partial<DemoLogsOptions>) {
    const source = await demoLogsSource.create({ ...base, count: 3, ...options }, createTestContext());
    const events: Array<{ fields: Record<string, unknown>; structured: boolean }> = [];
    await source.run(async (batch) => {
      for (const event of batch) events.push({ fields: event.fields, structured: event.metadata.structured });
    }, new AbortController().signal);
    return events;
  }

  it('carry message, timestamp, source_type, service = "vector" and host = "localhost", as in Vector', async () => {
    const events = await collect({ format: 'shuffle', lines: ['x'] });
    expect(events).toHaveLength(3);
    expect(Object.keys(events[0]?.fields ?? {})).toEqual([
      'message',
      'timestamp',
      'source_type',
      'service',
      'host',
    ]);
    expect(events[0]?.fields).toMatchObject({
      message: 'x',
      source_type: 'demo_logs',
      service: 'vector',
      host: 'localhost',
    });
  });

  it('decoding.codec = "json" makes structured events of the json format', async () => {
    const events = await collect({ format: 'json', decoding: { codec: 'json' } });
    expect(events[0]?.structured).toBe(true);
    expect(events[0]?.fields).toMatchObject({ service: 'vector', source_type: 'demo_logs' });
    expect(events[0]?.fields).toHaveProperty('user-identifier');
    // The generated line's own host wins over the source's "localhost" (insert if empty).
    expect(events[0]?.fields.host).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('framing splits each generated line', async () => {
    const events = await collect({
      format: 'shuffle',
      lines: ['a,b'],
      count: 2,
      framing: { method: 'character_delimited', character_delimited: { delimiter: ',' } },
    });
    expect(events.map((event) => event.fields.message)).toEqual(['a', 'b', 'a', 'b']);
  });
});
