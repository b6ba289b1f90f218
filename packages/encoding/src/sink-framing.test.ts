import { createLogEvent } from '@sluice/component-api';
import { nestedFields } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { EncodingError } from './codecs/errors.js';
import { createFramedEncoder } from './sink-framing.js';

const events = (...messages: string[]) => messages.map((message) => createLogEvent({ message }));

describe('createFramedEncoder (Vector framing of stream sinks)', () => {
  it('newline_delimited by default: "foo\\n" (NewlineDelimitedEncoder test encode_bytes)', () => {
    const framed = createFramedEncoder('text', undefined).encodeBatch(events('foo', 'bar'));
    expect(framed.bytes.toString()).toBe('foo\nbar\n');
    expect(framed.failed).toEqual([]);
  });

  it('character_delimited puts the delimiter after each event', () => {
    const framed = createFramedEncoder('text', {
      method: 'character_delimited',
      character_delimited: { delimiter: ',' },
    }).encodeBatch(events('a', 'b'));
    expect(framed.bytes.toString()).toBe('a,b,');
  });

  it('gelf defaults to a NUL after each event, as Graylog expects over TCP', () => {
    const event = createLogEvent({ host: 'h', message: 'm' });
    const framed = createFramedEncoder({ codec: 'gelf' }, undefined).encodeBatch([event]);
    expect(framed.bytes.toString()).toBe('{"host":"h","short_message":"m","version":"1.1"}\0');
  });

  it('length_delimited: "\\0\\0\\0\\x03abc" and "\\0\\x03abc" with a 2-byte field (Vector encode, encode_2byte_length)', () => {
    expect(
      createFramedEncoder('text', { method: 'length_delimited' }).encodeBatch(events('abc')).bytes,
    ).toEqual(Buffer.from('\0\0\0\x03abc', 'latin1'));
    expect(
      createFramedEncoder('text', {
        method: 'length_delimited',
        length_delimited: { length_field_length: 2 },
      }).encodeBatch(events('abc')).bytes,
    ).toEqual(Buffer.from('\0\x03abc', 'latin1'));
    expect(
      createFramedEncoder('text', {
        method: 'length_delimited',
        length_delimited: { length_field_length: 8, length_field_is_big_endian: false },
      }).encodeBatch(events('abc')).bytes,
    ).toEqual(Buffer.from('\x03\0\0\0\0\0\0\0abc', 'latin1'));
  });

  it('varint_length_delimited: a varint length before each event, nothing for an empty one', () => {
    const long = 'x'.repeat(300);
    const framed = createFramedEncoder('text', { method: 'varint_length_delimited' }).encodeBatch(
      events('abc', '', long),
    );
    expect(framed.bytes).toEqual(
      Buffer.concat([Buffer.from([3]), Buffer.from('abc'), Buffer.from([0xac, 0x02]), Buffer.from(long)]),
    );
  });

  it('bytes: the events back to back', () => {
    expect(
      createFramedEncoder('text', { method: 'bytes' }).encodeBatch(events('a', 'b')).bytes.toString(),
    ).toBe('ab');
  });

  it('an event the codec or the framer refuses is left out and returned; the others are written', () => {
    const gelf = createFramedEncoder({ codec: 'gelf' }, { method: 'newline_delimited' });
    const good = createLogEvent({ host: 'h', message: 'ok' });
    const noHost = createLogEvent({ message: 'no host' });
    const framed = gelf.encodeBatch([good, noHost, good]);
    expect(framed.bytes.toString()).toBe(
      '{"host":"h","short_message":"ok","version":"1.1"}\n{"host":"h","short_message":"ok","version":"1.1"}\n',
    );
    expect(framed.written).toEqual([good, good]);
    expect(framed.failed.map(({ event }) => event)).toEqual([noHost]);
    expect(framed.failed[0]?.error).toBeInstanceOf(EncodingError);

    const limited = createFramedEncoder('text', {
      method: 'length_delimited',
      length_delimited: { max_frame_length: 3 },
    }).encodeBatch(events('abcd', 'abc'));
    expect(limited.bytes).toEqual(Buffer.from('\0\0\0\x03abc', 'latin1'));
    expect(limited.failed[0]?.error.message).toContain('max_frame_length (3)');

    // varint's limit is framing.max_frame_length, at the top of the table, as in Vector.
    const varint = createFramedEncoder('text', { method: 'varint_length_delimited', max_frame_length: 2 });
    expect(varint.encodeBatch(events('abc', 'ab')).bytes).toEqual(Buffer.from([2, 0x61, 0x62]));
  });

  it('a batch with no failure is written whole (the batch itself, no copy)', () => {
    const batch = events('a');
    expect(createFramedEncoder('text', undefined).encodeBatch(batch).written).toBe(batch);
  });
});

describe('an event no codec can write', () => {
  it('fails alone: the events around it are framed and written', () => {
    const encoder = createFramedEncoder('json', undefined);
    const events = [
      createLogEvent({ message: 'a' }),
      createLogEvent(nestedFields(5000), { structured: true }),
      createLogEvent({ message: 'b' }),
    ];
    const { bytes, written, failed } = encoder.encodeBatch(events);
    expect(bytes.toString()).toBe('{"message":"a"}\n{"message":"b"}\n');
    expect(written).toEqual([events[0], events[2]]);
    expect(failed.map(({ event, error }) => [event, error.name])).toEqual([[events[1], 'EncodingError']]);
  });
});
