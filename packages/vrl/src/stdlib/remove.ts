import { defineFunction, kind, optional, required } from '../function.js';
import { removePath } from '../runtime/path.js';
import { Collection } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import type { Value } from '../value/value.js';
import { copyAlongPath, pathSegments } from './dynamic-path.js';

/** `remove(value, path, compact: false)`: a copy of the object or array without the value at a dynamic path. */
export const remove = defineFunction({
  name: 'remove',
  parameters: [
    required('value', kind.OBJECT | kind.ARRAY),
    required('path', kind.ARRAY),
    optional('compact', kind.BOOLEAN, false),
  ],
  returns: (call) => {
    const value = call.required('value').typeDef;
    let typeDef = TypeDef.never().fallible();
    if (value.isArray()) typeDef = typeDef.orArray(Collection.any());
    if (value.isObject()) typeDef = typeDef.orObject(Collection.any());
    return typeDef;
  },
  call: ([value, path, compact]) => {
    const segments = pathSegments(path as Value[]);
    const holder = { root: copyAlongPath(value as Value, segments) };
    removePath(holder, segments, compact === true);
    return holder.root;
  },
});
