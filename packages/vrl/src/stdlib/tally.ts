import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, setOwnField, type Value } from '../value/value.js';
import { rustDebugValue } from './rust-debug-value.js';

/** `tally(value)`: how many times each string occurs in the array. */
export const tally = defineFunction({
  name: 'tally',
  parameters: [required('value', kind.ARRAY)],
  returns: TypeDef.object(Collection.fromUnknown(Kind.integer())).fallible(),
  freshResult: true,
  call: ([value]) => {
    const counts = new Map<string, number>();
    for (const item of value as Value[]) {
      if (typeof item !== 'string') return fail(`all values must be strings, found: ${rustDebugValue(item)}`);
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    const result: ObjectValue = {};
    for (const [key, count] of counts) setOwnField(result, key, count);
    return result;
  },
});
