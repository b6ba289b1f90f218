import { defineFunction, expectString, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { parseJson } from '../value/json.js';

const VARIANTS = ['object', 'array', 'bool', 'number', 'string', 'null'];

function isJson(text: string): boolean {
  try {
    parseJson(text);
    return true;
  } catch {
    return false;
  }
}

/** The variant a JSON document is, from its first character. */
function variantOf(text: string): string | undefined {
  const first = /[^ \n\t\r]/.exec(text)?.[0];
  switch (first) {
    case '{':
      return 'object';
    case '[':
      return 'array';
    case 't':
    case 'f':
      return 'bool';
    case '"':
      return 'string';
    case 'n':
      return 'null';
    default:
      return first !== undefined && /[-0-9]/.test(first) ? 'number' : undefined;
  }
}

/** `is_json(value, variant)`: whether the string is valid JSON (of that variant, when given). */
export const isJsonFunction = defineFunction({
  name: 'is_json',
  parameters: [required('value', kind.BYTES), optional('variant', kind.BYTES)],
  compile(call) {
    const variant = call.enumValue('variant', VARIANTS) as string | undefined;
    const value = call.required('value').evaluate;
    return {
      run(context) {
        const text = expectString(value(context));
        if (!isJson(text)) return false;
        return variant === undefined || variantOf(text) === variant;
      },
      typeDef: TypeDef.boolean(),
    };
  },
});
