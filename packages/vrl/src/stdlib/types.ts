import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { Tag, tagOf, type Value } from '../value/value.js';

/** The `is_*` functions: whether a value has a kind. */
function isKind(name: string, test: (value: Value | undefined) => boolean) {
  return defineFunction({
    name,
    parameters: [required('value', kind.ANY)],
    returns: TypeDef.boolean(),
    call: ([value]) => test(value),
  });
}

export const isString = isKind('is_string', (value) => tagOf(value) === Tag.Bytes);
export const isInteger = isKind('is_integer', (value) => tagOf(value) === Tag.Integer);
export const isFloat = isKind('is_float', (value) => tagOf(value) === Tag.Float);
export const isBoolean = isKind('is_boolean', (value) => tagOf(value) === Tag.Boolean);
export const isTimestamp = isKind('is_timestamp', (value) => tagOf(value) === Tag.Timestamp);
export const isRegex = isKind('is_regex', (value) => tagOf(value) === Tag.Regex);
export const isNull = isKind('is_null', (value) => tagOf(value) === Tag.Null);
export const isArray = isKind('is_array', (value) => tagOf(value) === Tag.Array);
export const isObject = isKind('is_object', (value) => tagOf(value) === Tag.Object);
