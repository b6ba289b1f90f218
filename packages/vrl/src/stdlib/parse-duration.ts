import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { floatValue } from '../value/markers.js';
import { VrlRegex } from '../value/regex.js';
import { decimalOfText, decimalQuotient, decimalToFloat } from './parsers/decimal.js';

/** Seconds per unit, as exact fractions `[numerator, denominator]`. */
const UNITS: Record<string, [bigint, bigint]> = {
  ns: [1n, 1_000_000_000n],
  us: [1n, 1_000_000n],
  µs: [1n, 1_000_000n],
  ms: [1n, 1000n],
  cs: [1n, 100n],
  ds: [1n, 10n],
  s: [1n, 1n],
  m: [60n, 1n],
  h: [3600n, 1n],
  d: [86_400n, 1n],
  w: [604_800n, 1n],
};

const DURATION = VrlRegex.compile(String.raw`(?ix)
  (?P<value>[0-9]*\.?[0-9]+) # value: integer or float
  \s?                        # optional space between value and unit
  (?P<unit>[µa-z]{1,2})      # unit: one or two letters`);

/** `parse_duration(value, unit)`: a duration such as `1h30m` or `1005ms` as a number of `unit`. */
export const parseDuration = defineFunction({
  name: 'parse_duration',
  parameters: [required('value', kind.BYTES), required('unit', kind.BYTES)],
  returns: TypeDef.float().fallible(),
  call: ([value, unit]) => {
    const target = Object.hasOwn(UNITS, unit as string) ? UNITS[unit as string] : undefined;
    if (target === undefined) return fail(`unknown unit format: '${unit as string}'`);
    let rest = value as string;
    let total = 0;
    while (rest !== '') {
      const match = DURATION.captures(rest);
      if (match === undefined) return fail(`unable to parse duration: '${rest}'`);
      const [, number, unitName] = match.groups as [string, string, string];
      const source = Object.hasOwn(UNITS, unitName) ? UNITS[unitName] : undefined;
      if (source === undefined) return fail(`unknown duration unit: '${unitName}'`);
      const amount = decimalOfText(number);
      if (amount === undefined)
        return fail('unable to parse number: Invalid decimal: overflow from too many digits');
      // amount × source ÷ target, exactly, then rounded as rust_decimal does.
      const quotient = decimalQuotient(
        amount.mantissa * source[0] * target[1],
        10n ** BigInt(amount.scale) * source[1] * target[0],
      );
      if (quotient === undefined) return fail(`unable to convert duration: '${rest}'`);
      total += decimalToFloat(quotient);
      rest = rest.slice(match.end);
    }
    return floatValue(total);
  },
});
