/**
 * xxHash (XXH32, XXH64, XXH3 64 and 128 bits) with seed 0, after the reference specification
 * (github.com/Cyan4973/xxHash, doc/xxhash_spec.md). 64-bit arithmetic uses BigInt.
 */

const PRIME32_1 = 0x9e3779b1;
const PRIME32_2 = 0x85ebca77;
const PRIME32_3 = 0xc2b2ae3d;
const PRIME32_4 = 0x27d4eb2f;
const PRIME32_5 = 0x165667b1;

function rotl32(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

function read32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}

function round32(accumulator: number, lane: number): number {
  return Math.imul(rotl32((accumulator + Math.imul(lane, PRIME32_2)) >>> 0, 13), PRIME32_1) >>> 0;
}

export function xxh32(input: Uint8Array, seed = 0): number {
  const length = input.length;
  let position = 0;
  let hash: number;
  if (length >= 16) {
    let v1 = (seed + PRIME32_1 + PRIME32_2) >>> 0;
    let v2 = (seed + PRIME32_2) >>> 0;
    let v3 = seed >>> 0;
    let v4 = (seed - PRIME32_1) >>> 0;
    for (; position + 16 <= length; position += 16) {
      v1 = round32(v1, read32(input, position));
      v2 = round32(v2, read32(input, position + 4));
      v3 = round32(v3, read32(input, position + 8));
      v4 = round32(v4, read32(input, position + 12));
    }
    hash = (rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18)) >>> 0;
  } else {
    hash = (seed + PRIME32_5) >>> 0;
  }
  hash = (hash + length) >>> 0;
  for (; position + 4 <= length; position += 4) {
    hash =
      Math.imul(rotl32((hash + Math.imul(read32(input, position), PRIME32_3)) >>> 0, 17), PRIME32_4) >>> 0;
  }
  for (; position < length; position++) {
    hash =
      Math.imul(rotl32((hash + Math.imul(input[position] as number, PRIME32_5)) >>> 0, 11), PRIME32_1) >>> 0;
  }
  hash = Math.imul(hash ^ (hash >>> 15), PRIME32_2) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), PRIME32_3) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
}

const MASK64 = (1n << 64n) - 1n;
const PRIME64_1 = 0x9e3779b185ebca87n;
const PRIME64_2 = 0xc2b2ae3d27d4eb4fn;
const PRIME64_3 = 0x165667b19e3779f9n;
const PRIME64_4 = 0x85ebca77c2b2ae63n;
const PRIME64_5 = 0x27d4eb2f165667c5n;

function rotl64(value: bigint, bits: bigint): bigint {
  return ((value << bits) | (value >> (64n - bits))) & MASK64;
}

function read64(bytes: Uint8Array, at: number): bigint {
  return BigInt(read32(bytes, at)) | (BigInt(read32(bytes, at + 4)) << 32n);
}

function round64(accumulator: bigint, lane: bigint): bigint {
  return (rotl64((accumulator + lane * PRIME64_2) & MASK64, 31n) * PRIME64_1) & MASK64;
}

function mergeRound64(accumulator: bigint, value: bigint): bigint {
  return ((accumulator ^ round64(0n, value)) * PRIME64_1 + PRIME64_4) & MASK64;
}

function avalanche64(input: bigint): bigint {
  let hash = input;
  hash = ((hash ^ (hash >> 33n)) * PRIME64_2) & MASK64;
  hash = ((hash ^ (hash >> 29n)) * PRIME64_3) & MASK64;
  return hash ^ (hash >> 32n);
}

