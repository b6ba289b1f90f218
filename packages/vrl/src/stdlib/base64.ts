/**
 * Base64 as VRL's `base64-simd` reads it: strict (only the alphabet, no stray padding, unused
 * trailing bits zero), where Node's decoder skips what it does not know.
 */

const STANDARD = /^[A-Za-z0-9+/]*$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function sextet(character: string): number {
  const index = ALPHABET.indexOf(character);
  if (index >= 0) return index;
  return character === '+' || character === '-' ? 62 : 63;
}

/** Decodes base64 without padding (`padded`: with the padding RFC 4648 requires), or undefined when invalid. */
export function decodeBase64Strict(text: string, urlSafe: boolean, padded: boolean): Buffer | undefined {
  let body = text;
  if (padded) {
    if (text.length % 4 !== 0) return undefined;
    if (body.endsWith('==')) body = body.slice(0, -2);
    else if (body.endsWith('=')) body = body.slice(0, -1);
  }
  if (!(urlSafe ? URL_SAFE : STANDARD).test(body)) return undefined;
  const remainder = body.length % 4;
  if (remainder === 1) return undefined;
  if (padded && remainder !== 0 && body.length + (4 - remainder) !== text.length) return undefined;
  if (remainder > 0) {
    const last = sextet(body.charAt(body.length - 1));
    if ((remainder === 2 && (last & 0x0f) !== 0) || (remainder === 3 && (last & 0x03) !== 0))
      return undefined;
  }
  return Buffer.from(body, urlSafe ? 'base64url' : 'base64');
}
