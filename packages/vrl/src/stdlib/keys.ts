import { defineFunction, expectObject, kind, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { sortedKeys } from '../value/value.js';

/** `keys(value)`: an object's keys, in VRL's (sorted) order. */
export const keys = defineFunction({
  name: 'keys',
  parameters: [required('value', kind.OBJECT)],
  returns: TypeDef.array(Collection.empty<number>().withUnknown(Kind.bytes())),
  freshResult: true,
  call: ([value]) => sortedKeys(expectObject(value)),
});
