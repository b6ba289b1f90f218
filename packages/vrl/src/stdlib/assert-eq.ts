import { defineFunction, kind, optional, required } from '../function.js';
import { RuntimeError } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { displayValue } from '../value/display.js';
import { valuesEqual } from '../value/value.js';

/** `assert_eq(left, right, message)`: true, or the program fails ("assertion failed: left == right"). */
export const assertEq = defineFunction({
  name: 'assert_eq',
  parameters: [required('left', kind.ANY), required('right', kind.ANY), optional('message', kind.BYTES)],
  returns: TypeDef.boolean().fallible().impure(),
  call: ([left, right, message]) => {
    if (valuesEqual(left, right)) return true;
    if (message !== undefined) throw new RuntimeError(message as string, [], message as string);
    throw new RuntimeError(`assertion failed: ${displayValue(left)} == ${displayValue(right)}`);
  },
});
