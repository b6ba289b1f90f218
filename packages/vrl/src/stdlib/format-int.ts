import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';

/** `format_int(value, base: 10)`: the integer in a base from 2 to 36 (lowercase digits). */
export const formatInt = defineFunction({
  name: 'format_int',
  parameters: [required('value', kind.INTEGER), optional('base', kind.INTEGER, 10)],
  returns: TypeDef.bytes().fallible(),
  call: ([value, base]) => {
    const radix = Number(base);
    if (!(radix >= 2 && radix <= 36)) {
      return fail(`invalid base ${String(base)}: must be be between 2 and 36 (inclusive)`);
    }
    return BigInt(value as number | bigint).toString(radix);
  },
});