export function xxh64(input: Uint8Array, seed = 0n): bigint {
  const length = input.length;
  let position = 0;
  let hash: bigint;
  if (length >= 32) {
    let v1 = (seed + PRIME64_1 + PRIME64_2) & MASK64;
    let v2 = (seed + PRIME64_2) & MASK64;
    let v3 = seed;
    let v4 = (seed - PRIME64_1) & MASK64;
    for (; position + 32 <= length; position += 32) {
      v1 = round64(v1, read64(input, position));
      v2 = round64(v2, read64(input, position + 8));
      v3 = round64(v3, read64(input, position + 16));
      v4 = round64(v4, read64(input, position + 24));
    }
    hash = (rotl64(v1, 1n) + rotl64(v2, 7n) + rotl64(v3, 12n) + rotl64(v4, 18n)) & MASK64;
    hash = mergeRound64(hash, v1);
    hash = mergeRound64(hash, v2);
    hash = mergeRound64(hash, v3);
    hash = mergeRound64(hash, v4);
  } else {
    hash = (seed + PRIME64_5) & MASK64;
  }
  hash = (hash + BigInt(length)) & MASK64;
  for (; position + 8 <= length; position += 8) {
    hash = (rotl64(hash ^ round64(0n, read64(input, position)), 27n) * PRIME64_1 + PRIME64_4) & MASK64;
  }
  if (position + 4 <= length) {
    hash =
      (rotl64(hash ^ ((BigInt(read32(input, position)) * PRIME64_1) & MASK64), 23n) * PRIME64_2 + PRIME64_3) &
      MASK64;
    position += 4;
  }
  for (; position < length; position++) {
    hash =
      (rotl64(hash ^ ((BigInt(input[position] as number) * PRIME64_5) & MASK64), 11n) * PRIME64_1) & MASK64;
  }
  return avalanche64(hash);
}

// XXH3, seed 0, after xxhash-rust's `const_xxh3` (the scalar reference).

const SECRET = Buffer.from(
  'b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e',
  'hex',
);
const STRIPE_LENGTH = 64;
const SECRET_CONSUME_RATE = 8;
const ACCUMULATORS = 8;
const SECRET_MERGEACCS_START = 11;
const SECRET_LASTACC_START = 7;
const SECRET_SIZE_MIN = 136;

function wrap(value: bigint): bigint {
  return value & MASK64;
}

function swap64(value: bigint): bigint {
  let result = 0n;
  for (let index = 0n; index < 8n; index++) result = (result << 8n) | ((value >> (8n * index)) & 0xffn);
  return result;
}

