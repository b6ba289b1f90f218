import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { kindName } from '../type/value-kind.js';

/** `array(value)`: the value when it is an array, else an error. */
export const array = defineFunction({
  name: 'array',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    return call.required('value').typeDef.fallibleUnless(Kind.array(Collection.any())).restrictArray();
  },
  call: ([value]) => (Array.isArray(value) ? value : fail(`expected array, got ${kindName(value)}`)),
});
