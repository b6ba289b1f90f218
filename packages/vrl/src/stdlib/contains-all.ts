import { defineFunction, expectString, kind, optional, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';

/** `contains_all(value, substrings, case_sensitive: true)`: whether the string contains every substring. */
export const containsAll = defineFunction({
  name: 'contains_all',
  parameters: [
    required('value', kind.BYTES),
    required('substrings', kind.ARRAY),
    optional('case_sensitive', kind.BOOLEAN, true),
  ],
  returns: (call) => {
    const substrings = call.required('substrings').typeDef.kind.array ?? Collection.any();
    const allStrings = Collection.fromUnknown<number>(Kind.bytes()).isSuperset(substrings) === undefined;
    return TypeDef.boolean().maybeFallible(!allStrings);
  },
  call: ([value, substrings, caseSensitive]) => {
    const lower = caseSensitive === false;
    const text = lower ? (value as string).toLowerCase() : (value as string);
    for (const item of substrings as unknown[]) {
      const substring = expectString(item as string);
      if (!text.includes(lower ? substring.toLowerCase() : substring)) return false;
    }
    return true;
  },
});
