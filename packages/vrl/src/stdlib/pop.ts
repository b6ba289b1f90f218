import { defineFunction, kind, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import type { Value } from '../value/value.js';

/** `pop(value)`: the array without its last element. */
export const pop = defineFunction({
  name: 'pop',
  parameters: [required('value', kind.ARRAY)],
  returns: (call) =>
    call.required('value').typeDef.fallibleUnless(Kind.array(Collection.any())).restrictArray(),
  call: ([value]) => (value as Value[]).slice(0, -1),
});
