import type { ClosureDefinition, RuntimeClosure } from '../function.js';
import { Collection, Kind } from '../type/kind.js';

/** Shared by the iteration functions: the closure definitions of VRL's `for_each` family. */

/** An object or an array: what the iteration functions take. */
export const collection = Kind.object(Collection.any()).orArray(Collection.any());

/** The closure of the iteration functions: (key, value) on objects, (index, value) on arrays. */
export function keyValueClosure(output: Kind, example: string): ClosureDefinition {
  return {
    inputs: [
      {
        parameterKeyword: 'value',
        kind: collection,
        variables: [{ type: 'target inner key' }, { type: 'target inner value' }],
        output,
        example,
      },
    ],
  };
}

/** The call's closure (the compiler has checked there is one). */
export function closureOf(closure: RuntimeClosure | undefined): RuntimeClosure {
  if (closure === undefined) throw new Error('the compiler guarantees a closure');
  return closure;
}

/** `map_keys(value, recursive: false) -> |key| { … }`: each key of an object replaced by the closure's result. */
