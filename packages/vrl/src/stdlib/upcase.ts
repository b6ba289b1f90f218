import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `upcase(value)`: the string in upper case. */
export const upcase = defineFunction({
  name: 'upcase',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes(),
  call: ([value]) => (value as string).toUpperCase(),
});
