import { defineFunction, kind, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, ownField, setOwnField, type Value } from '../value/value.js';
import { queryPairs } from './parsers/url.js';

/** `parse_query_string(value)`: `a=1&b=2&a=3` as an object; a repeated key gathers its values in an array. */
export const parseQueryString = defineFunction({
  name: 'parse_query_string',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.object(Collection.fromUnknown(Kind.bytes().orArray(Collection.any()))),
  freshResult: true,
  call: ([value]) => {
    const text = value as string;
    const object: ObjectValue = {};
    for (const [key, item] of queryPairs(text.startsWith('?') ? text.slice(1) : text)) {
      const existing = ownField(object, key);
      if (existing === undefined) setOwnField(object, key, item);
      else if (Array.isArray(existing)) existing.push(item);
      else setOwnField(object, key, [existing, item] as Value[]);
    }
    return object;
  },
});
