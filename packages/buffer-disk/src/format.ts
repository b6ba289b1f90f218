import { crc32c } from '@node-rs/crc32';
import type { Batch, LogEvent } from '@sluice/component-api';
import { decodeEvents, EventEncoder } from './event-codec.js';

/**
 * A record: `[length u32][crc32c u32][payload]`, the CRC-32C covering the length bytes and the
 * payload (Vector's leaves the length uncovered, so a flipped length bit goes unnoticed). The
 * payload: `[first event id f64][event count u32][events]`, the events in the binary encoding of
 * `event-codec.ts`. Ids count events, so a gap between records says exactly how many events were
 * lost.
 */
export const HEADER_BYTES = 8;
const PAYLOAD_PREFIX_BYTES = 12;
/** Longest payload accepted when reading: anything larger is a corrupt length. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

/** Encodes records without allocating: each result is a view that the next call overwrites. */
export class RecordEncoder {
  readonly #events = new EventEncoder();

  encode(firstId: number, events: Batch): Buffer {
    const record = this.#events.encode(events, HEADER_BYTES + PAYLOAD_PREFIX_BYTES);
    record.writeUInt32LE(record.length - HEADER_BYTES, 0);
    record.writeDoubleLE(firstId, HEADER_BYTES);
    record.writeUInt32LE(events.length, HEADER_BYTES + 8);
    record.writeUInt32LE(checksum(record.subarray(0, 4), record.subarray(HEADER_BYTES)), 4);
    return record;
  }
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

/** The events of a record's payload (checked by `parseRecord`). */
export function decodeRecordEvents(payload: Buffer): LogEvent[] {
  return decodeEvents(payload, PAYLOAD_PREFIX_BYTES, payload.readUInt32LE(8));
}
