import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { integerValue } from '../value/value.js';
import { textToBytes } from './raw-bytes.js';

const MASK64 = (1n << 64n) - 1n;
const MULTIPLIER = 0x6eed0e9da4d94a4fn;

function diffuse(input: bigint): bigint {
  let value = (input * MULTIPLIER) & MASK64;
  value ^= (value >> 32n) >> (value >> 60n);
  return (value * MULTIPLIER) & MASK64;
}

/** SeaHash (the `seahash` crate's `hash`, its default seeds). */
export function seahashBytes(bytes: Uint8Array): bigint {
  const state = [0x16f11fe89b0d677cn, 0xb480a793d8e6c86cn, 0x6fe2e5aaf078ebc9n, 0x14f994a4c5259381n];
  for (let offset = 0; offset < bytes.length; offset += 8) {
    // Little-endian words, the last one zero-padded.
    let word = 0n;
    for (let index = Math.min(offset + 8, bytes.length) - 1; index >= offset; index--)
      word = (word << 8n) | BigInt(bytes[index] as number);
    const mixed = diffuse((state[0] as bigint) ^ word);
    state.shift();
    state.push(mixed);
  }
  return diffuse(
    (state[0] as bigint) ^
      (state[1] as bigint) ^
      (state[2] as bigint) ^
      (state[3] as bigint) ^
      BigInt(bytes.length),
  );
}

/** `seahash(value)`: the SeaHash of the bytes, as a (signed) integer. */
export const seahash = defineFunction({
  name: 'seahash',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.integer(),
  call: ([value]) => integerValue(BigInt.asIntN(64, seahashBytes(textToBytes(value as string)))),
});
