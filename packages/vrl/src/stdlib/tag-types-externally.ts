import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, setOwnField, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';

const TAGS = ['string', 'integer', 'float', 'boolean', 'timestamp', 'regex'];

function tagValue(value: Value): Value {
  const tag = tagOf(value);
  if (tag === Tag.Null) return null;
  if (tag === Tag.Array) return (value as Value[]).map(tagValue);
  if (tag === Tag.Object) {
    const object = value as ObjectValue;
    const result: ObjectValue = {};
    for (const key of sortedKeys(object)) setOwnField(result, key, tagValue(object[key] as Value));
    return result;
  }
  return { [TAGS[tag] as string]: value };
}

/** `tag_types_externally(value)`: each scalar wrapped in an object naming its type (`{ "string": "a" }`). */
export const tagTypesExternally = defineFunction({
  name: 'tag_types_externally',
  parameters: [required('value', kind.ANY)],
  returns: (call) => {
    const value = call.required('value').typeDef;
    if (value.isArray()) return TypeDef.array();
    if (value.isNull()) return TypeDef.null();
    return TypeDef.object();
  },
  freshResult: true,
  call: ([value]) => tagValue(value as Value),
});
