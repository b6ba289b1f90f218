import { defineFunction, kind, required } from '../function.js';
import { numberOfValue, Tag, tagOf, type Value, wrapI64 } from '../value/value.js';
import { floatOrZero, numberTypeDef } from './rounding.js';

/** `abs(value)`: the absolute value of an integer or float. */
export const abs = defineFunction({
  name: 'abs',
  parameters: [required('value', kind.FLOAT | kind.INTEGER)],
  returns: numberTypeDef,
  call: ([value]) => {
    if (tagOf(value) === Tag.Integer) {
      if (typeof value === 'number') return Math.abs(value);
      const big = value as bigint;
      // i64::MIN has no positive counterpart: it wraps to itself, as in Rust's release builds.
      return wrapI64(big < 0n ? -big : big);
    }
    return floatOrZero(Math.abs(numberOfValue(value as Value)));
  },
});
