import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { type Value, valuesEqual } from '../value/value.js';

/** `tally_value(array, value)`: how many elements of the array equal the value. */
export const tallyValue = defineFunction({
  name: 'tally_value',
  parameters: [required('array', kind.ARRAY), required('value', kind.ANY)],
  returns: TypeDef.integer(),
  call: ([array, value]) => (array as Value[]).filter((item) => valuesEqual(item, value)).length,
});
