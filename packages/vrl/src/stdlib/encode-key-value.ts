import { defineFunction, kind, optional, required } from '../function.js';
import type { ObjectValue } from '../value/value.js';
import { encodeKeyValue as encode, fieldsOrdering, keyValueTypeDef } from './key-value-encoding.js';
import { lossyText } from './raw-bytes.js';

/**
 * `encode_key_value(value, fields_ordering, key_value_delimiter: "=", field_delimiter: " ",
 * flatten_boolean: false)`: an object as `key=value` pairs, nested fields flattened with `.`.
 */
export const encodeKeyValue = defineFunction({
  name: 'encode_key_value',
  parameters: [
    required('value', kind.OBJECT),
    optional('fields_ordering', kind.ARRAY),
    optional('key_value_delimiter', kind.BYTES, '='),
    optional('field_delimiter', kind.BYTES, ' '),
    optional('flatten_boolean', kind.BOOLEAN, false),
  ],
  returns: keyValueTypeDef,
  call: ([value, fields, keyValueDelimiter, fieldDelimiter, flattenBoolean]) =>
    encode(
      value as ObjectValue,
      fieldsOrdering(fields),
      lossyText(keyValueDelimiter as string),
      lossyText(fieldDelimiter as string),
      flattenBoolean === true,
    ),
});
