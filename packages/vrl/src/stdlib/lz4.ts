import { xxh32 } from './xxhash-algorithms.js';

/**
 * LZ4: the block format (compressed as `lz4_flex` does it: greedy, a 4-byte hash table, the last
 * 5 bytes and anything within 12 bytes of the end as literals) and the frame format (decoded,
 * with its checksums checked).
 */

const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MATCH_FIND_LIMIT = 12;
const HASH_LOG = 12;

function read32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}

function writeLength(output: number[], length: number): void {
  let remaining = length;
  while (remaining >= 255) {
    output.push(255);
    remaining -= 255;
  }
  output.push(remaining);
}

function emitSequence(
  output: number[],
  input: Uint8Array,
  literalStart: number,
  literalEnd: number,
  offset: number,
  matchLength: number,
): void {
  const literals = literalEnd - literalStart;
  const token = (Math.min(literals, 15) << 4) | (offset === 0 ? 0 : Math.min(matchLength - MIN_MATCH, 15));
  output.push(token);
  if (literals >= 15) writeLength(output, literals - 15);
  for (let index = literalStart; index < literalEnd; index++) output.push(input[index] as number);
  if (offset === 0) return;
  output.push(offset & 0xff, offset >> 8);
  if (matchLength - MIN_MATCH >= 15) writeLength(output, matchLength - MIN_MATCH - 15);
}

/** Compresses into one LZ4 block. */
export function lz4CompressBlock(input: Uint8Array): Buffer {
  const output: number[] = [];
  const length = input.length;
  let anchor = 0;
  if (length > MATCH_FIND_LIMIT) {
    const table = new Int32Array(1 << HASH_LOG).fill(-1);
    const hash = (at: number): number => Math.imul(read32(input, at), 2654435761) >>> (32 - HASH_LOG);
    const limit = length - MATCH_FIND_LIMIT;
    let position = 0;
    let step = 1 << 6;
    while (position < limit) {
      const slot = hash(position);
      const candidate = table[slot] as number;
      table[slot] = position;
      if (
        candidate >= 0 &&
        position - candidate <= 0xffff &&
        read32(input, candidate) === read32(input, position)
      ) {
        // Extend backwards over the pending literals, then forwards up to the last literals.
        let start = position;
        let from = candidate;
        while (start > anchor && from > 0 && input[start - 1] === input[from - 1]) {
          start--;
          from--;
        }
        let end = position + MIN_MATCH;
        let source = candidate + MIN_MATCH;
        while (end < length - LAST_LITERALS && input[end] === input[source]) {
          end++;
          source++;
        }
        emitSequence(output, input, anchor, start, start - from, end - start);
        anchor = end;
        position = end;
        step = 1 << 6;
        continue;
      }
      position += step >> 6;
      step++;
    }
  }
  emitSequence(output, input, anchor, length, 0, 0);
  return Buffer.from(output);
}

/** A growing byte buffer: what is decompressed, which later blocks may refer back to. */
class ByteSink {
  bytes = new Uint8Array(1024);
  length = 0;

  reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  result(from = 0): Buffer {
    return Buffer.from(this.bytes.buffer, from, this.length - from);
  }
}

/** Decompresses one LZ4 block onto the sink, never past `limit` bytes in all; an error message when invalid. */
function decompressInto(input: Uint8Array, sink: ByteSink, limit: number): string | undefined {
  let position = 0;
  while (position < input.length) {
    const token = input[position++] as number;
    let literals = token >> 4;
    if (literals === 15) {
      for (;;) {
        if (position >= input.length) return 'expected another byte, found none';
        const byte = input[position++] as number;
        literals += byte;
        if (byte !== 255) break;
      }
    }
    if (position + literals > input.length) return 'literal is out of bounds of the input';
    if (sink.length + literals > limit) return tooSmall(limit, sink.length + literals);
    sink.reserve(literals);
    sink.bytes.set(input.subarray(position, position + literals), sink.length);
    sink.length += literals;
    position += literals;
    if (position >= input.length) break;
    if (position + 2 > input.length) return 'expected another byte, found none';
    const offset = (input[position] as number) | ((input[position + 1] as number) << 8);
    position += 2;
    let matchLength = (token & 15) + MIN_MATCH;
    if ((token & 15) === 15) {
      for (;;) {
        if (position >= input.length) return 'expected another byte, found none';
        const byte = input[position++] as number;
        matchLength += byte;
        if (byte !== 255) break;
      }
    }
    if (offset === 0 || offset > sink.length)
      return 'the offset to copy is not contained in the decompressed buffer';
    if (sink.length + matchLength > limit) return tooSmall(limit, sink.length + matchLength);
    sink.reserve(matchLength);
    const bytes = sink.bytes;
    const from = sink.length - offset;
    for (let index = 0; index < matchLength; index++)
      bytes[sink.length + index] = bytes[from + index] as number;
    sink.length += matchLength;
  }
  return undefined;
}

