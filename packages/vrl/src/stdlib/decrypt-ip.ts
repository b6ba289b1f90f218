import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { ipcrypt } from './ipcrypt.js';

/** `decrypt_ip(ip, key, mode)`: the address decrypted with ipcrypt (`aes128`: 16-byte key; `pfx`, prefix-preserving: 32-byte key). */
export const decryptIp = defineFunction({
  name: 'decrypt_ip',
  parameters: [required('ip', kind.BYTES), required('key', kind.BYTES), required('mode', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([ip, key, mode]) => ipcrypt('decrypt', ip as string, key as string, mode as string),
});
