import { defineFunction, kind, optional, required } from '../function.js';
import { type ObjectValue, setOwnField, Tag, tagOf } from '../value/value.js';

/** `merge(to, from, deep: false)`: `from`'s fields over `to`'s; `deep` merges nested objects too. */
export const merge = defineFunction({
  name: 'merge',
  parameters: [
    required('to', kind.OBJECT),
    required('from', kind.OBJECT),
    optional('deep', kind.BOOLEAN, false),
  ],
  returns: (call) =>
    call
      .required('to')
      .typeDef.restrictObject()
      .mergeOverwrite(call.required('from').typeDef.restrictObject()),
  call: ([to, from, deep]) => {
    const result = { ...(to as ObjectValue) };
    mergeInto(result, from as ObjectValue, deep === true);
    return result;
  },
});

function mergeInto(target: ObjectValue, source: ObjectValue, deep: boolean): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    const existing = target[key];
    if (deep && tagOf(existing) === Tag.Object && tagOf(value) === Tag.Object && Object.hasOwn(target, key)) {
      const nested = { ...(existing as ObjectValue) };
      mergeInto(nested, value as ObjectValue, true);
      setOwnField(target, key, nested);
    } else {
      setOwnField(target, key, value);
    }
  }
}
