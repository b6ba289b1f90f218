import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `downcase(value)`: the string in lower case. */
export const downcase = defineFunction({
  name: 'downcase',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes(),
  call: ([value]) => (value as string).toLowerCase(),
});
