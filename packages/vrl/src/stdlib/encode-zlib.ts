import { deflateSync } from 'node:zlib';
import { defineFunction, kind, optional, required } from '../function.js';
import { deflateLevel, deflateTypeDef } from './compression.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

/** `encode_zlib(value, compression_level: 6)`: the bytes zlib-compressed. */
export const encodeZlib = defineFunction({
  name: 'encode_zlib',
  parameters: [required('value', kind.BYTES), optional('compression_level', kind.INTEGER, 6)],
  returns: deflateTypeDef,
  call: ([value, level]) =>
    bytesToText(deflateSync(textToBytes(value as string), { level: deflateLevel(level) })),
});
