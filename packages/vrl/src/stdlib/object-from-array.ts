import { defineFunction, expectArray, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, setOwnField, type Value } from '../value/value.js';

/** A key: a string, or null to leave the pair out. */
function keyOf(key: Value | undefined): string | undefined {
  if (typeof key === 'string') return key;
  if (key === null) return undefined;
  return fail('object keys must be strings');
}

/** `object_from_array(values, keys)`: an object from `[key, value]` pairs, or from keys and values side by side. */
export const objectFromArray = defineFunction({
  name: 'object_from_array',
  parameters: [required('values', kind.ARRAY), optional('keys', kind.ARRAY)],
  returns: TypeDef.object(),
  call: ([values, keys]) => {
    const result: ObjectValue = {};
    const items = values as Value[];
    if (keys === undefined) {
      for (const pair of items) {
        const pairItems = expectArray(pair);
        if (pairItems.length === 0) return fail('array value too short');
        const name = keyOf(pairItems[0]);
        if (name !== undefined) setOwnField(result, name, pairItems[1] ?? null);
      }
      return result;
    }
    const names = keys as Value[];
    const count = Math.min(names.length, items.length);
    for (let index = 0; index < count; index++) {
      const name = keyOf(names[index]);
      if (name !== undefined) setOwnField(result, name, items[index] as Value);
    }
    return result;
  },
});
