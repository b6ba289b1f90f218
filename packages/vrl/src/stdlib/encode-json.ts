import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { encodeJson } from '../value/json.js';
import type { Value } from '../value/value.js';

/** `encode_json(value, pretty: false)`: the value as JSON text (keys sorted, as VRL writes objects). */
export const encodeJsonFunction = defineFunction({
  name: 'encode_json',
  parameters: [required('value', kind.ANY), optional('pretty', kind.BOOLEAN, false)],
  returns: TypeDef.bytes(),
  call: ([value, pretty]) => encodeJson(value as Value, pretty === true),
});
