import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { type Value, valuesEqual } from '../value/value.js';

/** `includes(value, item)`: whether the array holds the item (an integer never equals a float). */
export const includes = defineFunction({
  name: 'includes',
  parameters: [required('value', kind.ARRAY), required('item', kind.ANY)],
  returns: TypeDef.boolean(),
  call: ([value, item]) => (value as Value[]).some((element) => valuesEqual(element, item)),
});
