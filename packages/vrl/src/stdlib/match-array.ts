import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import type { VrlRegex } from '../value/regex.js';
import type { Value } from '../value/value.js';

/** `match_array(value, pattern, all: false)`: whether any (or every) string of the array matches. */
export const matchArray = defineFunction({
  name: 'match_array',
  parameters: [
    required('value', kind.ARRAY),
    required('pattern', kind.REGEX),
    optional('all', kind.BOOLEAN, false),
  ],
  returns: TypeDef.boolean(),
  call: ([value, pattern, all]) => {
    const regex = pattern as VrlRegex;
    const matches = (item: Value): boolean => typeof item === 'string' && regex.test(item);
    return all === true ? (value as Value[]).every(matches) : (value as Value[]).some(matches);
  },
});
