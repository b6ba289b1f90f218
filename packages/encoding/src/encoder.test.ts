import { createLogEvent } from '@sluice/component-api';
import { nestedFields } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { EncodingError } from './codecs/errors.js';
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
    // Vector's paths may start with a dot.
    expect(createEncoder({ codec: 'json', except_fields: ['.other', '.nested'] }).encodeToString(event)).toBe(
      '{"message":"m"}',
    );
  });

  it('text: the message only, coerced to a string, empty when missing', () => {
    const encoder = createEncoder('text');
    expect(encoder.encode(createLogEvent({ message: 'plain', other: 1 })).toString()).toBe('plain');
    expect(encoder.encode(createLogEvent({ message: 42 })).toString()).toBe('42');
    expect(encoder.encode(createLogEvent({ message: { a: 1 } })).toString()).toBe('{"a":1}');
    expect(encoder.encode(createLogEvent({ other: 1 })).toString()).toBe('');
    // Vector's Value::coerce_to_bytes writes null as `<null>`.
    expect(encoder.encode(createLogEvent({ message: null })).toString()).toBe('<null>');
    expect(encoder.encode(createLogEvent({ message: 1.5e21 })).toString()).toBe('1500000000000000000000');
    expect(encoder.encode(createLogEvent({ message: { b: timestamp, a: 0.5 } })).toString()).toBe(
      '{"a":0.5,"b":"2026-11-23T10:00:00Z"}',
    );
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

  it('only_fields and except_fields naming the same field are refused, as Vector', () => {
    expect(() => createEncoder({ codec: 'json', only_fields: ['a', 'b'], except_fields: ['b'] })).toThrow(
      '`except_fields` and `only_fields` should be mutually exclusive',
    );
  });

  it('only_fields, except_fields and timestamp_format apply to every codec (Vector applies them before the codec)', () => {
    const event = createLogEvent({ message: 'm', at: timestamp, secret: 's' });
    expect(
      createEncoder({ codec: 'logfmt', except_fields: ['secret'], timestamp_format: 'unix' }).encodeToString(
        event,
      ),
    ).toBe('at=1795428000 message=m');
    expect(createEncoder({ codec: 'text', only_fields: ['at'] }).encodeToString(event)).toBe('');
    expect(
      createEncoder({ codec: 'csv', csv: { fields: ['at'] }, timestamp_format: 'unix_float' }).encodeToString(
        event,
      ),
    ).toBe('1795428000');
  });

  it('unix_float is an f64 in Vector: a whole second keeps its `.0` in JSON', () => {
    expect(
      createEncoder({ codec: 'json', timestamp_format: 'unix_float' }).encodeToString(
        createLogEvent({ timestamp }),
      ),
    ).toBe('{"timestamp":1795428000.0}');
  });

  it('json: numbers JSON.stringify writes otherwise are written as serde_json does', () => {
    const event = createLogEvent({ big: 1e19, huge: 1.5e300, small: 0.0000015, tiny: 1.5e-7, plain: 0.25 });
    expect(createEncoder('json').encodeToString(event)).toBe(
      '{"big":1e19,"huge":1.5e300,"plain":0.25,"small":1.5e-6,"tiny":1.5e-7}',
    );
  });

  describe("logfmt: Vector's bytes (VRL's encode_key_value tests and lib/codecs logfmt.rs)", () => {
    const logfmt = createEncoder({ codec: 'logfmt' });
    const encode = (fields: Record<string, unknown>) =>
      logfmt.encodeToString(createLogEvent(fields as never));

    it('serialize_logfmt, single and multiple elements', () => {
      expect(encode({ foo: 'bar' })).toBe('foo=bar');
      expect(encode({ lvl: 'info' })).toBe('lvl=info');
      expect(encode({ lvl: 'info', log_id: 12345 })).toBe('log_id=12345 lvl=info');
    });

    it('quotes strings with spaces, quotes and equal signs', () => {
      expect(encode({ lvl: 'info', msg: 'This is a log message' })).toBe(
        'lvl=info msg="This is a log message"',
      );
      expect(encode({ lvl: 'info', msg: '{"key":"value"}' })).toBe('lvl=info msg="{\\"key\\":\\"value\\"}"');
      expect(encode({ lvl: 'info', msg: '=' })).toBe('lvl=info msg="="');
    });

    it('flattens booleans: true is the bare key, false is left out', () => {
      expect(encode({ beta: true, prod: false, lvl: 'info', msg: 'This is a log message' })).toBe(
        'beta lvl=info msg="This is a log message"',
      );
    });

    it('escapes characters (string_with_characters_to_escape)', () => {
      expect(
        encode({
          lvl: 'info',
          msg: 'payload: {"code": 200}\\n',
          another_field: 'some\nfield\\and things',
          'space key': 'foo',
        }),
      ).toBe(
        'another_field="some\\\\nfield\\\\and things" lvl=info msg="payload: {\\"code\\": 200}\\\\n" "space key"=foo',
      );
    });

    it('flattens nested fields and lists (nested_fields)', () => {
      expect(
        encode({
          log: { file: { path: 'encode_key_value.rs' } },
          agent: { name: 'vector', id: 1234 },
          network: { ip: [127, 0, 0, 1], proto: 'tcp' },
          event: 'log',
        }),
      ).toBe(
        'agent.id=1234 agent.name=vector event=log log.file.path=encode_key_value.rs network.ip.0=127 network.ip.1=0 network.ip.2=0 network.ip.3=1 network.proto=tcp',
      );
    });

    it('writes null as null, floats and timestamps as Vector prints them, leaves empty tables out', () => {
      expect(encode({ a: null, b: 2.5, c: timestamp, d: {}, e: [], f: 1e21 })).toBe(
        'a=null b=2.5 c=2026-11-23T10:00:00Z f=1000000000000000000000',
      );
    });
  });

  describe("gelf: Vector's rules (lib/codecs/src/encoding/format/gelf.rs tests)", () => {
    const gelf = createEncoder({ codec: 'gelf' });
    const encode = (fields: Record<string, unknown>) => gelf.encodeToString(createLogEvent(fields as never));
    const base = { version: '1.1', host: 'example.org', short_message: 'Some message' };

    it('gelf_serializing_valid: the fields kept, keys sorted', () => {
      expect(
        encode({
          ...base,
          full_message: 'Even more message',
          facility: '',
          file: '/tmp/foobar',
          line: 1.5,
          level: 5,
        }),
      ).toBe(
        '{"facility":"","file":"/tmp/foobar","full_message":"Even more message","host":"example.org","level":5,"line":1.5,"short_message":"Some message","version":"1.1"}',
      );
    });

    it('gelf_serializing_coerced: `_` added to additional fields, message becomes short_message, version added', () => {
      expect(JSON.parse(encode({ ...base, noUnderScore: 0 }))._noUnderScore).toBe(0);
      expect(encode({ host: 'example.org', message: 'Some message', source_type: 'socket' })).toBe(
        '{"_source_type":"socket","host":"example.org","short_message":"Some message","version":"1.1"}',
      );
    });

    it('gelf_serializing_timestamp: a float with milliseconds, an integer without', () => {
      expect(encode({ ...base, timestamp: new Date(100) })).toContain('"timestamp":0.1');
      expect(encode({ ...base, timestamp: new Date(0) })).toContain('"timestamp":0,');
      expect(encode({ ...base, timestamp: new Date('2026-11-23T10:00:00Z') })).toContain(
        '"timestamp":1795428000,',
      );
    });

    it("gelf_serializing_invalid_error: each invalid event is an error with Vector's message", () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [
          { version: '1.1', short_message: 'Some message' },
          'LogEvent does not contain required field: "host"',
        ],
        [
          { host: 'example.org', version: '1.1' },
          'LogEvent does not contain required field: "short_message"',
        ],
        [
          { ...base, short_message: 0 },
          'LogEvent contains a value with an invalid type. field = "short_message" type = "integer" expected type = "UTF-8 string"',
        ],
        [{ ...base, level: '1' }, 'field = "level" type = "string" expected type = "integer"'],
        [{ ...base, line: '1.2' }, 'field = "line" type = "string" expected type = "number"'],
        [
          { ...base, 'invalid%field': 'foo' },
          `LogEvent contains field with invalid name not matching pattern '^[\\w\\.\\-@]*$': "invalid%field"`,
        ],
        [
          { ...base, _foobar: false },
          'field = "_foobar" type = "boolean" expected type = "string or number"',
        ],
        [{ ...base, _foobar: null }, 'field = "_foobar" type = "null" expected type = "string or number"'],
      ];
      for (const [fields, message] of cases) {
        expect(() => encode(fields)).toThrow(EncodingError);
        expect(() => encode(fields)).toThrow(message);
      }
    });
  });

  it('native_json: the event inside {"log": ...} (lib/codecs native_json.rs serialize_json)', () => {
    const encoder = createEncoder({ codec: 'native_json' });
    expect(encoder.encodeToString(createLogEvent({ foo: 'bar' }))).toBe('{"log":{"foo":"bar"}}');
    expect(encoder.encodeToString(createLogEvent({ z: 1, a: timestamp }))).toBe(
      '{"log":{"a":"2026-11-23T10:00:00Z","z":1}}',
    );
  });
});

describe('nesting limit: an event nested thousands deep (made by a plugin, never by a decoder)', () => {
  it('every codec refuses it with an EncodingError, never a stack overflow; 127 levels encode', () => {
    const deep = createLogEvent(nestedFields(5000), { structured: true });
    const fine = createLogEvent(nestedFields(127), { structured: true });
    for (const codec of ['json', 'text', 'logfmt', 'native_json', 'gelf', undefined] as const) {
      const encoder = createEncoder(codec === 'gelf' ? { codec } : codec);
      const message = codec === 'text' ? { ...deep, fields: { message: deep.fields.deep } } : deep;
      expect(() => encoder.encode(message), String(codec)).toThrow(EncodingError);
    }
    expect(() => createEncoder('json').encode(fine)).not.toThrow();
    expect(() => createEncoder({ codec: 'json', except_fields: ['x'] }).encode(deep)).toThrow(EncodingError);
  });
});
