import {
  createLogEvent,
  type FieldMap,
  type FieldValue,
  FloatValue,
  NestingLimitError,
  Timestamp,
} from '@sluice/component-api';
import { nestedFields } from '@sluice/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvents, EventEncoder } from './event-codec.js';

const PREFIX = 5;

function roundTrip(events: ReturnType<typeof createLogEvent>[]) {
  const encoded = new EventEncoder().encode(events, PREFIX);
  return decodeEvents(Buffer.from(encoded), PREFIX, events.length);
}

/** What JSON would keep of a value, with Dates kept as Dates: the codec's contract. */
function normalized(value: FieldValue | undefined): FieldValue {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(normalized);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return normalizedMap(value as FieldMap);
}

function normalizedMap(fields: FieldMap): FieldMap {
  // fromEntries defines own properties, `__proto__` included, as the codec does.
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, normalized(value)]),
  );
}

const fieldValue: fc.Arbitrary<FieldValue | undefined> = fc.letrec<{ value: FieldValue | undefined }>(
  (tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.string({ unit: 'grapheme' }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date(),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
      // Arrays holding undefined are inputs too (JSON made those items null; so does the codec).
    ) as fc.Arbitrary<FieldValue | undefined>,
  }),
).value;

describe('event codec', () => {
  it('round-trips any fields, flags and sizes (Dates stay Dates, undefined goes as in JSON)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            fields: fc.dictionary(fc.string(), fieldValue, { maxKeys: 6 }),
            structured: fc.boolean(),
            byteSize: fc.nat(),
          }),
          { maxLength: 8 },
        ),
        (inputs) => {
          const events = inputs.map((input) =>
            createLogEvent(input.fields, { structured: input.structured, byteSize: input.byteSize }),
          );
          const decoded = roundTrip(events);
          expect(decoded.map((event) => event.fields)).toEqual(
            inputs.map((input) => normalizedMap(input.fields)),
          );
          expect(decoded.map((event) => event.metadata)).toEqual(
            inputs.map((input) => ({
              structured: input.structured,
              byteSize: input.byteSize,
              finalizer: undefined,
            })),
          );
        },
      ),
    );
  });

  it('keeps every Date field a Date, an invalid one included, and numbers JSON cannot hold', () => {
    const [event] = roundTrip([
      createLogEvent({
        timestamp: new Date('2026-11-23T12:00:00.123Z'),
        nested: { at: [new Date(0)] },
        invalid: new Date(Number.NaN),
        numbers: [Number.NaN, Number.POSITIVE_INFINITY, -0],
      }),
    ]);
    const fields = event?.fields as FieldMap;
    expect(fields.timestamp).toEqual(new Date('2026-11-23T12:00:00.123Z'));
    expect((fields.nested as { at: Date[] }).at[0]).toBeInstanceOf(Date);
    expect(Number.isNaN((fields.invalid as Date).getTime())).toBe(true);
    expect(Object.is((fields.numbers as number[])[2], -0)).toBe(true);
    expect((fields.numbers as number[]).slice(0, 2)).toEqual([Number.NaN, Number.POSITIVE_INFINITY]);
  });

  it('keeps nanoseconds, whole floats and integers beyond 2^53 (what a number or a Date loses)', () => {
    const [event] = roundTrip([
      createLogEvent({
        timestamp: new Timestamp(Date.UTC(2026, 10, 23), 456_789),
        whole: new FloatValue(2),
        list: [9223372036854775807n, -9007199254740993n, new FloatValue(-0)],
      }),
    ]);
    const fields = event?.fields as FieldMap;
    expect(fields.timestamp).toBeInstanceOf(Timestamp);
    expect((fields.timestamp as Timestamp).getTime()).toBe(Date.UTC(2026, 10, 23));
    expect((fields.timestamp as Timestamp).submillisecondNanos).toBe(456_789);
    expect(fields.whole).toEqual(new FloatValue(2));
    expect(fields.whole).toBeInstanceOf(FloatValue);
    const [big, negative, zero] = fields.list as [bigint, bigint, FloatValue];
    expect([big, negative]).toEqual([9223372036854775807n, -9007199254740993n]);
    expect(Object.is(zero.value, -0)).toBe(true);
  });

  it('writes each field name once per batch and keeps batches apart when the encoder is reused', () => {
    const encoder = new EventEncoder();
    const many = Array.from({ length: 100 }, (_, index) =>
      createLogEvent({ message: `m${index}`, host: 'h' }),
    );
    const first = Buffer.from(encoder.encode(many, 0));
    expect(first.toString('latin1').split('message').length - 1).toBe(1);
    const second = Buffer.from(encoder.encode([createLogEvent({ other: 'x'.repeat(3_000_000) })], 0));
    expect(decodeEvents(first, 0, 100)[99]?.fields).toEqual({ message: 'm99', host: 'h' });
    expect(decodeEvents(second, 0, 1)[0]?.fields.other).toBe('x'.repeat(3_000_000));
  });

  it('keeps a field named __proto__ as a field', () => {
    const fields = JSON.parse('{"__proto__": {"polluted": true}, "message": "m"}') as FieldMap;
    const [event] = roundTrip([createLogEvent(fields)]);
    expect(Object.keys(event?.fields ?? {})).toEqual(['__proto__', 'message']);
    expect(Object.getPrototypeOf(event?.fields)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses data that is not an encoding instead of returning garbage', () => {
    const encoded = Buffer.from(new EventEncoder().encode([createLogEvent({ message: 'x' })], 0));
    const tagOffset = 4 + 4 + 1 + 4 + 4;
    encoded[tagOffset] = 99;
    expect(() => decodeEvents(encoded, 0, 1)).toThrow(/unknown value tag 99/);
  });
});

describe('nesting limit', () => {
  /** One event: `{ a: [[[…null…]]] }`, lists nested `levels` deep, as a hostile or damaged record could hold. */
  function nestedRecord(levels: number): Buffer {
    const parts: number[] = [];
    const u32 = (value: number) =>
      parts.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24);
    u32(0); // the key table's offset, patched below
    u32(64); // byte size
    parts.push(0); // flags
    u32(1); // one field
    u32(0); // key 0
    for (let level = 0; level < levels; level += 1) {
      parts.push(6); // a list
      u32(1); // of one item
    }
    parts.push(0); // null
    const keyTable = parts.length;
    u32(1);
    u32(1);
    parts.push('a'.charCodeAt(0));
    const buffer = Buffer.from(parts);
    buffer.writeUInt32LE(keyTable, 0);
    return buffer;
  }

  it('reading a record nested thousands deep throws a NestingLimitError, never a stack overflow', () => {
    expect(decodeEvents(nestedRecord(126), 0, 1)[0]?.fields).toBeDefined();
    expect(() => decodeEvents(nestedRecord(127), 0, 1)).toThrow(NestingLimitError);
    expect(() => decodeEvents(nestedRecord(50_000), 0, 1)).toThrow(NestingLimitError);
  });

  it('writing an event nested past the limit throws a NestingLimitError; 127 levels round-trip', () => {
    const encoder = new EventEncoder();
    expect(() => encoder.encode([createLogEvent(nestedFields(9000))], 0)).toThrow(NestingLimitError);
    const fine = encoder.encode([createLogEvent(nestedFields(127))], 0);
    expect(decodeEvents(fine, 0, 1)[0]?.fields).toEqual(nestedFields(127));
  });
});
