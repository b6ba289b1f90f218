import { crc32c } from '@node-rs/crc32';
import { type Batch, createLogEvent, type FieldMap, type LogEvent } from '@sluice/component-api';

/**
 * A record: `[length u32][crc32c u32][payload]`, the CRC-32C covering the length bytes and the
 * payload (Vector's leaves the length uncovered, so a flipped length bit goes unnoticed). The
 * payload: `[first event id f64][event count u32][JSON of the events]`. Ids count events, so a gap
 * between records says exactly how many events were lost.
 */
export const HEADER_BYTES = 8;
const PAYLOAD_PREFIX_BYTES = 12;
/** Longest payload accepted when reading: anything larger is a corrupt length. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

interface StoredEvent {
  f: FieldMap;
  s?: 1;
  b: number;
}

export function encodeRecord(firstId: number, events: Batch): Buffer {
  const stored: StoredEvent[] = events.map((event) =>
    event.metadata.structured
      ? { f: event.fields, s: 1, b: event.metadata.byteSize }
      : { f: event.fields, b: event.metadata.byteSize },
  );
  const json = JSON.stringify(stored);
  const jsonBytes = Buffer.byteLength(json);
  const record = Buffer.allocUnsafe(HEADER_BYTES + PAYLOAD_PREFIX_BYTES + jsonBytes);
  const payloadLength = PAYLOAD_PREFIX_BYTES + jsonBytes;
  record.writeUInt32LE(payloadLength, 0);
  record.writeDoubleLE(firstId, HEADER_BYTES);
  record.writeUInt32LE(events.length, HEADER_BYTES + 8);
  record.write(json, HEADER_BYTES + PAYLOAD_PREFIX_BYTES, 'utf8');
  record.writeUInt32LE(checksum(record.subarray(0, 4), record.subarray(HEADER_BYTES)), 4);
  return record;
}

function checksum(lengthBytes: Buffer, payload: Buffer): number {
  return crc32c(payload, crc32c(lengthBytes)) >>> 0;
}

export type ParsedRecord =
  | { kind: 'record'; firstId: number; count: number; size: number; payload: Buffer }
  /** Not enough bytes for a whole record: the end of the data, or a torn tail. */
  | { kind: 'incomplete' }
  | { kind: 'corrupt'; reason: 'zero_length' | 'bad_length' | 'checksum_mismatch'; size: number };

/** Parses the record at `offset` of `buffer` (checks length and checksum; does not decode events). */
export function parseRecord(buffer: Buffer, offset: number): ParsedRecord {
  if (buffer.length - offset < HEADER_BYTES) return { kind: 'incomplete' };
  const length = buffer.readUInt32LE(offset);
  if (length === 0) return { kind: 'corrupt', reason: 'zero_length', size: HEADER_BYTES };
  if (length < PAYLOAD_PREFIX_BYTES || length > MAX_PAYLOAD_BYTES) {
    return { kind: 'corrupt', reason: 'bad_length', size: HEADER_BYTES };
  }
  if (buffer.length - offset < HEADER_BYTES + length) return { kind: 'incomplete' };
  const payload = buffer.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length);
  if (checksum(buffer.subarray(offset, offset + 4), payload) !== buffer.readUInt32LE(offset + 4)) {
    return { kind: 'corrupt', reason: 'checksum_mismatch', size: HEADER_BYTES + length };
  }
  return {
    kind: 'record',
    firstId: payload.readDoubleLE(0),
    count: payload.readUInt32LE(8),
    size: HEADER_BYTES + length,
    payload,
  };
}

/** The events of a record's payload; the `timestamp` field becomes a Date again. */
export function decodeEvents(payload: Buffer): LogEvent[] {
  const stored = JSON.parse(payload.toString('utf8', PAYLOAD_PREFIX_BYTES)) as StoredEvent[];
  return stored.map((event) => {
    const timestamp = event.f.timestamp;
    if (typeof timestamp === 'string') event.f.timestamp = new Date(timestamp);
    return createLogEvent(event.f, { structured: event.s === 1, byteSize: event.b });
  });
}
