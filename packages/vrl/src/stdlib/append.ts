import { defineFunction, kind, required } from '../function.js';
import type { Collection } from '../type/kind.js';
import type { Value } from '../value/value.js';

/** `append(value, items)`: the arrays joined. */
export const append = defineFunction({
  name: 'append',
  parameters: [required('value', kind.ARRAY), required('items', kind.ARRAY)],
  returns: (call) => {
    const typeDef = call.required('value').typeDef.restrictArray();
    const items = call.required('items').typeDef.restrictArray().kind.array as Collection<number>;
    const array = typeDef.kind.array as Collection<number>;
    const length = array.unknownKind().containsAnyDefined() ? undefined : array.minLength();
    if (length !== undefined) {
      for (const [index, itemKind] of items.known) array.set(index + length, itemKind);
      array.setUnknown(items.unknownKind());
    } else {
      array.setUnknown(array.unknownKind().union(items.reducedKind()));
    }
    return typeDef.infallible();
  },
  call: ([value, items]) => [...(value as Value[]), ...(items as Value[])],
});
