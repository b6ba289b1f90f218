import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { floatValue } from '../value/markers.js';
import { Tag, tagOf, type Value } from '../value/value.js';
import { parseRustFloat, rustDebugString } from './rust.js';

/** A string as a float (VRL's `Conversion::Float`, shared with `parse_float`), or VRL's error. */
export function bytesToFloat(text: string): Value {
  const parsed = parseRustFloat(text);
  if ('error' in parsed)
    return fail(`Invalid floating point number ${rustDebugString(text)}: ${parsed.error}`);
  if (Number.isNaN(parsed.value)) return fail(`NaN number not supported ${rustDebugString(text)}`);
  return floatValue(parsed.value);
}

/** `to_float(value)`: integers widen, booleans are 0.0/1.0, timestamps their Unix seconds, strings parse. */
export const toFloat = defineFunction({
  name: 'to_float',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    const argument = call.required('value').typeDef.kind;
    return TypeDef.float().maybeFallible(
      argument.containsBytes() ||
        argument.containsArray() ||
        argument.containsObject() ||
        argument.containsRegex(),
    );
  },
  call: ([value]) => {
    switch (tagOf(value)) {
      case Tag.Float:
        return value as Value;
      case Tag.Integer:
        return floatValue(Number(value));
      case Tag.Boolean:
        return floatValue(value ? 1 : 0);
      case Tag.Null:
        return floatValue(0);
      case Tag.Timestamp: {
        const date = value as Date;
        const nanos = (date as { submillisecondNanos?: number }).submillisecondNanos ?? 0;
        return floatValue((date.getTime() * 1_000_000 + nanos) / 1_000_000_000);
      }
      case Tag.Bytes:
        return bytesToFloat(value as string);
      default:
        return fail(`unable to coerce ${kindName(value)} into float`);
    }
  },
});
