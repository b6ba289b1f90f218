import { createTestContext, nestedFields, nestedJson } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { createDecoder } from './decoding.js';
import { SourceDecoding } from './source-decoding.js';

const decode = (codec: Parameters<typeof createDecoder>[0], frame: string) => {
  const decoder = createDecoder(codec);
  if (decoder === undefined) throw new Error('bytes has no decoder');
  return decoder(frame);
};

describe('decoding codecs (Vector field names)', () => {
  it('bytes has no decoder: the sources keep the frame as the message (fast path)', () => {
    expect(createDecoder(undefined)).toBeUndefined();
    expect(createDecoder({ codec: 'bytes' })).toBeUndefined();
  });

  it('json: an object is an event, an array of objects is one event each, anything else an error', () => {
    expect(decode({ codec: 'json' }, '{"a":1,"b":{"c":"d"}}')).toEqual([{ a: 1, b: { c: 'd' } }]);
    expect(decode({ codec: 'json' }, '[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(decode({ codec: 'json' }, '"text"')).toBeInstanceOf(Error);
    expect(decode({ codec: 'json' }, '{"a":')).toBeInstanceOf(Error);
  });

  it('native_json: the log of {"log": {...}}', () => {
    expect(decode({ codec: 'native_json' }, '{"log":{"message":"hi","n":1}}')).toEqual([
      { message: 'hi', n: 1 },
    ]);
    expect(decode({ codec: 'native_json' }, '{"metric":{}}')).toBeInstanceOf(Error);
  });

  it('gelf: short_message becomes message, timestamp a date, _fields kept and _id dropped', () => {
    const frame = JSON.stringify({
      version: '1.1',
      host: 'example.org',
      short_message: 'A short message',
      full_message: 'Backtrace here',
      timestamp: 1385053862.3072,
      level: 1,
      _user_id: 9001,
      _id: 'dropped',
    });
    expect(decode({ codec: 'gelf' }, frame)).toEqual([
      {
        message: 'A short message',
        version: '1.1',
        host: 'example.org',
        full_message: 'Backtrace here',
        timestamp: new Date(1385053862307.2),
        level: 1,
        _user_id: 9001,
      },
    ]);
    const badField = JSON.stringify({ version: '1.1', host: 'h', short_message: 'm', user: 'x' });
    expect(decode({ codec: 'gelf' }, badField)).toBeInstanceOf(Error);
    expect(decode({ codec: 'gelf', gelf: { validation: 'relaxed' } }, badField)).toEqual([
      { message: 'm', version: '1.1', host: 'h', user: 'x' },
    ]);
  });

  it('syslog: RFC 5424 with structured data', () => {
    const line =
      '<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su 1234 ID47 [exampleSDID@32473 iut="3" eventSource="App"] BOM\'su root\' failed';
    expect(decode({ codec: 'syslog' }, line)).toEqual([
      {
        message: "BOM'su root' failed",
        timestamp: new Date('2003-10-11T22:14:15.003Z'),
        hostname: 'mymachine.example.com',
        severity: 'crit',
        facility: 'auth',
        version: 1,
        appname: 'su',
        procid: 1234,
        msgid: 'ID47',
        'exampleSDID@32473': { iut: '3', eventSource: 'App' },
      },
    ]);
  });

  it('syslog: RFC 3164', () => {
    const [fields] = decode(
      { codec: 'syslog' },
      '<13>Feb  5 17:32:18 10.0.0.99 myapp[77]: Use the BFG!',
    ) as Array<Record<string, unknown>>;
    expect(fields).toMatchObject({
      message: 'Use the BFG!',
      hostname: '10.0.0.99',
      severity: 'notice',
      facility: 'user',
      appname: 'myapp',
      procid: 77,
    });
    expect(fields?.timestamp).toBeInstanceOf(Date);
    expect((fields?.timestamp as Date | undefined)?.getUTCMonth()).toBe(1);
  });
});

describe('SourceDecoding', () => {
  it('adds the source fields where the codec did not set them, and marks the events structured', () => {
    const context = createTestContext({ id: 'in' });
    const decoding = new SourceDecoding({ decoding: { codec: 'json' } }, context);
    const timestamp = new Date(0);
    const events = decoding.toEvents(['{"message":"m","host":"mine"}'], {
      timestamp,
      source_type: 'socket',
      host: 'peer',
    });
    expect(events.map((event) => event.fields)).toEqual([
      { message: 'm', host: 'mine', timestamp, source_type: 'socket' },
    ]);
    expect(events[0]?.metadata.structured).toBe(true);
  });

  it('a frame the codec rejects is dropped, counted and logged once per interval', () => {
    const context = createTestContext({ id: 'in' });
    const decoding = new SourceDecoding({ decoding: { codec: 'json' } }, context);
    expect(decoding.toEvents(['not json', 'neither', '{"ok":true}'], {})).toHaveLength(1);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(2);
    expect(context.metrics.total('component_errors_total', { error_code: 'decoder_deserialize' })).toBe(2);
    expect(context.logger.find('failed deserializing', 'warn')).toHaveLength(1);
  });

  it('json.lossy = false: a frame of invalid UTF-8 is dropped and counted (Vector refuses it); lossy replaces', () => {
    const invalid = Buffer.concat([Buffer.from('{"m":"a'), Buffer.from([0xff]), Buffer.from('"}\n')]);
    const valid = Buffer.from('{"m":"\uFFFD real"}\n'); // a real U+FFFD is valid UTF-8
    const strictContext = createTestContext({ id: 'in' });
    const strict = new SourceDecoding({ decoding: { codec: 'json', json: { lossy: false } } }, strictContext);
    const framer = strict.newFramer();
    const framed = framer.push(Buffer.concat([invalid, valid]));
    strict.account(framed);
    expect(strict.toEvents(framed.lines, {}).map((event) => event.fields.m)).toEqual(['\uFFFD real']);
    expect(strictContext.metrics.total('component_errors_total', { error_code: 'decoder_deserialize' })).toBe(
      1,
    );
    expect(strictContext.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(strictContext.logger.find('invalid UTF-8', 'warn')).toHaveLength(1);

    const lossy = new SourceDecoding({ decoding: { codec: 'json' } }, createTestContext({ id: 'in' }));
    const lossyFramed = lossy.newFramer().push(invalid);
    expect(lossy.toEvents(lossyFramed.lines, {}).map((event) => event.fields.m)).toEqual(['a\uFFFD']);
  });

  it('lossy = false applies to every framing method', () => {
    const bad = Buffer.from([0x61, 0xc3]); // a cut-off two-byte sequence
    const framings = [
      { method: 'bytes' },
      { method: 'length_delimited' },
      { method: 'octet_counting' },
      { method: 'character_delimited', character_delimited: { delimiter: ';' } },
    ] as const;
    const frames: Record<string, Buffer> = {
      bytes: bad,
      length_delimited: Buffer.concat([Buffer.from([0, 0, 0, 2]), bad]),
      octet_counting: Buffer.concat([Buffer.from('2 '), bad]),
      character_delimited: Buffer.concat([bad, Buffer.from(';')]),
    };
    for (const framing of framings) {
      const decoding = new SourceDecoding(
        { framing, decoding: { codec: 'syslog', syslog: { lossy: false } } },
        createTestContext({ id: 'in' }),
      );
      const framed = decoding.newFramer().push(frames[framing.method] as Buffer);
      expect(framed.lines, framing.method).toEqual([]);
      expect(framed.invalidUtf8, framing.method).toBe(1);
    }
  });
});

describe('nesting limit (a poison frame: JSON nested thousands deep)', () => {
  it('json, native_json and gelf refuse 128 nested levels as serde_json does, and take 127', () => {
    expect(decode({ codec: 'json' }, nestedJson(127))).toEqual([nestedFields(127)]);
    for (const levels of [128, 5000, 100_000]) {
      const refused = decode({ codec: 'json' }, nestedJson(levels));
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toMatch(/recursion limit exceeded/);
    }
    // The exact-number parser (a whole float in the text) holds the same limit, without recursing.
    expect(decode({ codec: 'json' }, nestedJson(5000).replace('"bottom"', '2.0'))).toBeInstanceOf(Error);
    expect(decode({ codec: 'native_json' }, `{"log":${nestedJson(127)}}`)).toBeInstanceOf(Error);
    expect(decode({ codec: 'native_json' }, `{"log":${nestedJson(126)}}`)).toEqual([nestedFields(126)]);
    const gelf = (levels: number) =>
      `{"version":"1.1","host":"h","short_message":"m","_deep":${nestedJson(levels - 1)}}`;
    expect(decode({ codec: 'gelf' }, gelf(5000))).toBeInstanceOf(Error);
  });

  it('a source counts the refused frame as a decoding error and keeps the frames around it', () => {
    const context = createTestContext();
    const decoding = new SourceDecoding({ decoding: { codec: 'json' } }, context);
    const events = decoding.toEvents(['{"n":1}', nestedJson(5000), '{"n":2}'], {});
    expect(events.map((event) => event.fields.n)).toEqual([1, 2]);
    expect(context.metrics.total('component_errors_total', { error_code: 'decoder_deserialize' })).toBe(1);
    expect(context.metrics.total('component_discarded_events_total', { intentional: 'false' })).toBe(1);
  });
});
