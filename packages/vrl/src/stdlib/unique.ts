import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { encodeJson } from '../value/json.js';
import { tagOf, type Value, valuesEqual } from '../value/value.js';

/** `unique(value)`: the array without repeated elements, first occurrences in order. */
export const unique = defineFunction({
  name: 'unique',
  parameters: [required('value', kind.ARRAY)],
  returns: TypeDef.array(),
  call: ([value]) => {
    // Elements are bucketed by kind and JSON text, then compared as VRL does (1 is not 1.0).
    const seen = new Map<string, Value[]>();
    const result: Value[] = [];
    for (const item of value as Value[]) {
      const key = `${tagOf(item)}${encodeJson(item)}`;
      const bucket = seen.get(key);
      if (bucket === undefined) seen.set(key, [item]);
      else if (bucket.some((other) => valuesEqual(other, item))) continue;
      else bucket.push(item);
      result.push(item);
    }
    return result;
  },
});
