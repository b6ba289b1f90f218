import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { RegexSyntaxError, VrlRegex } from '../value/regex.js';

/** `to_regex(value)`: the string compiled as a regex (Rust `regex` syntax). */
export const toRegex = defineFunction({
  name: 'to_regex',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.regex().fallible(),
  call: ([value]) => {
    try {
      return VrlRegex.compile(value as string);
    } catch (error) {
      if (error instanceof RegexSyntaxError) return fail(`could not create regex: ${error.message}`);
      throw error;
    }
  },
});