function swap32(value: number): number {
  return (((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | (value >>> 24)) >>> 0;
}

function mul128(left: bigint, right: bigint): [bigint, bigint] {
  const product = left * right;
  return [product & MASK64, (product >> 64n) & MASK64];
}

function mulFold64(left: bigint, right: bigint): bigint {
  const [low, high] = mul128(left, right);
  return low ^ high;
}

function avalanche3(input: bigint): bigint {
  let value = input ^ (input >> 37n);
  value = wrap(value * 0x165667919e3779f9n);
  return value ^ (value >> 32n);
}

function strongAvalanche(input: bigint, length: number): bigint {
  let value = input ^ rotl64(input, 49n) ^ rotl64(input, 24n);
  value = wrap(value * 0x9fb21c651e98df25n);
  value ^= wrap((value >> 35n) + BigInt(length));
  value = wrap(value * 0x9fb21c651e98df25n);
  return value ^ (value >> 28n);
}

function mix16(input: Uint8Array, inputOffset: number, secretOffset: number, seed: bigint): bigint {
  const low = read64(input, inputOffset) ^ wrap(read64(SECRET, secretOffset) + seed);
  const high = read64(input, inputOffset + 8) ^ wrap(read64(SECRET, secretOffset + 8) - seed);
  return mulFold64(low, high);
}

function mix32(
  accumulator: [bigint, bigint],
  input: Uint8Array,
  first: number,
  second: number,
  secretOffset: number,
  seed: bigint,
): [bigint, bigint] {
  let low = wrap(accumulator[0] + mix16(input, first, secretOffset, seed));
  low ^= wrap(read64(input, second) + read64(input, second + 8));
  let high = wrap(accumulator[1] + mix16(input, second, secretOffset + 16, seed));
  high ^= wrap(read64(input, first) + read64(input, first + 8));
  return [low, high];
}

function longAccumulators(input: Uint8Array): bigint[] {
  let accumulators = [
    BigInt(PRIME32_3),
    PRIME64_1,
    PRIME64_2,
    PRIME64_3,
    PRIME64_4,
    BigInt(PRIME32_2),
    PRIME64_5,
    BigInt(PRIME32_1),
  ];
  const accumulate = (inputOffset: number, secretOffset: number): void => {
    const next = [...accumulators];
    for (let index = 0; index < ACCUMULATORS; index++) {
      const data = read64(input, inputOffset + 8 * index);
      const key = data ^ read64(SECRET, secretOffset + 8 * index);
      next[index ^ 1] = wrap((next[index ^ 1] as bigint) + data);
      next[index] = wrap((next[index] as bigint) + (key & 0xffffffffn) * (key >> 32n));
    }
    accumulators = next;
  };
  const stripes = (SECRET.length - STRIPE_LENGTH) / SECRET_CONSUME_RATE;
  const blockLength = STRIPE_LENGTH * stripes;
  const blocks = Math.floor((input.length - 1) / blockLength);
  for (let block = 0; block < blocks; block++) {
    for (let stripe = 0; stripe < stripes; stripe++)
      accumulate(block * blockLength + stripe * STRIPE_LENGTH, stripe * SECRET_CONSUME_RATE);
    for (let index = 0; index < ACCUMULATORS; index++) {
      const key = read64(SECRET, SECRET.length - STRIPE_LENGTH + 8 * index);
      const value = accumulators[index] as bigint;
      accumulators[index] = wrap((value ^ (value >> 47n) ^ key) * BigInt(PRIME32_1));
    }
  }
  const lastStripes = Math.floor((input.length - 1 - blockLength * blocks) / STRIPE_LENGTH);
  for (let stripe = 0; stripe < lastStripes; stripe++)
    accumulate(blocks * blockLength + stripe * STRIPE_LENGTH, stripe * SECRET_CONSUME_RATE);
  accumulate(input.length - STRIPE_LENGTH, SECRET.length - STRIPE_LENGTH - SECRET_LASTACC_START);
  return accumulators;
}

function mergeAccumulators(accumulators: bigint[], secretOffset: number, start: bigint): bigint {
  let result = start;
  for (let index = 0; index < 4; index++) {
    result = wrap(
      result +
        mulFold64(
          (accumulators[index * 2] as bigint) ^ read64(SECRET, secretOffset + index * 16),
          (accumulators[index * 2 + 1] as bigint) ^ read64(SECRET, secretOffset + index * 16 + 8),
        ),
    );
  }
  return avalanche3(result);
}

export function xxh3_64(input: Uint8Array): bigint {
  const length = input.length;
  const size = BigInt(length);
  if (length === 0) return avalanche64(read64(SECRET, 56) ^ read64(SECRET, 64));
  if (length <= 3) {
    const combo =
      (((input[0] as number) << 16) |
        ((input[length >> 1] as number) << 24) |
        (input[length - 1] as number) |
        (length << 8)) >>>
      0;
    return avalanche64(BigInt(combo) ^ BigInt((read32(SECRET, 0) ^ read32(SECRET, 4)) >>> 0));
  }
  if (length <= 8) {
    const combined = wrap(BigInt(read32(input, length - 4)) + (BigInt(read32(input, 0)) << 32n));
    return strongAvalanche(combined ^ (read64(SECRET, 8) ^ read64(SECRET, 16)), length);
  }
  if (length <= 16) {
    const low = read64(input, 0) ^ (read64(SECRET, 24) ^ read64(SECRET, 32));
    const high = read64(input, length - 8) ^ (read64(SECRET, 40) ^ read64(SECRET, 48));
    return avalanche3(wrap(size + swap64(low) + high + mulFold64(low, high)));
  }
  if (length <= 128) {
    let accumulator = wrap(size * PRIME64_1);
    if (length > 32) {
      if (length > 64) {
        if (length > 96) {
          accumulator = wrap(accumulator + mix16(input, 48, 96, 0n) + mix16(input, length - 64, 112, 0n));
        }
        accumulator = wrap(accumulator + mix16(input, 32, 64, 0n) + mix16(input, length - 48, 80, 0n));
      }
      accumulator = wrap(accumulator + mix16(input, 16, 32, 0n) + mix16(input, length - 32, 48, 0n));
    }
    accumulator = wrap(accumulator + mix16(input, 0, 0, 0n) + mix16(input, length - 16, 16, 0n));
    return avalanche3(accumulator);
  }
  if (length <= 240) {
    let accumulator = wrap(size * PRIME64_1);
    const rounds = Math.floor(length / 16);
    for (let index = 0; index < 8; index++)
      accumulator = wrap(accumulator + mix16(input, 16 * index, 16 * index, 0n));
    accumulator = avalanche3(accumulator);
    for (let index = 8; index < rounds; index++)
      accumulator = wrap(accumulator + mix16(input, 16 * index, 16 * (index - 8) + 3, 0n));
    accumulator = wrap(accumulator + mix16(input, length - 16, SECRET_SIZE_MIN - 17, 0n));
    return avalanche3(accumulator);
  }
  return mergeAccumulators(longAccumulators(input), SECRET_MERGEACCS_START, wrap(size * PRIME64_1));
}

export function xxh3_128(input: Uint8Array): bigint {
  const length = input.length;
  const size = BigInt(length);
  const join = (low: bigint, high: bigint): bigint => (high << 64n) | low;
  if (length === 0) {
    return join(
      avalanche64(read64(SECRET, 64) ^ read64(SECRET, 72)),
      avalanche64(read64(SECRET, 80) ^ read64(SECRET, 88)),
    );
  }
  if (length <= 3) {
    const low32 =
      (((input[0] as number) << 16) |
        ((input[length >> 1] as number) << 24) |
        (input[length - 1] as number) |
        (length << 8)) >>>
      0;
    const high32 = rotl32(swap32(low32), 13);
    const low = BigInt(low32) ^ BigInt((read32(SECRET, 0) ^ read32(SECRET, 4)) >>> 0);
    const high = BigInt(high32) ^ BigInt((read32(SECRET, 8) ^ read32(SECRET, 12)) >>> 0);
    return join(avalanche64(low), avalanche64(high));
  }
  if (length <= 8) {
    const combined = wrap(BigInt(read32(input, 0)) + (BigInt(read32(input, length - 4)) << 32n));
    const keyed = combined ^ (read64(SECRET, 16) ^ read64(SECRET, 24));
    let [low, high] = mul128(keyed, wrap(PRIME64_1 + (size << 2n)));
    high = wrap(high + wrap(low << 1n));
    low ^= high >> 3n;
    low = wrap((low ^ (low >> 35n)) * 0x9fb21c651e98df25n);
    low ^= low >> 28n;
    return join(low, avalanche3(high));
  }
  if (length <= 16) {
    const flipLow = read64(SECRET, 32) ^ read64(SECRET, 40);
    const flipHigh = read64(SECRET, 48) ^ read64(SECRET, 56);
    const inputLow = read64(input, 0);
    let inputHigh = read64(input, length - 8);
    let [mulLow, mulHigh] = mul128(inputLow ^ inputHigh ^ flipLow, PRIME64_1);
    mulLow = wrap(mulLow + ((size - 1n) << 54n));
    inputHigh ^= flipHigh;
    mulHigh = wrap(mulHigh + wrap(inputHigh + (inputHigh & 0xffffffffn) * BigInt(PRIME32_2 - 1)));
    mulLow ^= swap64(mulHigh);
    const [resultLow, resultHigh] = mul128(mulLow, PRIME64_2);
    return join(avalanche3(resultLow), avalanche3(wrap(resultHigh + mulHigh * PRIME64_2)));
  }
  const finish = (accumulator: [bigint, bigint]): bigint => {
    const low = wrap(accumulator[0] + accumulator[1]);
    const high = wrap(accumulator[0] * PRIME64_1 + accumulator[1] * PRIME64_4 + size * PRIME64_2);
    return join(avalanche3(low), wrap(-avalanche3(high)));
  };
  if (length <= 128) {
    let accumulator: [bigint, bigint] = [wrap(size * PRIME64_1), 0n];
    if (length > 32) {
      if (length > 64) {
        if (length > 96) accumulator = mix32(accumulator, input, 48, length - 64, 96, 0n);
        accumulator = mix32(accumulator, input, 32, length - 48, 64, 0n);
      }
      accumulator = mix32(accumulator, input, 16, length - 32, 32, 0n);
    }
    return finish(mix32(accumulator, input, 0, length - 16, 0, 0n));
  }
  if (length <= 240) {
    const rounds = Math.floor(length / 32);
    let accumulator: [bigint, bigint] = [wrap(size * PRIME64_1), 0n];
    for (let index = 0; index < 4; index++)
      accumulator = mix32(accumulator, input, 32 * index, 32 * index + 16, 32 * index, 0n);
    accumulator = [avalanche3(accumulator[0]), avalanche3(accumulator[1])];
    for (let index = 4; index < rounds; index++) {
      accumulator = mix32(accumulator, input, 32 * index, 32 * index + 16, 3 + 32 * (index - 4), 0n);
    }
    return finish(mix32(accumulator, input, length - 16, length - 32, SECRET_SIZE_MIN - 17 - 16, 0n));
  }
  const accumulators = longAccumulators(input);
  const low = mergeAccumulators(accumulators, SECRET_MERGEACCS_START, wrap(size * PRIME64_1));
  const high = mergeAccumulators(
    accumulators,
    SECRET.length - ACCUMULATORS * 8 - SECRET_MERGEACCS_START,
    wrap(~(size * PRIME64_2)),
  );
  return join(low, high);
}
