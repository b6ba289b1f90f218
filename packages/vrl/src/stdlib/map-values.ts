import { defineFunction, expectBoolean, kind, optional, type RuntimeClosure, required } from '../function.js';
import type { Context } from '../runtime/context.js';
import { Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, setOwnField, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';
import { closureOf, collection } from './closures.js';

/** `map_values(value, recursive: false) -> |value| { … }`: each value replaced by the closure's result. */
export const mapValues = defineFunction({
  name: 'map_values',
  parameters: [required('value', kind.OBJECT | kind.ARRAY), optional('recursive', kind.BOOLEAN, false)],
  closure: {
    inputs: [
      {
        parameterKeyword: 'value',
        kind: collection,
        variables: [{ type: 'target inner value' }],
        output: Kind.any(),
        example: 'map_values({ "a": 1 }) -> |value| { value + 1 }',
      },
    ],
  },
  compile(call) {
    const value = call.required('value').evaluate;
    const recursive = call.argument('recursive')?.evaluate;
    const closure = closureOf(call.closure);
    const resultKind = replaceKnownKinds(
      call.required('value').typeDef.kind,
      call.closureTypeDef?.kind ?? Kind.any(),
    );
    return {
      run(context) {
        const deep = recursive === undefined ? false : expectBoolean(recursive(context));
        return mapCollectionValues(value(context), context, closure, deep);
      },
      typeDef: TypeDef.of(resultKind),
    };
  },
});

/** VRL's `recursive_type_def`: every known element's kind becomes the closure's. */
function replaceKnownKinds(from: Kind, to: Kind): Kind {
  const result = from.clone();
  if (result.object !== undefined)
    for (const key of [...result.object.known.keys()]) result.object.set(key, to);
  if (result.array !== undefined) for (const key of [...result.array.known.keys()]) result.array.set(key, to);
  return result;
}

function mapCollectionValues(
  target: Value,
  context: Context,
  closure: RuntimeClosure,
  recursive: boolean,
): Value {
  const map = (item: Value): Value => {
    const mapped = closure.run(context, item);
    return recursive && (Array.isArray(mapped) || tagOf(mapped) === Tag.Object)
      ? mapCollectionValues(mapped, context, closure, true)
      : mapped;
  };
  if (Array.isArray(target)) return target.map(map);
  if (tagOf(target) !== Tag.Object) return target;
  const object = target as ObjectValue;
  const result: ObjectValue = {};
  for (const key of sortedKeys(object)) setOwnField(result, key, map(object[key] as Value));
  return result;
}
