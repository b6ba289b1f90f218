import { defineFunction, expectArray, expectObject, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { getPath } from '../runtime/path.js';
import { Collection, Kind, type Segment } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { type ObjectValue, setOwnField, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';

/** The collection functions: `merge`, `push`, `append`, `get`, `keys`, `values`, `length`. */

/** `merge(to, from, deep: false)`: `from`'s fields over `to`'s; `deep` merges nested objects too. */
export const merge = defineFunction({
  name: 'merge',
  parameters: [required('to', kind.OBJECT), required('from', kind.OBJECT), optional('deep', kind.BOOLEAN, false)],
  returns: (call) =>
    call.required('to').typeDef.restrictObject().mergeOverwrite(call.required('from').typeDef.restrictObject()),
  call: ([to, from, deep]) => {
    const result = { ...(to as ObjectValue) };
    mergeInto(result, from as ObjectValue, deep === true);
    return result;
  },
});

function mergeInto(target: ObjectValue, source: ObjectValue, deep: boolean): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    const existing = target[key];
    if (deep && tagOf(existing) === Tag.Object && tagOf(value) === Tag.Object && Object.hasOwn(target, key)) {
      const nested = { ...(existing as ObjectValue) };
      mergeInto(nested, value as ObjectValue, true);
      setOwnField(target, key, nested);
    } else {
      setOwnField(target, key, value);
    }
  }
}

/** `push(value, item)`: the array with the item at the end. */
export const push = defineFunction({
  name: 'push',
  parameters: [required('value', kind.ARRAY), required('item', kind.ANY)],
  returns: (call) => {
    const item = call.required('item').typeDef.kind.upgradeUndefined();
    const typeDef = call.required('value').typeDef.restrictArray();
    const array = typeDef.kind.array as Collection<number>;
    const length = array.unknownKind().containsAnyDefined() ? undefined : array.minLength();
    if (length !== undefined) array.known.set(length, item);
    else array.setUnknown(array.unknownKind().union(item));
    return typeDef.infallible();
  },
  call: ([value, item]) => [...(value as Value[]), item as Value],
});

/** `append(value, items)`: the arrays joined. */
export const append = defineFunction({
  name: 'append',
  parameters: [required('value', kind.ARRAY), required('items', kind.ARRAY)],
  returns: (call) => {
    const typeDef = call.required('value').typeDef.restrictArray();
    const items = call.required('items').typeDef.restrictArray().kind.array as Collection<number>;
    const array = typeDef.kind.array as Collection<number>;
    const length = array.unknownKind().containsAnyDefined() ? undefined : array.minLength();
    if (length !== undefined) {
      for (const [index, itemKind] of items.known) array.known.set(index + length, itemKind.clone());
      array.setUnknown(items.unknownKind());
    } else {
      array.setUnknown(array.unknownKind().union(items.reducedKind()));
    }
    return typeDef.infallible();
  },
  call: ([value, items]) => [...(value as Value[]), ...(items as Value[])],
});

/** `get(value, path)`: the value at a dynamic path (an array of field names and indices). */
export const get = defineFunction({
  name: 'get',
  parameters: [required('value', kind.OBJECT | kind.ARRAY), required('path', kind.ARRAY)],
  returns: TypeDef.any().fallible(),
  call: ([value, path]) => {
    const segments: Segment[] = [];
    for (const segment of expectArray(path)) {
      if (typeof segment === 'string') segments.push({ field: segment });
      else if (tagOf(segment) === Tag.Integer) segments.push({ index: Number(segment) });
      else return fail(`path segment must be either string or integer, not ${kindName(segment)}`);
    }
    return getPath(value as Value, segments) ?? null;
  },
});

/** `keys(value)`: an object's keys, in VRL's (sorted) order. */
export const keys = defineFunction({
  name: 'keys',
  parameters: [required('value', kind.OBJECT)],
  returns: TypeDef.array(Collection.empty<number>().withUnknown(Kind.bytes())),
  freshResult: true,
  call: ([value]) => sortedKeys(expectObject(value)),
});

/** `values(value)`: an object's values, in the order of its sorted keys. */
export const values = defineFunction({
  name: 'values',
  parameters: [required('value', kind.OBJECT)],
  returns: (call) =>
    TypeDef.array(
      Collection.empty<number>().withUnknown(
        call.required('value').typeDef.kind.object?.reducedKind() ?? Kind.any(),
      ),
    ),
  call: ([value]) => {
    const object = expectObject(value);
    return sortedKeys(object).map((key) => object[key] as Value);
  },
});

const encoder = new TextEncoder();

/** The length of a string in UTF-8 bytes (VRL's strings are bytes). */
export function utf8Length(text: string): number {
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) > 0x7f) return encoder.encode(text).length;
  }
  return text.length;
}

/** `length(value)`: elements of an array, fields of an object, bytes (UTF-8) of a string. */
export const length = defineFunction({
  name: 'length',
  parameters: [required('value', kind.ARRAY | kind.OBJECT | kind.BYTES)],
  returns: TypeDef.integer(),
  call: ([value]) => {
    if (typeof value === 'string') return utf8Length(value);
    if (Array.isArray(value)) return value.length;
    return sortedKeys(value as ObjectValue).length;
  },
});

