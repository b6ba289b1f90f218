import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import type { Value } from '../value/value.js';

/** The `is_*` functions: whether a value has a kind. */
export function isKind(name: string, test: (value: Value | undefined) => boolean) {
  return defineFunction({
    name,
    parameters: [required('value', kind.ANY)],
    returns: TypeDef.boolean(),
    call: ([value]) => test(value),
  });
}
