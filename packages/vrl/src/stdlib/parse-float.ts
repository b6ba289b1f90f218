import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { bytesToFloat } from './to-float.js';

/** `parse_float(value)`: a base-10 number (`2.5e3`, `-inf`) as a float. */
export const parseFloatFunction = defineFunction({
  name: 'parse_float',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.float().fallible(),
  call: ([value]) => bytesToFloat(value as string),
});
