import { hostname } from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import { defineSource, type LogEvent } from '@sluice/component-api';
import { createTestContext, testSource } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { createStdinSource, type StdinOptions, stdinSource } from './stdin.js';

/** The stdin source reading a stream the suite writes to (each instance its own stream). */
const streams = new WeakMap<object, PassThrough>();
testSource(
  defineSource<StdinOptions>({
    ...stdinSource,
    create: (options, context) => {
      const stream = new PassThrough();
      const source = createStdinSource(options, () => stream, context);
      streams.set(source, stream);
      return source;
    },
  }),
  {
    options: { max_length: 102_400, host_key: 'host' },
    produce: async (count, source) => {
      const stream = streams.get(source) as PassThrough;
      // Lines in several writes, so a source that ignored backpressure would emit again.
      for (let index = 0; index < count; index += 1) stream.write(`line ${index}\n`);
    },
  },
);

async function read(chunks: Array<string | Buffer>, options: Partial<StdinOptions> = {}) {
  const context = createTestContext();
  const source = createStdinSource(
    { max_length: 102_400, host_key: 'host', ...options },
    () => Readable.from(chunks.map((chunk) => Buffer.from(chunk))),
    context,
  );
  const events: LogEvent[] = [];
  await source.run(async (batch) => void events.push(...batch), new AbortController().signal);
  return { events, context };
}

describe('stdin', () => {
  it("sets host to the machine's hostname, as Vector does", async () => {
    const { events } = await read(['line\n']);
    expect(events[0]?.fields).toMatchObject({ message: 'line', host: hostname(), source_type: 'stdin' });
  });

  it('decoding.codec = "json" gives structured events; a bad line is counted, not lost silently', async () => {
    const { events, context } = await read(['{"a":1}\n{oops\n{"a":2}'], { decoding: { codec: 'json' } });
    expect(events.map((event) => event.fields.a)).toEqual([1, 2]);
    expect(events[0]?.metadata.structured).toBe(true);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
  });

  it('framing.method = "octet_counting" frames syslog-style input', async () => {
    const { events } = await read(['5 hello3 ', 'abc'], { framing: { method: 'octet_counting' } });
    expect(events.map((event) => event.fields.message)).toEqual(['hello', 'abc']);
  });

  it('max_length drops longer lines (counted); framing.newline_delimited.max_length overrides it', async () => {
    const dropped = await read(['long line\nok\n'], { max_length: 5 });
    expect(dropped.events.map((event) => event.fields.message)).toEqual(['ok']);
    expect(dropped.context.metrics.total('component_discarded_events_total')).toBe(1);
    const kept = await read(['long line\nok\n'], {
      max_length: 5,
      framing: { newline_delimited: { max_length: 100 } },
    });
    expect(kept.events).toHaveLength(2);
  });
});
