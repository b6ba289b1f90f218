import { defineFunction, expectString, FunctionCompileError, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import type { ObjectValue } from '../value/value.js';
import { setOwnField } from '../value/value.js';
import { GrokError, GrokPattern } from './parsers/grok/grok.js';

/** VRL's E112 for a pattern the grok crate refuses. */
export function invalidGrokPattern(error: GrokError): FunctionCompileError {
  return new FunctionCompileError(112, error.message, [
    { message: `grok pattern error: ${error.message}`, primary: true },
  ]);
}

/**
 * `parse_grok(value, pattern)`: the named captures of a grok pattern (the grok crate's default
 * patterns, `%{IP:client}`), compiled once at the call site; the pattern must be a literal.
 */
export const parseGrok = defineFunction({
  name: 'parse_grok',
  parameters: [required('value', kind.BYTES), required('pattern', kind.BYTES)],
  compile(call) {
    let pattern: GrokPattern;
    try {
      pattern = GrokPattern.compile(expectString(call.literal('pattern')));
    } catch (error) {
      if (error instanceof GrokError) throw invalidGrokPattern(error);
      throw error;
    }
    const value = call.required('value').evaluate;
    return {
      run(context) {
        const matches = pattern.match(expectString(value(context)));
        if (matches === undefined) return fail('unable to parse input with grok pattern');
        const object: ObjectValue = {};
        for (const [key, text] of matches) setOwnField(object, key, text);
        return object;
      },
      typeDef: TypeDef.object().fallible(),
      freshResult: true,
    };
  },
});
