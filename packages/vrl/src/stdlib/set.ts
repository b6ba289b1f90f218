import { defineFunction, kind, required } from '../function.js';
import { insertPath } from '../runtime/path.js';
import { Collection } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import type { Value } from '../value/value.js';
import { copyAlongPath, pathSegments } from './dynamic-path.js';

/** `set(value, path, data)`: a copy of the object or array with `data` at a dynamic path. */
export const set = defineFunction({
  name: 'set',
  parameters: [
    required('value', kind.OBJECT | kind.ARRAY),
    required('path', kind.ARRAY),
    required('data', kind.ANY),
  ],
  returns: (call) => {
    const value = call.required('value').typeDef;
    let typeDef = TypeDef.never().fallible();
    if (value.isArray()) typeDef = typeDef.orArray(Collection.any());
    if (value.isObject()) typeDef = typeDef.orObject(Collection.any());
    return typeDef;
  },
  call: ([value, path, data]) => {
    const segments = pathSegments(path as Value[]);
    return insertPath(copyAlongPath(value as Value, segments), segments, data as Value);
  },
});
