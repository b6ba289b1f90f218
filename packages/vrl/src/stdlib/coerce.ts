import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { formatFloat, formatTimestamp } from '../value/display.js';
import { floatValue } from '../value/markers.js';
import { numberOfValue, Tag, tagOf, type Value } from '../value/value.js';
import { parseRustFloat, parseRustInteger, rustDebugString } from './rust.js';

/**
 * The coercion functions (`to_string`, `to_int`, `to_float`) and the type assertions that return
 * their argument when it has the kind (`string`, `int`, `float`, `bool`, `array`, `object`,
 * `timestamp`), as VRL defines them.
 */

/** `to_string(value)`: scalars as text; null as "". */
export const toString = defineFunction({
  name: 'to_string',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    const argument = call.required('value').typeDef.kind;
    return TypeDef.bytes().maybeFallible(argument.containsArray() || argument.containsObject() || argument.containsRegex());
  },
  call: ([value]) => valueToString(value as Value),
});

/** VRL's `to_string` of one value (errors for arrays, objects, regexes). */
export function valueToString(value: Value): string {
  switch (tagOf(value)) {
    case Tag.Bytes:
      return value as string;
    case Tag.Integer:
      return String(value);
    case Tag.Float:
      return formatFloat(numberOfValue(value));
    case Tag.Boolean:
      return String(value);
    case Tag.Timestamp:
      return formatTimestamp(value as Date);
    case Tag.Null:
      return '';
    default:
      return fail(`unable to coerce ${kindName(value)} into string`);
  }
}

const I64_LIMIT = 2 ** 63;

/** `to_int(value)`: floats truncate, booleans are 0/1, timestamps their Unix seconds, strings parse. */
export const toInt = defineFunction({
  name: 'to_int',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    const argument = call.required('value').typeDef.kind;
    return TypeDef.integer().maybeFallible(
      argument.containsBytes() || argument.containsArray() || argument.containsObject() || argument.containsRegex(),
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
        if ('error' in parsed) return fail(`Invalid integer ${rustDebugString(value as string)}: ${parsed.error}`);
        return parsed.value;
      }
      case Tag.Timestamp:
        return Math.floor((value as Date).getTime() / 1000);
      default:
        return fail(`unable to coerce ${kindName(value)} into integer`);
    }
  },
});

/** `to_float(value)`: integers widen, booleans are 0.0/1.0, timestamps their Unix seconds, strings parse. */
export const toFloat = defineFunction({
  name: 'to_float',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    const argument = call.required('value').typeDef.kind;
    return TypeDef.float().maybeFallible(
      argument.containsBytes() || argument.containsArray() || argument.containsObject() || argument.containsRegex(),
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
      case Tag.Bytes: {
        const parsed = parseRustFloat(value as string);
        if ('error' in parsed) {
          return fail(`Invalid floating point number ${rustDebugString(value as string)}: ${parsed.error}`);
        }
        if (Number.isNaN(parsed.value)) return fail(`NaN number not supported ${rustDebugString(value as string)}`);
        return floatValue(parsed.value);
      }
      default:
        return fail(`unable to coerce ${kindName(value)} into float`);
    }
  },
});

/** A type assertion: returns the argument when it has the kind, else "expected …, got …". */
function assertion(name: string, tag: Tag, expected: string, typeDef: TypeDef, isKind: (argument: TypeDef) => boolean) {
  return defineFunction({
    name,
    parameters: [required('value', kind.ANY)],
    returns: (call) => typeDef.maybeFallible(!isKind(call.required('value').typeDef)),
    call: ([value]) => (tagOf(value) === tag ? (value as Value) : fail(`expected ${expected}, got ${kindName(value)}`)),
  });
}

export const string = assertion('string', Tag.Bytes, 'string', TypeDef.bytes(), (type) => type.isBytes());
export const int = assertion('int', Tag.Integer, 'integer', TypeDef.integer(), (type) => type.isInteger());
export const float = assertion('float', Tag.Float, 'float', TypeDef.float(), (type) => type.isFloat());
export const bool = assertion('bool', Tag.Boolean, 'boolean', TypeDef.boolean(), (type) => type.isBoolean());
export const timestamp = assertion('timestamp', Tag.Timestamp, 'timestamp', TypeDef.timestamp(), (type) =>
  type.isTimestamp(),
);
export const array = defineFunction({
  name: 'array',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    return call.required('value').typeDef.fallibleUnless(Kind.array(Collection.any())).restrictArray();
  },
  call: ([value]) => (Array.isArray(value) ? value : fail(`expected array, got ${kindName(value)}`)),
});
export const object = defineFunction({
  name: 'object',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    return call.required('value').typeDef.fallibleUnless(Kind.object(Collection.any())).restrictObject();
  },
  call: ([value]) => (tagOf(value) === Tag.Object ? (value as Value) : fail(`expected object, got ${kindName(value)}`)),
});
