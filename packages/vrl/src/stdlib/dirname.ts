import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { parentPath } from './unix-path.js';

/** `dirname(value)`: the path without its last component (`.` when nothing is left, `/` for `/`). */
export const dirname = defineFunction({
  name: 'dirname',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    const path = value as string;
    if (path === '/') return '/';
    const parent = parentPath(path);
    return parent === undefined || parent === '' ? '.' : parent;
  },
});
