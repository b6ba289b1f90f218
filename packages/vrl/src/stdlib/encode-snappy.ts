import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { bytesToText, textToBytes } from './raw-bytes.js';
import { snappyCompress } from './snappy.js';

/** `encode_snappy(value)`: the bytes Snappy-compressed (raw format, no framing). */
export const encodeSnappy = defineFunction({
  name: 'encode_snappy',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes().fallible(),
  call: ([value]) => bytesToText(snappyCompress(textToBytes(value as string))),
});
