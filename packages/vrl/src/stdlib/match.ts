import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import type { VrlRegex } from '../value/regex.js';

/** `match(value, pattern)`: whether the regex matches anywhere in the string. */
export const match = defineFunction({
  name: 'match',
  parameters: [required('value', kind.BYTES), required('pattern', kind.REGEX)],
  returns: TypeDef.boolean().infallible(),
  call: ([value, pattern]) => (pattern as VrlRegex).test(value as string),
});
