import { defineFunction, kind, required } from '../function.js';
import { Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';
import { closureOf, keyValueClosure } from './closures.js';

/** `for_each(value) -> |key, value| { … }`: runs the closure for each element (objects in key order); returns null. */
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
          for (let index = 0; index < target.length; index++)
            closure.run(context, index, target[index] as Value);
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
