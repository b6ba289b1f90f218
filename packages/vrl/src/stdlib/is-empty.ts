import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, sortedKeys } from '../value/value.js';

/** `is_empty(value)`: whether a string, array or object has no bytes, elements or fields. */
export const isEmpty = defineFunction({
  name: 'is_empty',
  parameters: [required('value', kind.OBJECT | kind.ARRAY | kind.BYTES)],
  returns: TypeDef.boolean(),
  call: ([value]) => {
    if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
    return sortedKeys(value as ObjectValue).length === 0;
  },
});
