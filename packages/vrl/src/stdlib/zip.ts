import { defineFunction, expectArray, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import type { Value } from '../value/value.js';

/** `zip(array_0, array_1)`: pairs of the two arrays' elements; with one argument, its arrays zipped together. */
export const zip = defineFunction({
  name: 'zip',
  parameters: [required('array_0', kind.ARRAY), optional('array_1', kind.ARRAY)],
  returns: TypeDef.array(),
  call: ([first, second]) => {
    const arrays =
      second === undefined ? (first as Value[]).map(expectArray) : [first as Value[], second as Value[]];
    // VRL loops forever on `zip([])`; no arrays zip to none.
    if (arrays.length === 0) return [];
    const length = Math.min(...arrays.map((array) => array.length));
    const result: Value[] = [];
    for (let index = 0; index < length; index++) result.push(arrays.map((array) => array[index] as Value));
    return result;
  },
});
