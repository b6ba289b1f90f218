import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, sortedKeys, type Value } from '../value/value.js';

/** `to_entries(value)`: `{ "key": …, "value": … }` for each field of an object (or index of an array). */
export const toEntries = defineFunction({
  name: 'to_entries',
  parameters: [required('value', kind.OBJECT | kind.ARRAY)],
  returns: TypeDef.array(),
  call: ([value]) => {
    if (Array.isArray(value)) return value.map((item, index) => ({ key: index, value: item }));
    const object = value as ObjectValue;
    return sortedKeys(object).map((key): Value => ({ key, value: object[key] as Value }));
  },
});
