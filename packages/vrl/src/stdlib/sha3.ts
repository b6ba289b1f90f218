import { createHash } from 'node:crypto';
import { defineFunction, expectString, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { textToBytes } from './raw-bytes.js';

const VARIANTS: Record<string, string> = {
  'SHA3-224': 'sha3-224',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};

/** `sha3(value, variant: "SHA3-512")`: the SHA-3 digest of the bytes, in hexadecimal. */
export const sha3 = defineFunction({
  name: 'sha3',
  parameters: [required('value', kind.BYTES), optional('variant', kind.BYTES)],
  compile(call) {
    const variant = (call.enumValue('variant', Object.keys(VARIANTS)) as string | undefined) ?? 'SHA3-512';
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
