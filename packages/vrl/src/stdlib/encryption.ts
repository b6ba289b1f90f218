import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { aessiv } from '@noble/ciphers/aes.js';
import { chacha20poly1305, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';
import { fail } from '../runtime/errors.js';
import { textToBytes } from './raw-bytes.js';

/**
 * The ciphers of VRL's `encrypt` and `decrypt`: AES in CFB, OFB, CTR (64-bit counters, either
 * endianness) and CBC with four paddings through `node:crypto`; AES-SIV and the ChaCha/Salsa
 * AEADs through `@noble/ciphers` (Node lacks XChaCha20, XSalsa20 and SIV).
 */

export const ALGORITHMS = new Set([
  ...[
    'CFB',
    'OFB',
    'CTR',
    'CTR-LE',
    'CTR-BE',
    'CBC-PKCS7',
    'CBC-ANSIX923',
    'CBC-ISO7816',
    'CBC-ISO10126',
  ].flatMap((mode) => ['AES-256', 'AES-192', 'AES-128'].map((aes) => `${aes}-${mode}`)),
  'AES-128-SIV',
  'AES-256-SIV',
  'CHACHA20-POLY1305',
  'XCHACHA20-POLY1305',
  'XSALSA20-POLY1305',
]);

function sized(value: string, expected: number, what: 'key' | 'iv'): Buffer {
  const bytes = textToBytes(value);
  if (bytes.length !== expected) {
    return fail(`Invalid ${what} size. Expected ${expected} bytes. Found ${bytes.length} bytes`);
  }
  return bytes;
}

/** The key and IV sizes of an algorithm. */
function sizes(algorithm: string): [key: number, iv: number] {
  if (algorithm.startsWith('AES-') && !algorithm.endsWith('-SIV'))
    return [Number(algorithm.slice(4, 7)) / 8, 16];
  switch (algorithm) {
    case 'AES-128-SIV':
      return [32, 16];
    case 'AES-256-SIV':
      return [64, 16];
    case 'CHACHA20-POLY1305':
      return [32, 12];
    default:
      return [32, 24];
  }
}

/** AES-CTR with a 64-bit counter: little-endian in the first 8 bytes of the block, or big-endian in the last 8. */
function ctr64(data: Buffer, key: Buffer, iv: Buffer, bits: number, littleEndian: boolean): Buffer {
  const blocks = Math.ceil(data.length / 16);
  const counters = Buffer.alloc(blocks * 16);
  let counter = littleEndian ? iv.readBigUInt64LE(0) : iv.readBigUInt64BE(8);
  for (let block = 0; block < blocks; block++) {
    iv.copy(counters, block * 16);
    if (littleEndian) counters.writeBigUInt64LE(counter, block * 16);
    else counters.writeBigUInt64BE(counter, block * 16 + 8);
    counter = (counter + 1n) & 0xffffffffffffffffn;
  }
  const cipher = createCipheriv(`aes-${bits}-ecb`, key, null).setAutoPadding(false);
  const stream = Buffer.concat([cipher.update(counters), cipher.final()]);
  const output = Buffer.alloc(data.length);
  for (let index = 0; index < data.length; index++)
    output[index] = (data[index] as number) ^ (stream[index] as number);
  return output;
}

function pad(data: Buffer, padding: string): Buffer {
  const length = 16 - (data.length % 16);
  const block = Buffer.alloc(length);
  if (padding === 'PKCS7') block.fill(length);
  else if (padding === 'ANSIX923') block[length - 1] = length;
  else if (padding === 'ISO7816') block[0] = 0x80;
  else {
    randomBytes(length - 1).copy(block);
    block[length - 1] = length;
  }
  return Buffer.concat([data, block]);
}

function unpad(data: Buffer, padding: string): Buffer {
  if (data.length === 0 || data.length % 16 !== 0) return fail('Invalid input');
  if (padding === 'ISO7816') {
    let end = data.length - 1;
    while (end >= data.length - 16 && data[end] === 0) end--;
    if (end < data.length - 16 || data[end] !== 0x80) return fail('Invalid input');
    return data.subarray(0, end);
  }
  const length = data[data.length - 1] as number;
  if (length === 0 || length > 16) return fail('Invalid input');
  for (let index = data.length - length; index < data.length - 1; index++) {
    const byte = data[index];
    if ((padding === 'PKCS7' && byte !== length) || (padding === 'ANSIX923' && byte !== 0))
      return fail('Invalid input');
  }
  return data.subarray(0, data.length - length);
}

function aead(algorithm: string, key: Buffer, iv: Buffer) {
  switch (algorithm) {
    case 'CHACHA20-POLY1305':
      return chacha20poly1305(key, iv);
    case 'XCHACHA20-POLY1305':
      return xchacha20poly1305(key, iv);
    case 'XSALSA20-POLY1305':
      return xsalsa20poly1305(key, iv);
    default:
      // aes-siv's AEAD: no associated data, then the nonce as the last header.
      return aessiv(key, new Uint8Array(0), iv);
  }
}

/** Encrypts or decrypts with an algorithm from {@link ALGORITHMS} (already upper case). */
export function crypt(
  direction: 'encrypt' | 'decrypt',
  algorithm: string,
  data: string,
  keyText: string,
  ivText: string,
): Buffer {
  if (!ALGORITHMS.has(algorithm)) return fail(`Invalid algorithm: ${algorithm}`);
  const bytes = textToBytes(data);
  const [keySize, ivSize] = sizes(algorithm);
  const key = sized(keyText, keySize, 'key');
  const iv = sized(ivText, ivSize, 'iv');
  if (!algorithm.startsWith('AES-') || algorithm.endsWith('-SIV')) {
    const cipher = aead(algorithm, key, iv);
    if (direction === 'encrypt') return Buffer.from(cipher.encrypt(bytes));
    try {
      return Buffer.from(cipher.decrypt(bytes));
    } catch {
      return fail('Invalid input');
    }
  }
  const bits = Number(algorithm.slice(4, 7));
  const mode = algorithm.slice(8);
  if (mode.startsWith('CTR')) return ctr64(bytes, key, iv, bits, mode !== 'CTR-BE');
  if (mode === 'CFB' || mode === 'OFB') {
    const create = direction === 'encrypt' ? createCipheriv : createDecipheriv;
    const cipher = create(`aes-${bits}-${mode.toLowerCase()}`, key, iv);
    return Buffer.concat([cipher.update(bytes), cipher.final()]);
  }
  const padding = mode.slice(4);
  if (direction === 'encrypt') {
    const cipher = createCipheriv(`aes-${bits}-cbc`, key, iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(pad(bytes, padding)), cipher.final()]);
  }
  if (bytes.length === 0 || bytes.length % 16 !== 0) return fail('Invalid input');
  const decipher = createDecipheriv(`aes-${bits}-cbc`, key, iv).setAutoPadding(false);
  return unpad(Buffer.concat([decipher.update(bytes), decipher.final()]), padding);
}
