import { randomBytes } from 'node:crypto';
import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { integerValue, Tag, tagOf } from '../value/value.js';

/** A uniform random integer in [min, max), for any i64 range. */
function uniform(min: bigint, max: bigint): bigint {
  const span = max - min;
  // Rejection sampling over 64 random bits keeps the draw uniform.
  const limit = (1n << 64n) - ((1n << 64n) % span);
  for (;;) {
    const draw = randomBytes(8).readBigUInt64BE(0);
    if (draw < limit) return min + (draw % span);
  }
}

/** `random_int(min, max)`: a random integer from `min` (inclusive) to `max` (exclusive). */
export const randomInt = defineFunction({
  name: 'random_int',
  parameters: [required('min', kind.INTEGER), required('max', kind.INTEGER)],
  check: (call) => {
    const min = call.argument('min')?.constant;
    const max = call.argument('max')?.constant;
    if (min !== undefined && max !== undefined && tagOf(min) === Tag.Integer && tagOf(max) === Tag.Integer) {
      if (BigInt(max as number | bigint) <= BigInt(min as number | bigint)) {
        throw call.invalidArgument('max', max, 'max must be greater than min');
      }
    }
  },
  returns: (call) => {
    const constant =
      call.required('min').constant !== undefined && call.required('max').constant !== undefined;
    return TypeDef.integer().maybeFallible(!constant);
  },
  call: ([min, max]) => {
    const low = BigInt(min as number | bigint);
    const high = BigInt(max as number | bigint);
    if (high <= low) return fail('max must be greater than min');
    return integerValue(uniform(low, high));
  },
});
