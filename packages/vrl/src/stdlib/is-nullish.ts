import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import type { Value } from '../value/value.js';

const WHITESPACE = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** VRL's "nullish": null, an empty string, `-`, or only whitespace (Unicode White_Space). */
export function isNullishValue(value: Value | undefined): boolean {
  if (value === null || value === undefined) return true;
  return typeof value === 'string' && (value === '-' || WHITESPACE.test(value));
}

/** `is_nullish(value)`: whether the value is null, empty, `-` or whitespace. */
export const isNullish = defineFunction({
  name: 'is_nullish',
  parameters: [required('value', kind.ANY)],
  returns: TypeDef.boolean(),
  call: ([value]) => isNullishValue(value),
});
