import { randomBytes } from 'node:crypto';
import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { floatValue } from '../value/markers.js';
import { numberOfValue, Tag, tagOf, type Value } from '../value/value.js';

/** `random_float(min, max)`: a random float from `min` (inclusive) to `max` (exclusive). */
export const randomFloat = defineFunction({
  name: 'random_float',
  parameters: [required('min', kind.FLOAT), required('max', kind.FLOAT)],
  check: (call) => {
    const min = call.argument('min')?.constant;
    const max = call.argument('max')?.constant;
    if (min !== undefined && max !== undefined && tagOf(min) === Tag.Float && tagOf(max) === Tag.Float) {
      if (numberOfValue(max) <= numberOfValue(min))
        throw call.invalidArgument('max', max, 'max must be greater than min');
    }
  },
  returns: (call) => {
    const constant =
      call.required('min').constant !== undefined && call.required('max').constant !== undefined;
    return TypeDef.float().maybeFallible(!constant);
  },
  call: ([min, max]) => {
    const low = numberOfValue(min as Value);
    const high = numberOfValue(max as Value);
    if (high <= low) return fail('max must be greater than min');
    // 53 random bits: a uniform float in [0, 1).
    const unit = Number(randomBytes(8).readBigUInt64BE(0) >> 11n) / 2 ** 53;
    const value = low + unit * (high - low);
    return floatValue(value < high ? value : low);
  },
});
