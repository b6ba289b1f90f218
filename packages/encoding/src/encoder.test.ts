import { createLogEvent } from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import { createEncoder } from './encoder.js';

const timestamp = new Date('2026-11-23T10:00:00.000Z');
const line = '{"level":"info","user":"ada"}';

function socketEvent(message: string) {
  return createLogEvent({ message, timestamp, source_type: 'socket', host: '127.0.0.1' });
}

describe('createEncoder', () => {
  it('dynamic: an unstructured event goes out as its message, byte for byte (the seed: tcp → kinesis)', () => {
    const encoder = createEncoder(undefined);
    expect(encoder.encode(socketEvent(line)).toString()).toBe(line);
    expect(encoder.encode(socketEvent('héllo wörld')).equals(Buffer.from('héllo wörld'))).toBe(true);
  });

  it('dynamic: a structured (parsed) event goes out as JSON', () => {
    const encoder = createEncoder(undefined);
    const parsed = createLogEvent({ level: 'info', user: 'ada', timestamp }, { structured: true });
    expect(JSON.parse(encoder.encode(parsed).toString())).toEqual({
      level: 'info',
      user: 'ada',
      timestamp: '2026-11-23T10:00:00Z', // Vector's form of a whole second
    });
  });

  it('json: the whole event, dates as RFC 3339, in both config forms', () => {
    for (const config of ['json', { codec: 'json' }] as const) {
      const encoded = JSON.parse(createEncoder(config).encode(socketEvent('hi')).toString());
      expect(encoded).toEqual({
        message: 'hi',
        timestamp: '2026-11-23T10:00:00Z', // Vector's form of a whole second
        source_type: 'socket',
        host: '127.0.0.1',
      });
    }
  });

  it('json: timestamp_format unix writes seconds', () => {
    const encoder = createEncoder({ codec: 'json', timestamp_format: 'unix' });
    expect(JSON.parse(encoder.encode(socketEvent('hi')).toString()).timestamp).toBe(
      timestamp.getTime() / 1000,
    );
  });

  it('json: only_fields and except_fields select dotted paths without touching the event', () => {
    const event = createLogEvent({ message: 'm', nested: { keep: 1, drop: 2 }, other: true });
    expect(
      JSON.parse(
        createEncoder({ codec: 'json', only_fields: ['nested.keep', 'message'] })
          .encode(event)
          .toString(),
      ),
    ).toEqual({
      nested: { keep: 1 },
      message: 'm',
    });
    expect(
      JSON.parse(
        createEncoder({ codec: 'json', except_fields: ['nested.drop', 'other'] })
          .encode(event)
          .toString(),
      ),
    ).toEqual({
      message: 'm',
      nested: { keep: 1 },
    });
    expect(event.fields).toEqual({ message: 'm', nested: { keep: 1, drop: 2 }, other: true });
  });

  it('text: the message only, coerced to a string, empty when missing', () => {
    const encoder = createEncoder('text');
    expect(encoder.encode(createLogEvent({ message: 'plain', other: 1 })).toString()).toBe('plain');
    expect(encoder.encode(createLogEvent({ message: 42 })).toString()).toBe('42');
    expect(encoder.encode(createLogEvent({ message: { a: 1 } })).toString()).toBe('{"a":1}');
    expect(encoder.encode(createLogEvent({ other: 1 })).toString()).toBe('');
    expect(encoder.encode(createLogEvent({ message: null })).toString()).toBe('');
    expect(encoder.encode(createLogEvent({ message: 'x' }, { structured: true })).toString()).toBe('x');
  });

  it('encodes to a string whose UTF-8 bytes are what encode returns, for every codec', () => {
    const event = createLogEvent({ message: 'héllo', n: 1 }, { structured: true });
    for (const codec of ['json', 'text', undefined] as const) {
      const encoder = createEncoder(codec);
      expect(Buffer.from(encoder.encodeToString(event)).equals(encoder.encode(event))).toBe(true);
    }
    expect(createEncoder('json').encodeToString(event)).toBe('{"message":"héllo","n":1}');
  });

  it('encodes batches in order', () => {
    const encoded = createEncoder('text').encodeBatch([socketEvent('a'), socketEvent('b')]);
    expect(encoded.map(String)).toEqual(['a', 'b']);
  });

  it("timestamp_format: Vector's forms (unix is whole seconds; ns exact beyond 2^53)", () => {
    const at = new Date('2026-11-23T10:00:00.123Z');
    const event = createLogEvent({ timestamp: at, nested: { another: at } });
    const expected: Record<string, string> = {
      rfc3339: '"2026-11-23T10:00:00.123Z"',
      unix: '1795428000',
      unix_ms: '1795428000123',
      unix_us: '1795428000123000',
      unix_ns: '1795428000123000000',
      unix_float: '1795428000.123',
    };
    for (const [format, value] of Object.entries(expected)) {
      const encoder = createEncoder({ codec: 'json', timestamp_format: format as never });
      expect(encoder.encodeToString(event), format).toBe(
        `{"nested":{"another":${value}},"timestamp":${value}}`,
      );
    }
    const beforeEpoch = createLogEvent({ timestamp: new Date(-500) });
    expect(createEncoder({ codec: 'json', timestamp_format: 'unix' }).encodeToString(beforeEpoch)).toBe(
      '{"timestamp":-1}',
    );
    expect(createEncoder({ codec: 'json', timestamp_format: 'unix_ns' }).encodeToString(beforeEpoch)).toBe(
      '{"timestamp":-500000000}',
    );
    // A string that looks like the marker stays a string.
    const lookalike = createLogEvent({ message: '\u0000x:5', timestamp: at });
    expect(createEncoder({ codec: 'json', timestamp_format: 'unix_ns' }).encodeToString(lookalike)).toBe(
      '{"message":"\\u0000x:5","timestamp":1795428000123000000}',
    );
  });

  it("json.pretty: Vector's pretty form (its test serialize_json_log in lib/codecs json.rs)", () => {
    const encoder = createEncoder({ codec: 'json', json: { pretty: true } });
    const event = createLogEvent({ a: '0', x: '23', z: 25 });
    expect(encoder.encodeToString(event)).toBe('{\n  "a": "0",\n  "x": "23",\n  "z": 25\n}');
  });

  it('raw_message writes the message, as text', () => {
    expect(createEncoder({ codec: 'raw_message' }).encodeToString(socketEvent('raw line'))).toBe('raw line');
    expect(createEncoder('raw_message').encodeToString(socketEvent('raw line'))).toBe('raw line');
  });

  it("json: Vector's bytes for the same event (keys sorted, whole seconds without a fraction)", () => {
    // Vector's src/sinks/elasticsearch/tests.rs: LogEvent::from("hello there") with a timestamp of
    // 2020-12-01T01:02:03Z and my_field = "1337" is written as below.
    const event = createLogEvent({
      message: 'hello there',
      timestamp: new Date(Date.UTC(2020, 11, 1, 1, 2, 3)),
      my_field: '1337',
    });
    expect(createEncoder('json').encodeToString(event)).toBe(
      '{"message":"hello there","my_field":"1337","timestamp":"2020-12-01T01:02:03Z"}',
    );
    // Nested tables sorted too, lists kept in order, milliseconds kept (Vector keeps nanoseconds).
    const nested = createLogEvent({
      z: { b: [3, { y: 1, x: 2 }], a: null },
      a: new Date(Date.UTC(2020, 0, 1, 0, 0, 0, 120)),
    });
    expect(createEncoder('json').encodeToString(nested)).toBe(
      '{"a":"2020-01-01T00:00:00.120Z","z":{"a":null,"b":[3,{"x":2,"y":1}]}}',
    );
  });

  it("csv: Vector's bytes (its test serialize_fields in lib/codecs csv.rs)", () => {
    const event = createLogEvent({
      foo: 'bar',
      int: 123,
      comma: 'abc,bcd',
      float: 3.1415925,
      space: 'sp ace',
      time: new Date('2023-02-27T15:04:49.363+08:00'),
      quote: 'the "quote" should be escaped',
      bool: true,
      other: 'data',
    });
    const fields = ['foo', 'int', 'comma', 'float', 'missing', 'space', 'time', 'quote', 'bool'];
    expect(createEncoder({ codec: 'csv', csv: { fields } }).encodeToString(event)).toBe(
      'bar,123,"abc,bcd",3.1415925,,sp ace,2023-02-27T07:04:49.363Z,"the ""quote"" should be escaped",true',
    );
    expect(
      createEncoder({
        codec: 'csv',
        csv: { fields: ['foo', 'quote'], delimiter: ';', quote_style: 'always' },
      }).encodeToString(event),
    ).toBe('"bar";"the ""quote"" should be escaped"');
    expect(
      createEncoder({
        codec: 'csv',
        csv: { fields: ['quote'], double_quote: false, escape: '\\' },
      }).encodeToString(event),
    ).toBe('"the \\"quote\\" should be escaped"');
    expect(() => createEncoder({ codec: 'csv', csv: { fields: [] } })).toThrow('at least one field');
  });
});
