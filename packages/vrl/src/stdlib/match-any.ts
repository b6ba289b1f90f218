import { defineFunction, expectString, FunctionCompileError, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { VrlRegex } from '../value/regex.js';
import type { Value } from '../value/value.js';

/** `match_any(value, patterns)`: whether any of the regex literals matches the string. */
export const matchAny = defineFunction({
  name: 'match_any',
  parameters: [required('value', kind.BYTES), required('patterns', kind.ARRAY)],
  compile(call) {
    const patterns: VrlRegex[] = [];
    for (const pattern of call.literal('patterns') as Value[]) {
      if (!(pattern instanceof VrlRegex)) {
        throw new FunctionCompileError(0, `expected regex, got ${kindName(pattern)}`, []);
      }
      patterns.push(pattern);
    }
    const value = call.required('value').evaluate;
    return {
      run(context) {
        const text = expectString(value(context));
        return patterns.some((pattern) => pattern.test(text));
      },
      typeDef: TypeDef.boolean(),
    };
  },
});
