import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { floatValue } from '../value/markers.js';
import { decimalQuotient, decimalToFloat } from './parsers/decimal.js';
import { ParseSizeError, parseSize } from './parsers/parse-size.js';

const BINARY_UNITS: Record<string, bigint> = {
  B: 1n,
  KiB: 1n << 10n,
  MiB: 1n << 20n,
  GiB: 1n << 30n,
  TiB: 1n << 40n,
  PiB: 1n << 50n,
  EiB: 1n << 60n,
  KB: 1n << 10n,
  MB: 1n << 20n,
  GB: 1n << 30n,
  TB: 1n << 40n,
  PB: 1n << 50n,
  EB: 1n << 60n,
};

const DECIMAL_UNITS: Record<string, bigint> = {
  B: 1n,
  kB: 1000n,
  MB: 1_000_000n,
  GB: 1_000_000_000n,
  TB: 1_000_000_000_000n,
  PB: 1_000_000_000_000_000n,
  EB: 1_000_000_000_000_000_000n,
};

/** `parse_bytes(value, unit, base: "2")`: a size such as `1.5GiB` or `10 MB` as a number of `unit`. */
export const parseBytes = defineFunction({
  name: 'parse_bytes',
  parameters: [
    required('value', kind.BYTES),
    required('unit', kind.BYTES),
    optional('base', kind.BYTES, '2'),
  ],
  check: (call) => {
    call.enumValue('base', ['2', '10']);
  },
  returns: TypeDef.float().fallible(),
  call: ([value, unit, base]) => {
    const binary = base === '2';
    const units = binary ? BINARY_UNITS : DECIMAL_UNITS;
    const factor = Object.hasOwn(units, unit as string) ? units[unit as string] : undefined;
    if (factor === undefined) return fail(`unknown unit format: '${unit as string}'`);
    let bytes: bigint;
    try {
      bytes = parseSize(value as string, binary);
    } catch (error) {
      if (error instanceof ParseSizeError) return fail(`unable to parse bytes: '${error.message}'`);
      throw error;
    }
    const quotient = decimalQuotient(bytes, factor);
    if (quotient === undefined) return fail('division by >1 divisor overflowed');
    return floatValue(decimalToFloat(quotient));
  },
});
