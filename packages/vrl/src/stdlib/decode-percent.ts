import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { lossyText, textToBytes } from './raw-bytes.js';

/** `decode_percent(value)`: `%XX` sequences decoded (others kept as they are), read as UTF-8 lossily. */
export const decodePercent = defineFunction({
  name: 'decode_percent',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes(),
  call: ([value]) => {
    const text = value as string;
    if (!text.includes('%')) return lossyText(text);
    const bytes = textToBytes(text);
    const output: number[] = [];
    for (let index = 0; index < bytes.length; index++) {
      const byte = bytes[index] as number;
      if (byte === 0x25 && index + 2 < bytes.length) {
        const hex = String.fromCharCode(bytes[index + 1] as number, bytes[index + 2] as number);
        if (/^[0-9a-fA-F]{2}$/.test(hex)) {
          output.push(Number.parseInt(hex, 16));
          index += 2;
          continue;
        }
      }
      output.push(byte);
    }
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(output));
  },
});
