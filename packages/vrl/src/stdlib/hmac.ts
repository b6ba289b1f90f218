import { createHmac } from 'node:crypto';
import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

const ALGORITHMS: Record<string, string> = {
  SHA1: 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** `hmac(value, key, algorithm: "SHA-256")`: the HMAC of the bytes, as raw bytes (encode it to print it). */
export const hmac = defineFunction({
  name: 'hmac',
  parameters: [
    required('value', kind.BYTES),
    required('key', kind.BYTES),
    optional('algorithm', kind.BYTES, 'SHA-256'),
  ],
  returns: (call) => {
    const argument = call.argument('algorithm');
    if (argument === undefined) return TypeDef.bytes();
    const algorithm = argument.constant;
    return TypeDef.bytes().maybeFallible(
      !(typeof algorithm === 'string' && Object.hasOwn(ALGORITHMS, algorithm.toUpperCase())),
    );
  },
  call: ([value, key, algorithm]) => {
    const name = (algorithm as string).toUpperCase();
    const hash = Object.hasOwn(ALGORITHMS, name) ? ALGORITHMS[name] : undefined;
    if (hash === undefined) return fail(`Invalid algorithm: ${name}`);
    return bytesToText(
      createHmac(hash, textToBytes(key as string))
        .update(textToBytes(value as string))
        .digest(),
    );
  },
});
