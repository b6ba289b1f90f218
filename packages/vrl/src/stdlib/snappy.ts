/**
 * Snappy's raw format (no framing), as the `snap` crate writes and reads it: the compressor is
 * the Go/`snap` block encoder (64 KiB blocks, a 4-byte hash table), so output matches byte for byte.
 */

const MAX_BLOCK_SIZE = 1 << 16;
const INPUT_MARGIN = 16 - 1;
const MIN_NON_LITERAL_BLOCK_SIZE = 1 + 1 + INPUT_MARGIN;
const MAX_TABLE_SIZE = 1 << 14;

function load32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}

function hash(value: number, shift: number): number {
  return Math.imul(value, 0x1e35a7bd) >>> shift;
}

function emitLiteral(output: number[], bytes: Uint8Array, from: number, to: number): void {
  const length = to - from - 1;
  if (length < 60) output.push(length << 2);
  else if (length < 1 << 8) output.push(60 << 2, length);
  else if (length < 1 << 16) output.push(61 << 2, length & 0xff, length >> 8);
  else if (length < 1 << 24) output.push(62 << 2, length & 0xff, (length >> 8) & 0xff, length >> 16);
  else output.push(63 << 2, length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24);
  for (let index = from; index < to; index++) output.push(bytes[index] as number);
}

function emitCopy(output: number[], offset: number, length: number): void {
  let remaining = length;
  while (remaining >= 68) {
    output.push((63 << 2) | 2, offset & 0xff, offset >> 8);
    remaining -= 64;
  }
  if (remaining > 64) {
    output.push((59 << 2) | 2, offset & 0xff, offset >> 8);
    remaining -= 60;
  }
  if (remaining >= 12 || offset >= 2048) output.push(((remaining - 1) << 2) | 2, offset & 0xff, offset >> 8);
  else output.push(((offset >> 8) << 5) | ((remaining - 4) << 2) | 1, offset & 0xff);
}

function encodeBlock(output: number[], source: Uint8Array): void {
  let shift = 32 - 8;
  for (let size = 1 << 8; size < MAX_TABLE_SIZE && size < source.length; size *= 2) shift--;
  const table = new Uint16Array(MAX_TABLE_SIZE);
  const mask = MAX_TABLE_SIZE - 1;
  const limit = source.length - INPUT_MARGIN;
  let nextEmit = 0;
  let position = 1;
  let nextHash = hash(load32(source, position), shift);
  outer: for (;;) {
    let skip = 32;
    let next = position;
    let candidate = 0;
    for (;;) {
      position = next;
      const step = skip >> 5;
      next = position + step;
      skip += step;
      if (next > limit) break outer;
      candidate = table[nextHash & mask] as number;
      table[nextHash & mask] = position;
      nextHash = hash(load32(source, next), shift);
      if (load32(source, position) === load32(source, candidate)) break;
    }
    emitLiteral(output, source, nextEmit, position);
    for (;;) {
      const base = position;
      position += 4;
      for (let index = candidate + 4; position < source.length && source[index] === source[position]; index++)
        position++;
      emitCopy(output, base - candidate, position - base);
      nextEmit = position;
      if (position >= limit) break outer;
      const previous = load32(source, position - 1);
      table[hash(previous, shift) & mask] = position - 1;
      const current = load32(source, position);
      const currentHash = hash(current, shift);
      candidate = table[currentHash & mask] as number;
      table[currentHash & mask] = position;
      if (current !== load32(source, candidate)) {
        nextHash = hash(load32(source, position + 1), shift);
        position++;
        break;
      }
    }
  }
  if (nextEmit < source.length) emitLiteral(output, source, nextEmit, source.length);
}

export function snappyCompress(input: Uint8Array): Buffer {
  const output: number[] = [];
  // The uncompressed length as a varint.
  let length = input.length;
  while (length >= 0x80) {
    output.push((length & 0x7f) | 0x80);
    length = Math.floor(length / 128);
  }
  output.push(length);
  for (let start = 0; start < input.length; start += MAX_BLOCK_SIZE) {
    const block = input.subarray(start, Math.min(start + MAX_BLOCK_SIZE, input.length));
    if (block.length < MIN_NON_LITERAL_BLOCK_SIZE) emitLiteral(output, block, 0, block.length);
    else encodeBlock(output, block);
  }
  return Buffer.from(output);
}

/** Decompresses raw Snappy, or undefined when the data is not valid Snappy. */
export function snappyDecompress(input: Uint8Array): Buffer | undefined {
  let position = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (position >= input.length || shift > 28) return undefined;
    const byte = input[position++] as number;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  // A copy of 3 bytes yields at most 64: a longer claim is not Snappy (and is not allocated).
  if (length > 0xffffffff || length > 32 * input.length + 32) return undefined;
  const output = Buffer.alloc(length);
  let written = 0;
  while (position < input.length) {
    const tag = input[position++] as number;
    if ((tag & 3) === 0) {
      let literal = tag >> 2;
      if (literal >= 60) {
        const extra = literal - 59;
        if (position + extra > input.length) return undefined;
        literal = 0;
        for (let index = 0; index < extra; index++)
          literal += (input[position + index] as number) * 2 ** (8 * index);
        position += extra;
      }
      literal += 1;
      if (position + literal > input.length || written + literal > length) return undefined;
      output.set(input.subarray(position, position + literal), written);
      position += literal;
      written += literal;
      continue;
    }
    let copyLength: number;
    let offset: number;
    if ((tag & 3) === 1) {
      if (position + 1 > input.length) return undefined;
      copyLength = 4 + ((tag >> 2) & 7);
      offset = ((tag >> 5) << 8) | (input[position] as number);
      position += 1;
    } else if ((tag & 3) === 2) {
      if (position + 2 > input.length) return undefined;
      copyLength = (tag >> 2) + 1;
      offset = (input[position] as number) | ((input[position + 1] as number) << 8);
      position += 2;
    } else {
      if (position + 4 > input.length) return undefined;
      copyLength = (tag >> 2) + 1;
      offset = load32(input, position);
      position += 4;
    }
    if (offset === 0 || offset > written || written + copyLength > length) return undefined;
    for (let index = 0; index < copyLength; index++)
      output[written + index] = output[written - offset + index] as number;
    written += copyLength;
  }
  return written === length ? output : undefined;
}
