import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import type { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { type Tag, tagOf, type Value } from '../value/value.js';

/** A type assertion (`string`, `int`, …): the argument when it has the kind, else "expected …, got …". */
export function assertion(
  name: string,
  tag: Tag,
  expected: string,
  typeDef: TypeDef,
  isKind: (argument: TypeDef) => boolean,
) {
  return defineFunction({
    name,
    parameters: [required('value', kind.ANY)],
    returns: (call) => typeDef.maybeFallible(!isKind(call.required('value').typeDef)),
    call: ([value]) =>
      tagOf(value) === tag ? (value as Value) : fail(`expected ${expected}, got ${kindName(value)}`),
  });
}
