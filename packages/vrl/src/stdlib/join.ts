import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';

/** `join(value, separator)`: the array's strings joined, with the separator between them. */
export const join = defineFunction({
  name: 'join',
  parameters: [required('value', kind.ARRAY), optional('separator', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value, separator]) => {
    const items = value as unknown[];
    for (const item of items) if (typeof item !== 'string') return fail('all array items must be strings');
    return (items as string[]).join(separator === undefined ? '' : (separator as string));
  },
});
