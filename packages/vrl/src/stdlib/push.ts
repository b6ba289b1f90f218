import { defineFunction, kind, required } from '../function.js';
import type { Collection } from '../type/kind.js';
import type { Value } from '../value/value.js';

/** `push(value, item)`: the array with the item at the end. */
export const push = defineFunction({
  name: 'push',
  parameters: [required('value', kind.ARRAY), required('item', kind.ANY)],
  returns: (call) => {
    const item = call.required('item').typeDef.kind.upgradeUndefined();
    const typeDef = call.required('value').typeDef.restrictArray();
    const array = typeDef.kind.array as Collection<number>;
    const length = array.unknownKind().containsAnyDefined() ? undefined : array.minLength();
    if (length !== undefined) array.set(length, item);
    else array.setUnknown(array.unknownKind().union(item));
    return typeDef.infallible();
  },
  call: ([value, item]) => [...(value as Value[]), item as Value],
});
