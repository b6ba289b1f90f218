import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { fileName } from './unix-path.js';

/** `basename(value)`: the last component of a path (null when it has none, as for `/` or `..`). */
export const basename = defineFunction({
  name: 'basename',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().orNull().fallible(),
  call: ([value]) => fileName(value as string) ?? null,
});
