import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, setOwnField, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';
import { isNullishValue } from './is-nullish.js';

interface CompactOptions {
  recursive: boolean;
  null: boolean;
  string: boolean;
  object: boolean;
  array: boolean;
  nullish: boolean;
}

function isEmptyValue(value: Value, options: CompactOptions): boolean {
  if (options.nullish && isNullishValue(value)) return true;
  switch (tagOf(value)) {
    case Tag.Bytes:
      return options.string && (value as string).length === 0;
    case Tag.Null:
      return options.null;
    case Tag.Object:
      return options.object && sortedKeys(value as ObjectValue).length === 0;
    case Tag.Array:
      return options.array && (value as Value[]).length === 0;
    default:
      return false;
  }
}

function compactValue(value: Value, options: CompactOptions): Value {
  if (Array.isArray(value)) {
    const result: Value[] = [];
    for (const item of value) {
      const compacted = options.recursive ? compactValue(item, options) : item;
      if (!isEmptyValue(compacted, options)) result.push(compacted);
    }
    return result;
  }
  if (tagOf(value) === Tag.Object) {
    const object = value as ObjectValue;
    const result: ObjectValue = {};
    for (const key of sortedKeys(object)) {
      const item = object[key] as Value;
      const compacted = options.recursive ? compactValue(item, options) : item;
      if (!isEmptyValue(compacted, options)) setOwnField(result, key, compacted);
    }
    return result;
  }
  return value;
}

/** `compact(value, recursive, null, string, object, array, nullish)`: the array or object without its empty values. */
export const compact = defineFunction({
  name: 'compact',
  parameters: [
    required('value', kind.OBJECT | kind.ARRAY),
    optional('recursive', kind.BOOLEAN, true),
    optional('null', kind.BOOLEAN, true),
    optional('string', kind.BOOLEAN, true),
    optional('object', kind.BOOLEAN, true),
    optional('array', kind.BOOLEAN, true),
    optional('nullish', kind.BOOLEAN, false),
  ],
  returns: (call) => (call.required('value').typeDef.isArray() ? TypeDef.array() : TypeDef.object()),
  call: ([value, recursive, nullValue, string, object, array, nullish]) =>
    compactValue(value as Value, {
      recursive: recursive as boolean,
      null: nullValue as boolean,
      string: string as boolean,
      object: object as boolean,
      array: array as boolean,
      nullish: nullish as boolean,
    }),
});
