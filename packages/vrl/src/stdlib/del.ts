import { defineFunction, expectBoolean, kind, optional, readOnlyMutation, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `del(path, compact: false)`: removes the path and returns what was there (null when nothing). */
export const del = defineFunction({
  name: 'del',
  parameters: [required('target', kind.ANY), optional('compact', kind.BOOLEAN, false)],
  compile(call) {
    const query = call.query('target');
    if (call.isReadOnly(query)) {
      throw readOnlyMutation(`${call.required('target').text} is read-only, and cannot be deleted`);
    }
    const compactArgument = call.argument('compact');
    const constantCompact = compactArgument === undefined ? false : compactArgument.constant;
    const evaluateCompact = compactArgument?.evaluate;
    return {
      run(context) {
        const compact = evaluateCompact === undefined ? false : expectBoolean(evaluateCompact(context));
        if (query.kind === 'expression') return query.get(context) ?? null;
        return query.remove(context, compact) ?? null;
      },
      typeDef: TypeDef.any(),
      typeInfo(input) {
        const state = input.clone();
        const result = query.applyTypeInfo(state).impure();
        if (typeof constantCompact === 'boolean') {
          query.deleteType(state, constantCompact);
        } else {
          const withoutCompact = state.clone();
          query.deleteType(withoutCompact, false);
          const withCompact = state.clone();
          query.deleteType(withCompact, true);
          state.external = withoutCompact.external.merge(withCompact.external);
        }
        return { state, result };
      },
      freshResult: true,
    };
  },
});
