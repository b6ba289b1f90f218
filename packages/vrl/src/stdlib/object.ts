import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { kindName } from '../type/value-kind.js';
import { Tag, tagOf, type Value } from '../value/value.js';

/** `object(value)`: the value when it is an object, else an error. */
export const object = defineFunction({
  name: 'object',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    return call.required('value').typeDef.fallibleUnless(Kind.object(Collection.any())).restrictObject();
  },
  call: ([value]) =>
    tagOf(value) === Tag.Object ? (value as Value) : fail(`expected object, got ${kindName(value)}`),
});
