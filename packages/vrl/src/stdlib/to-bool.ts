import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { numberOfValue, Tag, tagOf, type Value } from '../value/value.js';
import { rustDebugString } from './rust.js';

/** VRL's boolean conversion of a string (`Conversion::Boolean`). */
export function parseBoolean(text: string): boolean {
  switch (text) {
    case 'true':
    case 't':
    case 'yes':
    case 'y':
      return true;
    case 'false':
    case 'f':
    case 'no':
    case 'n':
    case '0':
      return false;
  }
  // Rust's `str::parse::<isize>()`: an optional sign and digits, within i64.
  if (/^[+-]?[0-9]+$/.test(text)) {
    const number = BigInt(text);
    if (number >= -(2n ** 63n) && number < 2n ** 63n) return number !== 0n;
  }
  switch (text.toLowerCase()) {
    case 'true':
    case 't':
    case 'yes':
    case 'y':
      return true;
    case 'false':
    case 'f':
    case 'no':
    case 'n':
      return false;
  }
  return fail(`Invalid boolean value ${rustDebugString(text)}`);
}

/** `to_bool(value)`: numbers are true unless zero, null is false, strings as `parseBoolean` reads them. */
export const toBool = defineFunction({
  name: 'to_bool',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    const argument = call.required('value').typeDef.kind;
    return TypeDef.boolean().maybeFallible(
      argument.containsBytes() ||
        argument.containsTimestamp() ||
        argument.containsArray() ||
        argument.containsObject() ||
        argument.containsRegex(),
    );
  },
  call: ([value]) => {
    switch (tagOf(value)) {
      case Tag.Boolean:
        return value as boolean;
      case Tag.Integer:
      case Tag.Float:
        return numberOfValue(value as Value) !== 0;
      case Tag.Null:
        return false;
      case Tag.Bytes:
        return parseBoolean(value as string);
      default:
        return fail(`unable to coerce ${kindName(value)} into boolean`);
    }
  },
});
