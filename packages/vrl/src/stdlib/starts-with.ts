import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `starts_with(value, substring, case_sensitive: true)`. */
export const startsWith = defineFunction({
  name: 'starts_with',
  parameters: [
    required('value', kind.BYTES),
    required('substring', kind.BYTES),
    optional('case_sensitive', kind.BOOLEAN, true),
  ],
  returns: TypeDef.boolean(),
  call: ([value, substring, caseSensitive]) =>
    caseSensitive
      ? (value as string).startsWith(substring as string)
      : (value as string).toLowerCase().startsWith((substring as string).toLowerCase()),
});
