import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { encodeJson, JsonSyntaxError, parseJson as parse } from '../value/json.js';
import { type ObjectValue, setOwnField, Tag, tagOf, type Value } from '../value/value.js';
import { jsonTypeDef } from './json-type.js';

function parseOrFail(text: string, prefix: string): Value {
  try {
    return parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return fail(`${prefix}: ${error.message}`);
    throw error;
  }
}

function limitDepth(value: Value, depth: number): Value {
  const tag = tagOf(value);
  if (tag !== Tag.Array && tag !== Tag.Object) return value;
  if (depth === 0) return encodeJson(value);
  if (Array.isArray(value)) return value.map((item) => limitDepth(item, depth - 1));
  const object: ObjectValue = {};
  for (const key of Object.keys(value as ObjectValue)) {
    setOwnField(object, key, limitDepth((value as ObjectValue)[key] as Value, depth - 1));
  }
  return object;
}

/** `parse_json(value, max_depth, lossy: true)`: a JSON document as a value. */
export const parseJson = defineFunction({
  name: 'parse_json',
  parameters: [
    required('value', kind.BYTES),
    optional('max_depth', kind.INTEGER),
    optional('lossy', kind.BOOLEAN, true),
  ],
  returns: jsonTypeDef(),
  freshResult: true,
  call: ([value, maxDepth]) => {
    if (maxDepth === undefined) return parseOrFail(value as string, 'unable to parse json');
    const depth = Number(maxDepth);
    if (depth < 0 || depth > 255) return fail('out of range integral type conversion attempted');
    if (depth < 1 || depth > 128) {
      return fail(`max_depth value should be greater than 0 and less than 128, got ${depth}`);
    }
    const parsed = parseOrFail(value as string, 'unable to read json');
    return limitDepth(parsed, depth);
  },
});
