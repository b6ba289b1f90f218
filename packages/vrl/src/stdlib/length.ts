import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, sortedKeys } from '../value/value.js';
import { utf8Length } from './bytes.js';

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
