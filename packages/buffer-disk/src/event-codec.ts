import {
  type Batch,
  type FieldMap,
  type FieldValue,
  FloatValue,
  type LogEvent,
  NESTING_LIMIT,
  NestingLimitError,
  Timestamp,
} from '@sluice/component-api';

/**
 * The binary encoding of a record's events. JSON cost three times as much (a large string built,
 * encoded, decoded and parsed per record) and lost Dates; this writes each value straight into a
 * byte buffer and keeps every type, Dates included.
 *
 * Layout (little endian): `[key table offset u32]`, then per event `[byte size u32][flags u8][map]`,
 * then the key table `[count u32]` + `[length u32][UTF-8]` per key. Field names are written once per
 * record in the table and referenced by index, so decoding makes each name string once per record.
 * A map is `[entry count u32]` + `[key index u32][value]` per entry; a value is a tag byte and its
 * data: null, false, true, number (f64), Date (f64 milliseconds), string (`[length u32][UTF-8]`;
 * tagged ASCII when it is, which decodes faster), array (`[count u32][values]`) or map; a whole
 * float (f64), a Date with nanoseconds (f64 milliseconds, u32 nanoseconds below them) and an
 * integer beyond 2^53 (its decimal digits as a string) keep what a plain number or Date loses.
 * Tables and lists nest `NESTING_LIMIT` levels at most (the event's map is level 1), writing and
 * reading: deeper is a NestingLimitError, never a stack overflow.
 */
const Tag = {
  Null: 0,
  False: 1,
  True: 2,
  Number: 3,
  Date: 4,
  String: 5,
  Array: 6,
  Map: 7,
  AsciiString: 8,
  Float: 9,
  Timestamp: 10,
  BigInt: 11,
} as const;
type Tag = (typeof Tag)[keyof typeof Tag];

const STRUCTURED = 1;
const INITIAL_SCRATCH_BYTES = 1024 * 1024;
/** A scratch buffer grown past this (by a huge batch) is released before the next batch. */
const KEPT_SCRATCH_BYTES = 16 * 1024 * 1024;

/** Writes values at `offset`, growing the buffer as needed. */
class Writer {
  buffer = Buffer.allocUnsafe(INITIAL_SCRATCH_BYTES);
  offset = 0;
  readonly keys = new Map<string, number>();

  reserve(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }

  u8(value: number): void {
    this.reserve(1);
    this.buffer[this.offset++] = value;
  }

  u32(value: number): void {
    this.reserve(4);
    this.#u32At(value, this.offset);
    this.offset += 4;
  }

  /** Byte stores: cheaper than `writeUInt32LE` and its checks, and this runs for every field. */
  #u32At(value: number, at: number): void {
    const buffer = this.buffer;
    buffer[at] = value;
    buffer[at + 1] = value >>> 8;
    buffer[at + 2] = value >>> 16;
    buffer[at + 3] = value >>> 24;
  }

  tagged(tag: Tag, value: number): void {
    this.reserve(9);
    this.buffer[this.offset] = tag;
    this.buffer.writeDoubleLE(value, this.offset + 1);
    this.offset += 9;
  }

  /** A string value, tagged ASCII when its bytes are its characters (it then decodes faster). */
  taggedString(value: string): void {
    const tagAt = this.offset;
    this.u8(Tag.String);
    // As many bytes as UTF-16 units: every character is ASCII.
    if (this.string(value) === value.length) this.buffer[tagAt] = Tag.AsciiString;
  }

  /** `[length u32][UTF-8]`; returns the length in bytes. */
  string(value: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.reserve(4 + 3 * value.length);
    const length = this.buffer.write(value, this.offset + 4, 'utf8');
    this.#u32At(length, this.offset);
    this.offset += 4 + length;
    return length;
  }

  key(name: string): void {
    let index = this.keys.get(name);
    if (index === undefined) {
      index = this.keys.size;
      this.keys.set(name, index);
    }
    this.u32(index);
  }

  map(fields: FieldMap, level: number): void {
    if (level >= NESTING_LIMIT) throw new NestingLimitError('event');
    const countAt = this.offset;
    this.u32(0);
    let count = 0;
    for (const name in fields) {
      const value = fields[name];
      // As in JSON, an undefined field is left out.
      if (value === undefined) continue;
      this.key(name);
      this.value(value, level + 1);
      count += 1;
    }
    this.#u32At(count, countAt);
  }

  /** A value at `level` of its event (a table or list there is that deep). */
  value(value: FieldValue | undefined, level: number): void {
    if (typeof value === 'string') {
      this.taggedString(value);
    } else if (typeof value === 'number') {
      this.tagged(Tag.Number, value);
    } else if (typeof value === 'boolean') {
      this.u8(value ? Tag.True : Tag.False);
    } else if (value === null || value === undefined) {
      // As in JSON, an undefined array item becomes null.
      this.u8(Tag.Null);
    } else if (value instanceof Timestamp && value.submillisecondNanos !== 0) {
      this.tagged(Tag.Timestamp, value.getTime());
      this.u32(value.submillisecondNanos);
    } else if (value instanceof Date) {
      this.tagged(Tag.Date, value.getTime());
    } else if (value instanceof FloatValue) {
      this.tagged(Tag.Float, value.value);
    } else if (typeof value === 'bigint') {
      this.u8(Tag.BigInt);
      this.string(String(value));
    } else if (Array.isArray(value)) {
      if (level >= NESTING_LIMIT) throw new NestingLimitError('event');
      this.u8(Tag.Array);
      this.u32(value.length);
      for (const item of value) this.value(item, level + 1);
    } else {
      this.u8(Tag.Map);
      this.map(value as FieldMap, level);
    }
  }
}

