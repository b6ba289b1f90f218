import { defineFunction, expectObject, kind, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { sortedKeys, type Value } from '../value/value.js';

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
