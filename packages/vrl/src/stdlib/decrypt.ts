import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { ALGORITHMS, crypt } from './encryption.js';
import { bytesToText } from './raw-bytes.js';

/** `decrypt(ciphertext, algorithm, key, iv)`: the raw bytes decrypted (AES modes, AES-SIV, ChaCha20/XChaCha20/XSalsa20-Poly1305). */
export const decrypt = defineFunction({
  name: 'decrypt',
  parameters: [
    required('ciphertext', kind.BYTES),
    required('algorithm', kind.BYTES),
    required('key', kind.BYTES),
    required('iv', kind.BYTES),
  ],
  check: (call) => {
    const algorithm = call.argument('algorithm')?.constant;
    if (typeof algorithm === 'string' && !ALGORITHMS.has(algorithm.toUpperCase())) {
      throw call.invalidArgument('algorithm', algorithm, 'Invalid algorithm');
    }
  },
  returns: TypeDef.bytes().fallible(),
  call: ([data, algorithm, key, iv]) =>
    bytesToText(
      crypt('decrypt', (algorithm as string).toUpperCase(), data as string, key as string, iv as string),
    ),
});