function tooSmall(limit: number, needed: number): string {
  return `provided output is too small for the decompressed data, actual ${limit}, expected ${needed}`;
}

/** Decompresses an LZ4 block of at most `maximum` bytes. */
export function lz4DecompressBlock(input: Uint8Array, maximum: number): Buffer | string {
  const sink = new ByteSink();
  const error = decompressInto(input, sink, maximum);
  return error ?? sink.result();
}

/** A frame's largest block, by its block descriptor's size code (4: 64 KiB … 7: 4 MiB). */
const BLOCK_SIZES: Record<number, number> = { 4: 1 << 16, 5: 1 << 18, 6: 1 << 20, 7: 1 << 22 };

export const LZ4_FRAME_MAGIC = 0x184d2204;

/** Decodes LZ4 frames (one after another), checking header, block and content checksums. */
export function lz4DecompressFrames(input: Uint8Array): Buffer | string {
  const sink = new ByteSink();
  let position = 0;
  while (position < input.length) {
    if (position + 7 > input.length) return 'unexpected end of frame';
    const magic = read32(input, position);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      // A skippable frame.
      position += 8 + read32(input, position + 4);
      continue;
    }
    if (magic !== LZ4_FRAME_MAGIC) return 'wrong magic number';
    const descriptorStart = position + 4;
    const flags = input[descriptorStart] as number;
    if (flags >> 6 !== 1) return 'unsupported version';
    const blockChecksums = (flags & 0x10) !== 0;
    const contentSize = (flags & 0x08) !== 0;
    const contentChecksum = (flags & 0x04) !== 0;
    const dictionary = (flags & 0x01) !== 0;
    let cursor = descriptorStart + 2 + (contentSize ? 8 : 0) + (dictionary ? 4 : 0);
    if (cursor >= input.length) return 'unexpected end of frame';
    const expected = input[cursor] as number;
    if (((xxh32(input.subarray(descriptorStart, cursor)) >>> 8) & 0xff) !== expected)
      return 'header checksum error';
    cursor++;
    const blockLimit = BLOCK_SIZES[((input[descriptorStart + 1] as number) >> 4) & 7];
    if (blockLimit === undefined) return 'unsupported block size';
    const frameStart = sink.length;
    for (;;) {
      if (cursor + 4 > input.length) return 'unexpected end of frame';
      const size = read32(input, cursor);
      cursor += 4;
      if (size === 0) break;
      const length = size & 0x7fffffff;
      if (cursor + length + (blockChecksums ? 4 : 0) > input.length) return 'unexpected end of frame';
      const block = input.subarray(cursor, cursor + length);
      cursor += length;
      if (blockChecksums) {
        if (xxh32(block) !== read32(input, cursor)) return 'block checksum error';
        cursor += 4;
      }
      if (length > blockLimit) return 'block too large';
      if (size & 0x80000000) {
        sink.reserve(length);
        sink.bytes.set(block, sink.length);
        sink.length += length;
      } else {
        const error = decompressInto(block, sink, sink.length + blockLimit);
        if (error !== undefined) return error;
      }
    }
    if (contentChecksum) {
      if (cursor + 4 > input.length) return 'unexpected end of frame';
      if (xxh32(sink.bytes.subarray(frameStart, sink.length)) !== read32(input, cursor))
        return 'content checksum error';
      cursor += 4;
    }
    position = cursor;
  }
  return sink.result();
}
