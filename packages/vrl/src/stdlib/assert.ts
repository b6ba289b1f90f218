import { defineFunction, kind, optional, required } from '../function.js';
import { RuntimeError } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';

/** `assert(condition, message)`: true, or the program fails with `message` ("assertion failed"). */
export const assert = defineFunction({
  name: 'assert',
  parameters: [required('condition', kind.BOOLEAN), optional('message', kind.BYTES)],
  returns: TypeDef.boolean().fallible().impure(),
  call: ([condition, message]) => {
    if (condition === true) return true;
    if (message === undefined) throw new RuntimeError('assertion failed');
    throw new RuntimeError(message as string, [], message as string);
  },
});
