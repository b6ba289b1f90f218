import { type CompileCall, defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { type ObjectValue, setOwnField, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';

function flattenArray(array: readonly Value[], into: Value[]): Value[] {
  for (const item of array) {
    if (Array.isArray(item)) flattenArray(item, into);
    else into.push(item);
  }
  return into;
}

function flattenObject(
  object: ObjectValue,
  separator: string,
  except: ReadonlySet<string>,
  prefix: string | undefined,
  into: ObjectValue,
): ObjectValue {
  for (const key of sortedKeys(object)) {
    const value = object[key] as Value;
    const name = prefix === undefined ? key : `${prefix}${separator}${key}`;
    // Nested objects are flattened unless their key is excepted; arrays stay as they are.
    if (tagOf(value) === Tag.Object && !except.has(key))
      flattenObject(value as ObjectValue, separator, except, name, into);
    else setOwnField(into, name, value);
  }
  return into;
}

/** The `except` literal: field names, known at compile time. */
function exceptedKeys(call: CompileCall): Set<string> {
  if (call.argument('except') === undefined) return new Set();
  const keys = new Set<string>();
  for (const key of call.literal('except') as Value[]) {
    if (typeof key !== 'string') throw call.invalidArgument('except', key, 'expected a string value');
    keys.add(key);
  }
  return keys;
}

/** `flatten(value, separator: ".", except: [])`: nested arrays in one array, nested objects in one object with joined keys. */
export const flatten = defineFunction({
  name: 'flatten',
  parameters: [
    required('value', kind.OBJECT | kind.ARRAY),
    optional('separator', kind.BYTES),
    optional('except', kind.ARRAY),
  ],
  compile(call) {
    const value = call.required('value');
    const separator = call.argument('separator')?.evaluate;
    const except = exceptedKeys(call);
    return {
      run(context) {
        const target = value.evaluate(context);
        const joiner = separator === undefined ? '.' : separator(context);
        if (typeof joiner !== 'string') return fail(`expected string, got ${kindName(joiner)}`);
        if (Array.isArray(target)) return flattenArray(target, []);
        if (tagOf(target) === Tag.Object)
          return flattenObject(target as ObjectValue, joiner, except, undefined, {});
        return fail(`expected array or object, got ${kindName(target)}`);
      },
      typeDef: value.typeDef.isArray() ? TypeDef.array() : TypeDef.object(),
    };
  },
});
