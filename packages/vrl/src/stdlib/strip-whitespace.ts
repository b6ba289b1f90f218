import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';

// Unicode's White_Space property, as Rust's `str::trim` uses it (JavaScript's trim also strips
// U+FEFF and keeps U+0085).
const LEADING = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const TRAILING = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;

/** Rust's `str::trim`: Unicode White_Space removed from both ends. */
export function trimWhitespace(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

/** `strip_whitespace(value)`: the string without whitespace (Unicode White_Space) at either end. */
export const stripWhitespace = defineFunction({
  name: 'strip_whitespace',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes(),
  call: ([value]) => trimWhitespace(value as string),
});
