import { defineFunction, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { zstdCompress } from './compression.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

/** `encode_zstd(value, compression_level: 3)`: the bytes Zstandard-compressed (stored uncompressed before Node.js 22.15). */
export const encodeZstd = defineFunction({
  name: 'encode_zstd',
  parameters: [required('value', kind.BYTES), optional('compression_level', kind.INTEGER, 3)],
  returns: TypeDef.bytes(),
  call: ([value, level]) => bytesToText(zstdCompress(textToBytes(value as string), Number(level))),
});
