import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const U128_MAX = (1n << 128n) - 1n;

/** `uuid_from_friendly_id(value)`: the UUID a base62 "friendly id" encodes. */
export const uuidFromFriendlyId = defineFunction({
  name: 'uuid_from_friendly_id',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => {
    const text = value as string;
    if (text === '') return fail('failed to decode friendly id: Encoded input is an empty string');
    let number = 0n;
    const bytes = Buffer.from(text, 'utf8');
    for (let index = 0; index < bytes.length; index++) {
      const digit = ALPHABET.indexOf(String.fromCharCode(bytes[index] as number));
      if (digit < 0 || (bytes[index] as number) >= 0x80) {
        const byte = bytes[index] as number;
        const shown =
          byte >= 0x20 && byte < 0x7f
            ? String.fromCharCode(byte)
            : `\\x${byte.toString(16).padStart(2, '0')}`;
        return fail(
          `failed to decode friendly id: Encoded input contains the invalid byte b'${shown}' at index ${index}`,
        );
      }
      number = number * 62n + BigInt(digit);
      if (number > U128_MAX) return fail('failed to decode friendly id: Decoded number would overflow');
    }
    const hex = number.toString(16).padStart(32, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
});
