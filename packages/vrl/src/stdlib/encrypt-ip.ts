import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { ipcrypt } from './ipcrypt.js';

/** `encrypt_ip(ip, key, mode)`: the address encrypted with ipcrypt (`aes128`: 16-byte key; `pfx`, prefix-preserving: 32-byte key). */
export const encryptIp = defineFunction({
  name: 'encrypt_ip',
  parameters: [required('ip', kind.BYTES), required('key', kind.BYTES), required('mode', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([ip, key, mode]) => ipcrypt('encrypt', ip as string, key as string, mode as string),
});
