import { defineFunction, kind, optional, required } from '../function.js';
import { deflateLevel, deflateTypeDef, gzip } from './compression.js';
import { bytesToText, textToBytes } from './raw-bytes.js';

/** `encode_gzip(value, compression_level: 6)`: the bytes gzip-compressed. */
export const encodeGzip = defineFunction({
  name: 'encode_gzip',
  parameters: [required('value', kind.BYTES), optional('compression_level', kind.INTEGER, 6)],
  returns: deflateTypeDef,
  freshResult: true,
  call: ([value, level]) => bytesToText(gzip(textToBytes(value as string), deflateLevel(level))),
});