/** Encodes batches into a scratch buffer of its own, reused from one batch to the next. */
export class EventEncoder {
  readonly #writer = new Writer();

  /**
   * The encoded events, preceded by `prefixBytes` bytes left for the caller (the record header). The
   * result is a view of the scratch buffer: valid until the next call.
   */
  encode(events: Batch, prefixBytes: number): Buffer {
    const writer = this.#writer;
    if (writer.buffer.length > KEPT_SCRATCH_BYTES) writer.buffer = Buffer.allocUnsafe(INITIAL_SCRATCH_BYTES);
    writer.offset = prefixBytes;
    writer.keys.clear();
    writer.u32(0);
    for (const event of events) {
      writer.u32(event.metadata.byteSize);
      writer.u8(event.metadata.structured ? STRUCTURED : 0);
      writer.map(event.fields, 1);
    }
    writer.buffer.writeUInt32LE(writer.offset - prefixBytes, prefixBytes);
    writer.u32(writer.keys.size);
    for (const name of writer.keys.keys()) writer.string(name);
    return writer.buffer.subarray(0, writer.offset);
  }
}

class Reader {
  offset: number;
  readonly keys: string[] = [];

  constructor(
    readonly buffer: Buffer,
    start: number,
  ) {
    this.offset = start;
  }

  u32(): number {
    const value = this.buffer.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }

  string(encoding: 'utf8' | 'latin1' = 'utf8'): string {
    const length = this.u32();
    const value = this.buffer.toString(encoding, this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  map(level: number): FieldMap {
    if (level >= NESTING_LIMIT) throw new NestingLimitError('a stored event');
    const fields: FieldMap = {};
    for (let count = this.u32(); count > 0; count--) {
      const name = this.keys[this.u32()];
      if (name === undefined) throw new RangeError('field name index out of range');
      // A field named `__proto__` (JSON.parse makes one) must stay a field, not become the prototype.
      if (name === '__proto__')
        Object.defineProperty(fields, name, {
          value: this.value(level + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else fields[name] = this.value(level + 1);
    }
    return fields;
  }

  value(level: number): FieldValue {
    const tag = this.buffer[this.offset++];
    switch (tag) {
      case Tag.AsciiString:
        return this.string('latin1');
      case Tag.String:
        return this.string();
      case Tag.Number:
        return this.double();
      case Tag.Date:
        return new Date(this.double());
      case Tag.Timestamp:
        return new Timestamp(this.double(), this.u32());
      case Tag.Float:
        return new FloatValue(this.double());
      case Tag.BigInt:
        return BigInt(this.string('latin1'));
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Array: {
        if (level >= NESTING_LIMIT) throw new NestingLimitError('a stored event');
        const items: FieldValue[] = [];
        for (let count = this.u32(); count > 0; count--) items.push(this.value(level + 1));
        return items;
      }
      case Tag.Map:
        return this.map(level);
      default:
        throw new RangeError(`unknown value tag ${tag}`);
    }
  }

  double(): number {
    const value = this.buffer.readDoubleLE(this.offset);
    this.offset += 8;
    return value;
  }
}

/** Decodes `count` events that `EventEncoder` wrote into `buffer` at `start`. */
export function decodeEvents(buffer: Buffer, start: number, count: number): LogEvent[] {
  const reader = new Reader(buffer, start);
  const eventsEnd = start + reader.u32();
  reader.offset = eventsEnd;
  for (let names = reader.u32(); names > 0; names--) reader.keys.push(reader.string());
  reader.offset = start + 4;
  const events: LogEvent[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const byteSize = reader.u32();
    const structured = ((reader.buffer[reader.offset++] as number) & STRUCTURED) !== 0;
    events[index] = readEvent(reader.map(1), structured, byteSize);
  }
  if (reader.offset !== eventsEnd) throw new RangeError('event data does not end where the key table starts');
  return events;
}

/**
 * An event handed out by the buffer. A literal of its own rather than `createLogEvent`: V8 decides per
 * allocation site whether objects are born in the old generation, and long-lived events made
 * elsewhere (a test's input, say) then had these short-lived ones promoted, quadrupling read time.
 */
export function readEvent(fields: FieldMap, structured: boolean, byteSize: number): LogEvent {
  return { fields, metadata: { structured, byteSize, finalizer: undefined } };
}
