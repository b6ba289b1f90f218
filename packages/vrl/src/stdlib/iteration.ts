import { Collection, Kind } from '../type/kind.js';
import {
  type ClosureDefinition,
  defineFunction,
  expectBoolean,
  expectString,
  kind,
  optional,
  type RuntimeClosure,
  required,
} from '../function.js';
import type { Context } from '../runtime/context.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, setOwnField, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';

/**
 * The iteration functions: a closure runs for each element of an object (in key order) or array.
 * On objects the closure gets (key, value), on arrays (index, value), as in VRL.
 */

const collection = Kind.object(Collection.any()).orArray(Collection.any());

function keyValueClosure(output: Kind, example: string): ClosureDefinition {
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

function closureOf(closure: RuntimeClosure | undefined): RuntimeClosure {
  if (closure === undefined) throw new Error('the compiler guarantees a closure');
  return closure;
}

/** `for_each(value) -> |key, value| { … }`: runs the closure for each element; returns null. */
export const forEach = defineFunction({
  name: 'for_each',
  parameters: [required('value', kind.OBJECT | kind.ARRAY)],
  closure: keyValueClosure(Kind.any(), 'for_each([1, 2]) -> |index, value| { .counter = index + value }'),
  compile(call) {
    const value = call.required('value').evaluate;
    const closure = closureOf(call.closure);
    return {
      run(context) {
        const target = value(context);
        if (Array.isArray(target)) {
          target.forEach((item, index) => closure.run(context, index, item));
        } else if (tagOf(target) === Tag.Object) {
          const object = target as ObjectValue;
          for (const key of sortedKeys(object)) closure.runKeyValue(context, key, object[key] as Value);
        }
        return null;
      },
      typeDef: TypeDef.null(),
    };
  },
});

/** `filter(value) -> |key, value| { bool }`: the elements for which the closure is true. */
export const filter = defineFunction({
  name: 'filter',
  parameters: [required('value', kind.OBJECT | kind.ARRAY)],
  closure: keyValueClosure(Kind.boolean(), 'filter([1, 2]) -> |_index, value| { value > 1 }'),
  compile(call) {
    const value = call.required('value');
    const closure = closureOf(call.closure);
    const typeDef = value.typeDef;
    let kindOfResult = typeDef.kind.clone();
    if (kindOfResult.containsArray()) kindOfResult = kindOfResult.orArray(Collection.any());
    if (kindOfResult.containsObject()) kindOfResult = kindOfResult.orObject(Collection.any());
    return {
      run(context) {
        const target = value.evaluate(context);
        if (Array.isArray(target)) {
          return target.filter((item, index) => closure.run(context, index, item) === true);
        }
        if (tagOf(target) === Tag.Object) {
          const object = target as ObjectValue;
          const result: ObjectValue = {};
          for (const key of sortedKeys(object)) {
            const item = object[key] as Value;
            if (closure.runKeyValue(context, key, item) === true) setOwnField(result, key, item);
          }
          return result;
        }
        return fail('function requires collection types as input');
      },
      typeDef: typeDef.withKind(kindOfResult),
    };
  },
});

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
    const resultKind = call.required('value').typeDef.kind.clone();
    replaceKnownKinds(resultKind, call.closureTypeDef?.kind ?? Kind.any(), true);
    return {
      run(context) {
        const deep = recursive === undefined ? false : expectBoolean(recursive(context));
        return mapCollectionValues(value(context), context, closure, deep);
      },
      typeDef: TypeDef.of(resultKind),
    };
  },
});

function replaceKnownKinds(from: Kind, to: Kind, root: boolean): void {
  if (from.object !== undefined) for (const child of from.object.known.values()) replaceKnownKinds(child, to, false);
  if (from.array !== undefined) for (const child of from.array.known.values()) replaceKnownKinds(child, to, false);
  if (!root) {
    const replacement = to.clone();
    Object.assign(from, replacement);
  }
}

function mapCollectionValues(target: Value, context: Context, closure: RuntimeClosure, recursive: boolean): Value {
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

function mapCollectionKeys(target: Value, context: Context, closure: RuntimeClosure, recursive: boolean): Value {
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
