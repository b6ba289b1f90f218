import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** The number of Unicode scalar values (characters) in a string. */
export function characterCount(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length - 1; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        index++;
      }
    }
  }
  return count;
}

/** `strlen(value)`: the number of characters (Unicode scalar values), where `length` counts bytes. */
export const strlen = defineFunction({
  name: 'strlen',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.integer(),
  call: ([value]) => characterCount(value as string),
});
