import {
  defineFunction,
  expectBoolean,
  expectString,
  kind,
  optional,
  type RuntimeClosure,
  required,
} from '../function.js';
import type { Context } from '../runtime/context.js';
import { Collection, Kind } from '../type/kind.js';
import { type ObjectValue, setOwnField, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';
import { closureOf } from './closures.js';

/** `map_keys(value, recursive: false) -> |key| { … }`: each key of an object replaced by the closure's result. */
export const mapKeys = defineFunction({
  name: 'map_keys',
  parameters: [required('value', kind.OBJECT), optional('recursive', kind.BOOLEAN, false)],
  closure: {
    inputs: [
      {
        parameterKeyword: 'value',
        kind: Kind.object(Collection.any()),
        variables: [{ type: 'exact', kind: Kind.bytes() }],
        output: Kind.bytes(),
        example: 'map_keys({ "a": 1 }) -> |key| { upcase(key) }',
      },
    ],
  },
  compile(call) {
    const value = call.required('value');
    const recursive = call.argument('recursive')?.evaluate;
    const closure = closureOf(call.closure);
    return {
      run(context) {
        const deep = recursive === undefined ? false : expectBoolean(recursive(context));
        return mapCollectionKeys(value.evaluate(context), context, closure, deep);
      },
      typeDef: value.typeDef,
    };
  },
});

function mapCollectionKeys(
  target: Value,
  context: Context,
  closure: RuntimeClosure,
  recursive: boolean,
): Value {
  const descend = (item: Value): Value =>
    recursive && (Array.isArray(item) || tagOf(item) === Tag.Object)
      ? mapCollectionKeys(item, context, closure, true)
      : item;
  if (Array.isArray(target)) return recursive ? target.map(descend) : target;
  if (tagOf(target) !== Tag.Object) return target;
  const object = target as ObjectValue;
  const result: ObjectValue = {};
  for (const key of sortedKeys(object)) {
    const newKey = expectString(closure.run(context, key));
    setOwnField(result, newKey, descend(object[key] as Value));
  }
  return result;
}
