import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { type ObjectValue, setOwnField, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';
import { closureOf, keyValueClosure } from './closures.js';

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
