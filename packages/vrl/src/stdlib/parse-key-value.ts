import { defineFunction, kind, optional, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { parseKeyValueLine } from './parsers/key-value.js';

/** The type of a key-value parse (VRL's `type_def`): strings, `true`, arrays of strings. */
export function keyValueTypeDef(): TypeDef {
  return TypeDef.object(
    Collection.fromUnknown(Kind.boolean().orBytes().orArray(Collection.fromUnknown(Kind.bytes()))),
  ).fallible();
}

/**
 * `parse_key_value(value, key_value_delimiter: "=", field_delimiter: " ", whitespace: "lenient",
 * accept_standalone_key: true)`: `key=value` pairs as an object.
 */
export const parseKeyValue = defineFunction({
  name: 'parse_key_value',
  parameters: [
    required('value', kind.BYTES),
    optional('key_value_delimiter', kind.BYTES, '='),
    optional('field_delimiter', kind.BYTES, ' '),
    optional('whitespace', kind.BYTES, 'lenient'),
    optional('accept_standalone_key', kind.BOOLEAN, true),
  ],
  check: (call) => {
    call.enumValue('whitespace', ['strict', 'lenient']);
  },
  returns: keyValueTypeDef(),
  freshResult: true,
  call: ([value, keyValueDelimiter, fieldDelimiter, whitespace, acceptStandaloneKey]) =>
    parseKeyValueLine(value as string, {
      keyValueDelimiter: keyValueDelimiter as string,
      fieldDelimiter: fieldDelimiter as string,
      strict: whitespace === 'strict',
      acceptStandaloneKey: acceptStandaloneKey as boolean,
    }),
});
