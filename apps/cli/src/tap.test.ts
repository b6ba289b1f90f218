import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { createLogEvent, silentLogger } from '@sluice/component-api';
import { MetricsRegistry, Taps } from '@sluice/core-topology';
import { describe, expect, it } from 'vitest';
import { apiRoutes, MAX_TAP_BUFFERED_BYTES, MAX_TAP_CLIENTS, type TapLine, tapClient } from './api.js';
import { serveHttp } from './http-server.js';
import type { Io } from './io.js';
import { formatTapLine, formatTapText, runTap, tapUrl } from './tap.js';

const event = (message: string) => createLogEvent({ message });

/** Reads NDJSON lines from `/tap` until `count` arrived. */
async function readLines(response: Response, count: number): Promise<TapLine[]> {
  const lines: TapLine[] = [];
  let pending = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body as ReadableStream<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.map((line) => JSON.parse(line) as TapLine));
    if (lines.length >= count) break;
  }
  return lines;
}

describe('GET /tap', () => {
  it('streams at most `limit` events per interval of the matching outputs, as NDJSON', async () => {
    const taps = new Taps();
    const metrics = new MetricsRegistry();
    const server = await serveHttp(
      '127.0.0.1:0',
      apiRoutes(metrics, { shuttingDown: false }, { taps, logger: silentLogger }),
      'api',
    );
    try {
      expect(taps.active).toBe(false);
      // A long interval: one window for the whole test, so the limit alone decides.
      const response = await fetch(`${server.url}/tap?outputs_of=par*&limit=2&interval_ms=600000`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/x-ndjson');
      expect(taps.active).toBe(true);
      taps.publish('other', [], [event('not tapped')]);
      taps.publish('parse', ['out'], [event('one'), event('two'), event('three')]);
      taps.publish('parse', ['out'], [event('four')]);
      const lines = await readLines(response, 2);
      expect(lines).toEqual([
        { component_id: 'parse', event: { message: 'one' } },
        { component_id: 'parse', event: { message: 'two' } },
      ]);
    } finally {
      await server.close();
    }
  });

  it('taps the inputs of a component: the outputs feeding it', async () => {
    const taps = new Taps();
    const server = await serveHttp(
      '127.0.0.1:0',
      apiRoutes(new MetricsRegistry(), { shuttingDown: false }, { taps, logger: silentLogger }),
      'api',
    );
    try {
      const response = await fetch(`${server.url}/tap?inputs_of=sink`);
      taps.publish('elsewhere', ['other'], [event('no')]);
      taps.publish('source', ['sink'], [event('yes')]);
      expect(await readLines(response, 1)).toEqual([{ component_id: 'source', event: { message: 'yes' } }]);
    } finally {
      await server.close();
    }
  });

  it("says which patterns match nothing (Vector's notices), before any event", async () => {
    const taps = new Taps();
    const components = [
      { id: 'in', kind: 'source', type: 'socket' },
      { id: 'parse', kind: 'transform', type: 'parse_json' },
      { id: 'out', kind: 'sink', type: 'blackhole' },
    ];
    const server = await serveHttp(
      '127.0.0.1:0',
      apiRoutes(new MetricsRegistry(), { shuttingDown: false, components }, { taps, logger: silentLogger }),
      'api',
    );
    let stderr = '';
    const signals = new EventEmitter();
    const io: Io = {
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
        if (stderr.includes("'out'")) signals.emit('SIGINT');
      },
      environment: {},
      cwd: process.cwd(),
      signals,
      exit: () => {},
    };
    try {
      const code = await runTap({
        url: server.url,
        patterns: ['par*', 'nope'],
        outputsOf: ['out'],
        inputsOf: ['out'],
        limit: 10,
        interval: 500,
        format: 'json',
        io,
      });
      expect(code).toBe(0);
      expect(stderr.split('\n').filter((line) => line.startsWith('[tap] Pattern'))).toEqual([
        "[tap] Pattern 'par*' successfully matched.",
        "[tap] Pattern 'nope' failed to match: will retry on configuration reload.",
        // A sink has no outputs to tap: its inputs, yes.
        "[tap] Pattern 'out' failed to match: will retry on configuration reload.",
        "[tap] Pattern 'out' successfully matched.",
      ]);
    } finally {
      await server.close();
    }
  });

  it('refuses a bad limit', async () => {
    const server = await serveHttp(
      '127.0.0.1:0',
      apiRoutes(new MetricsRegistry(), { shuttingDown: false }),
      'api',
    );
    try {
      expect((await fetch(`${server.url}/tap?limit=0`)).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});

describe('Taps', () => {
  it('samples per window and counts what the client could not take', () => {
    let time = 0;
    const taps = new Taps();
    const got: string[] = [];
    const tap = taps.open({
      outputsOf: ['a'],
      inputsOf: [],
      limit: 1,
      intervalMs: 100,
      now: () => time,
      deliver: (_id, copy) => {
        if (got.length >= 2) return false;
        got.push(copy.fields.message as string);
        return true;
      },
    });
    taps.publish('a', [], [event('1'), event('skipped')]);
    time = 100;
    taps.publish('a', [], [event('2')]);
    time = 200;
    taps.publish('a', [], [event('3')]);
    expect(got).toEqual(['1', '2']);
    expect(tap?.dropped).toBe(1);
    tap?.close();
    expect(taps.active).toBe(false);
  });
});

describe('tap clients are capped (issue 24, item 15)', () => {
  it('at most MAX_TAP_CLIENTS at once: one more is refused with 503, and a closed one frees its place', async () => {
    const taps = new Taps();
    const server = await serveHttp(
      '127.0.0.1:0',
      apiRoutes(new MetricsRegistry(), { shuttingDown: false }, { taps, logger: silentLogger }),
      'api',
    );
    const controllers: AbortController[] = [];
    try {
      for (let index = 0; index < MAX_TAP_CLIENTS; index += 1) {
        const controller = new AbortController();
        controllers.push(controller);
        expect((await fetch(`${server.url}/tap`, { signal: controller.signal })).status).toBe(200);
      }
      const refused = await fetch(`${server.url}/tap`);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toEqual({ error: `too many tap clients (at most ${MAX_TAP_CLIENTS})` });
      controllers.pop()?.abort();
      for (;;) {
        const again = await fetch(`${server.url}/tap`);
        if (again.status === 200) break;
        await again.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      for (const controller of controllers) controller.abort();
      await server.close();
    }
  });

  it('a client that never reads holds at most MAX_TAP_BUFFERED_BYTES; the rest is dropped before it is even copied', () => {
    const stalled = new Writable({ highWaterMark: 16 * 1024, write() {} });
    const dropped = {
      count: 0,
      increment(by = 1) {
        dropped.count += by;
      },
    };
    const client = tapClient(stalled, dropped);
    const taps = new Taps();
    taps.open({ outputsOf: ['*'], inputsOf: [], limit: 10_000, intervalMs: 600_000, ...client });
    const large = createLogEvent({ message: 'x'.repeat(100 * 1024) });
    for (let batch = 0; batch < 20; batch += 1) taps.publish('in', [], [large, large, large]);
    expect(stalled.writableLength).toBeLessThanOrEqual(MAX_TAP_BUFFERED_BYTES);
    expect(dropped.count).toBeGreaterThan(50);
    // One line larger than the whole allowance is dropped, never written.
    const fresh = new Writable({ write() {} });
    const oneClient = tapClient(fresh, dropped);
    expect(oneClient.deliver('in', createLogEvent({ message: 'y'.repeat(MAX_TAP_BUFFERED_BYTES) }))).toBe(
      false,
    );
    expect(fresh.writableLength).toBe(0);
  });
});

describe('sluice tap output', () => {
  const line: TapLine = {
    component_id: 'parse',
    event: { message: 'a b', level: 'info', http: { status: 200 } },
  };
  it('prints json, yaml or logfmt, with --meta the component id', () => {
    expect(formatTapLine(line, 'json', false)).toBe('{"message":"a b","level":"info","http":{"status":200}}');
    expect(formatTapLine(line, 'json', true)).toBe(JSON.stringify(line));
    // The JSON the instance wrote is printed as it is: a parse would lose 2.0 and big integers.
    const text = '{"component_id":"in\\",\\"event\\":","event":{"f":2.0,"i":9223372036854775807}}';
    expect(formatTapText(text, 'json', false)).toBe('{"f":2.0,"i":9223372036854775807}');
    expect(formatTapText(text, 'json', true)).toBe(text);
    expect(formatTapText(text, 'logfmt', false)).toBe('f=2 i=9223372036854776000');
    expect(formatTapLine(line, 'logfmt', false)).toBe('message="a b" level=info http.status=200');
    expect(formatTapLine(line, 'yaml', false)).toBe('---\nmessage: a b\nlevel: info\nhttp:\n  status: 200');
  });
  it('asks for positional and --outputs-of patterns as outputs_of', () => {
    const url = new URL(
      tapUrl({
        url: 'http://127.0.0.1:8686/',
        patterns: ['a'],
        outputsOf: ['b*'],
        inputsOf: ['c'],
        limit: 5,
        interval: 50,
      }),
    );
    expect(url.pathname).toBe('/tap');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      outputs_of: 'a,b*',
      inputs_of: 'c',
      limit: '5',
      interval_ms: '50',
    });
  });
});
