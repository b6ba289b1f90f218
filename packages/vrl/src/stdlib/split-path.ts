import { defineFunction, kind, required } from '../function.js';
import { Collection } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { pathComponents } from './unix-path.js';

/** `split_path(value)`: the components of a path (`/` for the root). */
export const splitPath = defineFunction({
  name: 'split_path',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.array(Collection.any()),
  freshResult: true,
  call: ([value]) => pathComponents(value as string).map((component) => component.text),
});
