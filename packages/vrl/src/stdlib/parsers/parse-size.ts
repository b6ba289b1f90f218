/**
 * The `parse-size` crate (1.1.0), which VRL's `parse_bytes` uses: `1.5 KiB`, `2e3`, `1_000 kB`
 * as a number of bytes (u64), with the crate's errors.
 */

const U64_MAX = (1n << 64n) - 1n;
const BINARY: Record<string, bigint> = {
  k: 1n << 10n,
  m: 1n << 20n,
  g: 1n << 30n,
  t: 1n << 40n,
  p: 1n << 50n,
  e: 1n << 60n,
};
const DECIMAL: Record<string, bigint> = {
  k: 1000n,
  m: 1_000_000n,
  g: 1_000_000_000n,
  t: 1_000_000_000_000n,
  p: 1_000_000_000_000_000n,
  e: 1_000_000_000_000_000_000n,
};

export class ParseSizeError extends Error {}

const EMPTY = 'cannot parse integer from empty string';
const INVALID_DIGIT = 'invalid digit found in string';
const OVERFLOW = 'number too large to fit in target type';

/** Bytes of a size; `binary` picks 1024-based prefixes for `K`, `M`… (a trailing `i` always does). */
export function parseSize(source: string, binary: boolean): bigint {
  let text = source;
  let multiply = 1n;
  if (text.endsWith('b') || text.endsWith('B')) text = text.slice(0, -1);
  let units = binary ? BINARY : DECIMAL;
  if (text.endsWith('i') || text.endsWith('I')) {
    text = text.slice(0, -1);
    units = BINARY;
  }
  const prefix = text.at(-1);
  if (prefix !== undefined && /^[kmgtpeKMGTPE]$/.test(prefix)) {
    multiply = units[prefix.toLowerCase()] as bigint;
    text = text.slice(0, -1);
  }
  return withMultiple(text, multiply);
}

type State =
  | 'empty'
  | 'integer'
  | 'integerOverflow'
  | 'fraction'
  | 'fractionOverflow'
  | 'positiveExponent'
  | 'negativeExponent';

const I32_MAX = 2_147_483_647;
const I32_MIN = -2_147_483_648;

function withMultiple(text: string, multiply: bigint): bigint {
  let mantissa = 0n;
  let fractionalExponent = 0;
  let exponent = 0;
  let state: State = 'empty';
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string;
    const code = text.charCodeAt(index);
    const digit = code >= 48 && code <= 57 ? code - 48 : undefined;
    if ((state === 'integer' || state === 'empty') && digit !== undefined) {
      const next = mantissa * 10n + BigInt(digit);
      if (next <= U64_MAX) {
        mantissa = next;
        state = 'integer';
      } else {
        if (digit >= 5) mantissa += 1n;
        state = 'integerOverflow';
        fractionalExponent += 1;
      }
    } else if (state === 'integerOverflow' && digit !== undefined) {
      fractionalExponent += 1;
    } else if (state === 'fraction' && digit !== undefined) {
      const next = mantissa * 10n + BigInt(digit);
      if (next <= U64_MAX) {
        mantissa = next;
        fractionalExponent -= 1;
      } else {
        if (digit >= 5) mantissa += 1n;
        state = 'fractionOverflow';
      }
    } else if (state === 'positiveExponent' && digit !== undefined) {
      const next = exponent * 10 + digit;
      if (next > I32_MAX) throw new ParseSizeError(OVERFLOW);
      exponent = next;
    } else if (state === 'negativeExponent' && digit !== undefined) {
      const next = exponent * 10 - digit;
      if (next >= I32_MIN) exponent = next;
    } else if (
      character === '_' ||
      character === ' ' ||
      (state === 'positiveExponent' && character === '+') ||
      (state === 'fractionOverflow' && digit !== undefined)
    ) {
      // skipped
    } else if (
      (state === 'integer' ||
        state === 'fraction' ||
        state === 'integerOverflow' ||
        state === 'fractionOverflow') &&
      (character === 'e' || character === 'E')
    ) {
      state = 'positiveExponent';
    } else if (state === 'positiveExponent' && character === '-') {
      state = 'negativeExponent';
    } else if (state === 'integer' && character === '.') {
      state = 'fraction';
    } else if (state === 'integerOverflow' && character === '.') {
      state = 'fractionOverflow';
    } else {
      throw new ParseSizeError(INVALID_DIGIT);
    }
  }
  if (state === 'empty') throw new ParseSizeError(EMPTY);
  const total = Math.max(I32_MIN, Math.min(I32_MAX, exponent + fractionalExponent));
  if (total >= 0) {
    if (total > 19) throw new ParseSizeError(OVERFLOW);
    const power = 10n ** BigInt(total);
    const factor = multiply * power;
    if (factor > U64_MAX || mantissa * factor > U64_MAX) throw new ParseSizeError(OVERFLOW);
    return mantissa * factor;
  }
  if (total >= -38) {
    const power = 10n ** BigInt(-total);
    const result = (mantissa * multiply + power / 2n) / power;
    if (result > U64_MAX) throw new ParseSizeError(OVERFLOW);
    return result;
  }
  return 0n;
}
