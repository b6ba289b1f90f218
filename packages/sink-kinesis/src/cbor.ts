/**
 * The little of CBOR (RFC 8949) the sink writes and reads itself: the PutRecords body, and the one
 * number of a successful response it needs. Anything else is decoded by the SDK's own CBOR codec.
 */
import { cbor } from '@smithy/core/cbor';

const MAJOR_UNSIGNED = 0;
const MAJOR_BYTES = 2;
const MAJOR_TEXT = 3;
const MAJOR_ARRAY = 4;
const MAJOR_MAP = 5;
const MAJOR_TAG = 6;
const INDEFINITE = 31;
const BREAK = 0xff;

/** Bytes of the header of an item of `length` (a string's bytes, an array's items…). */
export function headerBytes(length: number): number {
  if (length < 24) return 1;
  if (length < 0x100) return 2;
  if (length < 0x10000) return 3;
  return 5;
}

/** Writes the header of a `major` item of `length` at `offset`; returns the offset after it. */
export function writeHeader(target: Buffer, offset: number, major: number, length: number): number {
  const type = major << 5;
  if (length < 24) {
    target[offset] = type | length;
    return offset + 1;
  }
  if (length < 0x100) {
    target[offset] = type | 24;
    target[offset + 1] = length;
    return offset + 2;
  }
  if (length < 0x10000) {
    target[offset] = type | 25;
    target.writeUInt16BE(length, offset + 1);
    return offset + 3;
  }
  target[offset] = type | 26;
  target.writeUInt32BE(length, offset + 1);
  return offset + 5;
}

/** A text string item, header and UTF-8 bytes. */
export function textItem(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const item = Buffer.allocUnsafe(headerBytes(length) + length);
  item.write(text, writeHeader(item, 0, MAJOR_TEXT, length), 'utf8');
  return item;
}

export const CBOR_MAJOR = { bytes: MAJOR_BYTES, text: MAJOR_TEXT, array: MAJOR_ARRAY, map: MAJOR_MAP };

interface Header {
  major: number;
  /** The argument: a length, a count, a number; -1 when indefinite. */
  argument: number;
  /** Where the item's content (or next item) starts. */
  next: number;
}

function readHeader(source: Buffer, offset: number): Header {
  const initial = source[offset];
  if (initial === undefined) throw new RangeError('CBOR item cut short');
  const major = initial >> 5;
  const info = initial & 31;
  if (info < 24) return { major, argument: info, next: offset + 1 };
  if (info === INDEFINITE) return { major, argument: -1, next: offset + 1 };
  if (info === 24) return { major, argument: source.readUInt8(offset + 1), next: offset + 2 };
  if (info === 25) return { major, argument: source.readUInt16BE(offset + 1), next: offset + 3 };
  if (info === 26) return { major, argument: source.readUInt32BE(offset + 1), next: offset + 5 };
  if (info === 27) return { major, argument: Number(source.readBigUInt64BE(offset + 1)), next: offset + 9 };
  throw new RangeError(`CBOR reserved additional information ${info}`);
}

/** The offset after the item at `offset`, whatever it is. */
function skipItem(source: Buffer, offset: number): number {
  const { major, argument, next } = readHeader(source, offset);
  if (major === MAJOR_TAG) return skipItem(source, next);
  // Simple values and floats: the header is the whole item (a float's bytes are its argument).
  if (major <= 1 || major === 7) return next;
  let position = next;
  if (argument === -1) {
    while (source[position] !== BREAK) position = skipItem(source, position);
    return position + 1;
  }
  if (major === MAJOR_BYTES || major === MAJOR_TEXT) return next + argument;
  const items = major === MAJOR_MAP ? 2 * argument : argument;
  for (let index = 0; index < items; index += 1) position = skipItem(source, position);
  return position;
}

const FAILED_RECORD_COUNT = Buffer.from('FailedRecordCount');

/**
 * `FailedRecordCount` of a CBOR PutRecords response, read without decoding anything else (the
 * per-record results are skipped, not decoded); undefined when missing.
 */
export function failedRecordCount(body: Buffer): number | undefined {
  const map = readHeader(body, 0);
  if (map.major !== MAJOR_MAP) throw new TypeError('a PutRecords response is not a CBOR map');
  let position = map.next;
  for (let index = 0; map.argument === -1 ? body[position] !== BREAK : index < map.argument; index += 1) {
    const key = readHeader(body, position);
    const value = key.major === MAJOR_TEXT && key.argument !== -1 ? key.next + key.argument : -1;
    if (
      value !== -1 &&
      key.argument === FAILED_RECORD_COUNT.length &&
      body.compare(FAILED_RECORD_COUNT, 0, FAILED_RECORD_COUNT.length, key.next, value) === 0
    ) {
      const count = readHeader(body, value);
      if (count.major !== MAJOR_UNSIGNED) throw new TypeError('FailedRecordCount is not an unsigned integer');
      return count.argument;
    }
    position = skipItem(body, skipItem(body, position));
  }
  return undefined;
}

/** A whole CBOR item, by the SDK's codec. */
export function decodeCbor(body: Uint8Array): unknown {
  return cbor.deserialize(body);
}
