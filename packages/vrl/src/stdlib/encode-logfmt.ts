import { defineFunction, kind, optional, required } from '../function.js';
import type { ObjectValue } from '../value/value.js';
import { encodeKeyValue, fieldsOrdering, keyValueTypeDef } from './key-value-encoding.js';

/** `encode_logfmt(value, fields_ordering)`: an object as logfmt (`key=value`, `true` booleans as bare keys). */
export const encodeLogfmt = defineFunction({
  name: 'encode_logfmt',
  parameters: [required('value', kind.OBJECT), optional('fields_ordering', kind.ARRAY)],
  returns: keyValueTypeDef,
  call: ([value, fields]) => encodeKeyValue(value as ObjectValue, fieldsOrdering(fields), '=', ' ', true),
});
