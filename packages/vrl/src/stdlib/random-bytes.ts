import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { Tag, tagOf, type Value } from '../value/value.js';
import { bytesToText } from './raw-bytes.js';

const MAX_LENGTH = 1024 * 64;

function lengthError(length: number): string | undefined {
  if (length < 0) return 'Length cannot be negative';
  if (length > MAX_LENGTH) return 'Length is too large. Maximum is 64k';
  return undefined;
}

/** `random_bytes(length)`: `length` cryptographically secure random bytes (at most 64 KiB). */
export const randomBytes = defineFunction({
  name: 'random_bytes',
  parameters: [required('length', kind.INTEGER)],
  check: (call) => {
    const literal = call.argument('length')?.constant;
    if (literal !== undefined && tagOf(literal) === Tag.Integer) {
      const error = lengthError(Number(literal));
      if (error !== undefined) throw call.invalidArgument('length', literal, error);
    }
  },
  returns: (call) => {
    const literal = call.required('length').constant;
    const valid =
      literal !== undefined && tagOf(literal) === Tag.Integer && lengthError(Number(literal)) === undefined;
    return TypeDef.bytes().maybeFallible(!valid);
  },
  call: ([length]) => {
    const size = Number(length as Value);
    const error = lengthError(size);
    return error === undefined ? bytesToText(cryptoRandomBytes(size)) : fail(error);
  },
});
