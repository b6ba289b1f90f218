import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import type { Value } from '../value/value.js';

/** `exists(path)`: whether the path holds a value (even null). */
export const exists = defineFunction({
  name: 'exists',
  parameters: [required('field', kind.ANY)],
  compile(call) {
    const query = call.query('field');
    return {
      run: (context): Value => query.get(context) !== undefined,
      typeDef: TypeDef.boolean(),
    };
  },
});
