import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { insertPath, removePath } from '../runtime/path.js';
import type { Segment } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { cloneValue } from '../value/value.js';

/**
 * The type of `unnest`'s result (VRL's `invert_array_at_path`): for each element type of the array
 * at the path, the root's type with that element at the path.
 */
function invertArrayAtPath(typeDef: TypeDef, path: readonly Segment[]): TypeDef {
  const array = typeDef.kind.atPath(path).array?.clone();
  if (array === undefined) return TypeDef.never();
  for (const [index, element] of array.known) {
    const root = typeDef.kind.clone();
    root.insert(path, element.clone());
    array.set(index, root);
  }
  const unknown = array.unknownKind();
  if (unknown.containsAnyDefined()) {
    const root = typeDef.kind.clone();
    root.insert(path, unknown.withoutUndefined());
    array.setUnknown(root);
  }
  return TypeDef.array(array);
}

/** `unnest(path)`: one copy of the path's root for each element of the array at the path, holding that element. */
export const unnest = defineFunction({
  name: 'unnest',
  parameters: [required('path', kind.ARRAY)],
  compile(call) {
    const query = call.query('path');
    const path = query.path;
    return {
      run(context) {
        const holder = { root: cloneValue(query.root(context)) };
        const removed = removePath(holder, path, true);
        if (!Array.isArray(removed)) return fail(`expected array, got ${kindName(removed ?? null)}`);
        const trimmed = holder.root;
        return removed.map((item) => insertPath(cloneValue(trimmed), path, item));
      },
      typeDef: (state) => invertArrayAtPath(query.rootTypeDef(state), path),
      freshResult: true,
    };
  },
});
