import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';

/** `truncate(value, limit, suffix)`: the first `limit` characters, with `suffix` appended when cut. */
export const truncate = defineFunction({
  name: 'truncate',
  parameters: [
    required('value', kind.BYTES),
    required('limit', kind.INTEGER),
    optional('suffix', kind.BYTES, ''),
  ],
  returns: TypeDef.bytes(),
  call: ([value, limit, suffix]) => {
    const text = value as string;
    const characters = Math.max(Number(limit), 0);
    // The end of the first `characters` code points, in UTF-16 units.
    let end = 0;
    for (let count = 0; count < characters && end < text.length; count++) {
      const code = text.charCodeAt(end);
      end += code >= 0xd800 && code <= 0xdbff && end + 1 < text.length ? 2 : 1;
    }
    return end < text.length ? text.slice(0, end) + (suffix as string) : text;
  },
});
