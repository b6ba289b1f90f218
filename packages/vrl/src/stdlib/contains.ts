import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `contains(value, substring, case_sensitive: true)`. */
export const contains = defineFunction({
  name: 'contains',
  parameters: [
    required('value', kind.BYTES),
    required('substring', kind.BYTES),
    optional('case_sensitive', kind.BOOLEAN, true),
  ],
  returns: TypeDef.boolean(),
  call: ([value, substring, caseSensitive]) =>
    caseSensitive
      ? (value as string).includes(substring as string)
      : (value as string).toLowerCase().includes((substring as string).toLowerCase()),
});
