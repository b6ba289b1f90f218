import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { I64_LIMIT } from '../value/markers.js';
import { numberOfValue, Tag, tagOf, type Value } from '../value/value.js';
import { parseRustInteger, rustDebugString } from './rust.js';

/** `to_int(value)`: floats truncate, booleans are 0/1, timestamps their Unix seconds, strings parse. */
export const toInt = defineFunction({
  name: 'to_int',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    const argument = call.required('value').typeDef.kind;
    return TypeDef.integer().maybeFallible(
      argument.containsBytes() ||
        argument.containsArray() ||
        argument.containsObject() ||
        argument.containsRegex(),
    );
  },
  call: ([value]) => {
    switch (tagOf(value)) {
      case Tag.Integer:
        return value as Value;
      case Tag.Float: {
        // Rust's `as i64` saturates (and NaN is 0).
        const number = Math.trunc(numberOfValue(value as Value));
        if (number >= I64_LIMIT) return 2n ** 63n - 1n;
        if (number <= -I64_LIMIT) return -(2n ** 63n);
        return Number.isSafeInteger(number) ? number : BigInt(number);
      }
      case Tag.Boolean:
        return value ? 1 : 0;
      case Tag.Null:
        return 0;
      case Tag.Bytes: {
        const parsed = parseRustInteger(value as string);
        if ('error' in parsed)
          return fail(`Invalid integer ${rustDebugString(value as string)}: ${parsed.error}`);
        return parsed.value;
      }
      case Tag.Timestamp:
        return Math.floor((value as Date).getTime() / 1000);
      default:
        return fail(`unable to coerce ${kindName(value)} into integer`);
    }
  },
});
