import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { formatFloat, formatTimestamp } from '../value/display.js';
import { numberOfValue, Tag, tagOf, type Value } from '../value/value.js';

/** `to_string(value)`: scalars as text; null as "". */
export const toStringFunction = defineFunction({
  name: 'to_string',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    const argument = call.required('value').typeDef.kind;
    return TypeDef.bytes().maybeFallible(
      argument.containsArray() || argument.containsObject() || argument.containsRegex(),
    );
  },
  call: ([value]) => valueToString(value as Value),
});

export function valueToString(value: Value): string {
  switch (tagOf(value)) {
    case Tag.Bytes:
      return value as string;
    case Tag.Integer:
      return String(value);
    case Tag.Float:
      return formatFloat(numberOfValue(value));
    case Tag.Boolean:
      return String(value);
    case Tag.Timestamp:
      return formatTimestamp(value as Date);
    case Tag.Null:
      return '';
    default:
      return fail(`unable to coerce ${kindName(value)} into string`);
  }
}
