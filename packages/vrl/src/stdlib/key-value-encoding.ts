import type { CompileCall } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { formatFloat, formatTimestamp } from '../value/display.js';
import type { VrlRegex } from '../value/regex.js';
import {
  compareStrings,
  numberOfValue,
  type ObjectValue,
  sortedKeys,
  Tag,
  tagOf,
  type Value,
} from '../value/value.js';
import { lossyText } from './raw-bytes.js';

/** VRL's `encode_key_value::to_string`, shared by `encode_key_value` and `encode_logfmt`. */

/** The fields of an object flattened with `.` (arrays by index), as text, in VRL's (sorted) order. */
function flattenFields(value: Value, key: string, into: Map<string, Value>): void {
  switch (tagOf(value)) {
    case Tag.Object: {
      const object = value as ObjectValue;
      for (const child of sortedKeys(object)) flattenFields(object[child] as Value, `${key}.${child}`, into);
      return;
    }
    case Tag.Array:
      (value as Value[]).forEach((item, index) => {
        flattenFields(item, `${key}.${index}`, into);
      });
      return;
    default:
      into.set(key, value);
  }
}

function fieldText(value: Value): string {
  switch (tagOf(value)) {
    case Tag.Bytes:
      return lossyText(value as string);
    case Tag.Float:
      return formatFloat(numberOfValue(value));
    case Tag.Timestamp:
      return formatTimestamp(value as Date);
    case Tag.Regex:
      return (value as VrlRegex).pattern;
    case Tag.Null:
      return 'null';
    default:
      return String(value);
  }
}

const NEEDS_QUOTES = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"=]/;

/** A key or value: quoted when it holds whitespace, `"` or `=`; `\`, `"` and newlines escaped. */
function encodeString(text: string): string {
  const escaped = text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\\\n');
  return NEEDS_QUOTES.test(text) ? `"${escaped}"` : escaped;
}

export function encodeKeyValue(
  object: ObjectValue,
  fieldsOrdering: readonly string[],
  keyValueDelimiter: string,
  fieldDelimiter: string,
  flattenBoolean: boolean,
): string {
  const fields = new Map<string, Value>();
  for (const key of sortedKeys(object)) flattenFields(object[key] as Value, key, fields);
  let output = '';
  const write = (key: string, value: Value): void => {
    if (flattenBoolean && value === false) return;
    output +=
      flattenBoolean && value === true
        ? encodeString(key)
        : `${encodeString(key)}${keyValueDelimiter}${encodeString(fieldText(value))}`;
    output += fieldDelimiter;
  };
  for (const key of fieldsOrdering) {
    if (!fields.has(key)) continue;
    write(key, fields.get(key) as Value);
    fields.delete(key);
  }
  for (const key of [...fields.keys()].sort(compareStrings)) write(key, fields.get(key) as Value);
  return fieldDelimiter !== '' && output.endsWith(fieldDelimiter)
    ? output.slice(0, -fieldDelimiter.length)
    : output;
}

/** `fields_ordering`: strings, else VRL's "invalid field value type at index …". */
export function fieldsOrdering(value: Value | undefined): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(`expected array, got ${kindName(value)}`);
  return value.map((field, index) => {
    if (typeof field !== 'string')
      return fail(`invalid field value type at index ${index}: expected string, got ${kindName(field)}`);
    return lossyText(field);
  });
}

/** Fallible only when `fields_ordering` is given. */
export function keyValueTypeDef(call: CompileCall): TypeDef {
  return TypeDef.bytes().maybeFallible(call.argument('fields_ordering') !== undefined);
}
