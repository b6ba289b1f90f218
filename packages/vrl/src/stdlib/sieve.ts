import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import type { VrlRegex } from '../value/regex.js';

/**
 * `sieve(value, permitted_characters, replace_single: "", replace_repeated: "")`: only what the
 * regex matches is kept; a gap of one byte becomes `replace_single`, a longer one `replace_repeated`.
 */
export const sieve = defineFunction({
  name: 'sieve',
  parameters: [
    required('value', kind.BYTES),
    required('permitted_characters', kind.REGEX),
    optional('replace_single', kind.BYTES, ''),
    optional('replace_repeated', kind.BYTES, ''),
  ],
  returns: TypeDef.bytes(),
  call: ([value, permitted, single, repeated]) => {
    const text = value as string;
    let result = '';
    let lastEnd = 0;
    for (const match of (permitted as VrlRegex).matches(text)) {
      // The gap is measured in bytes, as in VRL.
      const gap = Buffer.byteLength(text.slice(lastEnd, match.start), 'utf8');
      if (gap > 1) result += repeated as string;
      else if (gap === 1) result += single as string;
      lastEnd = match.end;
      result += text.slice(match.start, match.end);
    }
    return result;
  },
});
