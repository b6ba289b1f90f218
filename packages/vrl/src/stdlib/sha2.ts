import { createHash } from 'node:crypto';
import { defineFunction, expectString, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { textToBytes } from './raw-bytes.js';

const VARIANTS: Record<string, string> = {
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA-512/224': 'sha512-224',
  'SHA-512/256': 'sha512-256',
};

/** `sha2(value, variant: "SHA-512/256")`: the SHA-2 digest of the bytes, in hexadecimal. */
export const sha2 = defineFunction({
  name: 'sha2',
  parameters: [required('value', kind.BYTES), optional('variant', kind.BYTES)],
  compile(call) {
    const variant = (call.enumValue('variant', Object.keys(VARIANTS)) as string | undefined) ?? 'SHA-512/256';
    const algorithm = VARIANTS[variant] as string;
    const value = call.required('value').evaluate;
    return {
      run: (context) =>
        createHash(algorithm)
          .update(textToBytes(expectString(value(context))))
          .digest('hex'),
      typeDef: TypeDef.bytes(),
    };
  },
});
