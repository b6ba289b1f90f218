import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { integerValue } from '../value/value.js';
import { textToBytes } from './raw-bytes.js';
import { xxh3_64, xxh3_128, xxh32, xxh64 } from './xxhash-algorithms.js';

const VARIANTS = ['XXH32', 'XXH64', 'XXH3-64', 'XXH3-128'];

/** `xxhash(value, variant: "XXH32")`: the xxHash of the bytes; an integer, or a string for XXH3-128. */
export const xxhash = defineFunction({
  name: 'xxhash',
  parameters: [required('value', kind.BYTES), optional('variant', kind.BYTES, 'XXH32')],
  returns: (call) => {
    const argument = call.argument('variant');
    const variant = argument?.constant;
    const valid =
      argument === undefined || (typeof variant === 'string' && VARIANTS.includes(variant.toUpperCase()));
    // VRL types the result as a string, whatever the variant.
    return TypeDef.bytes().maybeFallible(!valid);
  },
  call: ([value, variant]) => {
    const bytes = textToBytes(value as string);
    switch ((variant as string).toUpperCase()) {
      case 'XXH32':
        return xxh32(bytes);
      case 'XXH64':
        return integerValue(BigInt.asIntN(64, xxh64(bytes)));
      case 'XXH3-64':
        return integerValue(BigInt.asIntN(64, xxh3_64(bytes)));
      case 'XXH3-128':
        return xxh3_128(bytes).toString();
      default:
        return fail("Variant must be either 'XXH32', 'XXH64', 'XXH3-64', or 'XXH3-128'");
    }
  },
});
