import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `ends_with(value, substring, case_sensitive: true)`. */
export const endsWith = defineFunction({
  name: 'ends_with',
  parameters: [
    required('value', kind.BYTES),
    required('substring', kind.BYTES),
    optional('case_sensitive', kind.BOOLEAN, true),
  ],
  returns: TypeDef.boolean(),
  call: ([value, substring, caseSensitive]) =>
    caseSensitive
      ? (value as string).endsWith(substring as string)
      : (value as string).toLowerCase().endsWith((substring as string).toLowerCase()),
});
