import { createCipheriv, createDecipheriv } from 'node:crypto';
import { fail } from '../runtime/errors.js';
import { formatIp, type IpBytes, parseIp } from './ip-address.js';
import { textToBytes } from './raw-bytes.js';

/**
 * IP address encryption (the `ipcrypt-rs` crate, the ipcrypt draft): `aes128` encrypts the
 * 16-byte form (IPv4 as IPv4-mapped) with AES-128; `pfx` preserves prefixes (equal prefixes
 * encrypt to equal prefixes) with two AES-128 keys, bit by bit.
 */

function block(key: Uint8Array, data: Uint8Array, decrypt: boolean): Buffer {
  const cipher = decrypt
    ? createDecipheriv('aes-128-ecb', key, null)
    : createCipheriv('aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function toSixteen(ip: IpBytes): Buffer {
  const bytes = Buffer.alloc(16);
  if (ip.length === 4) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    bytes.set(ip, 12);
  } else {
    bytes.set(ip);
  }
  return bytes;
}

/** `bytes_to_ip`: an IPv4-mapped result is an IPv4 address. */
function fromSixteen(bytes: Uint8Array): IpBytes {
  const mapped =
    bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? Uint8Array.from(bytes.subarray(12)) : Uint8Array.from(bytes);
}

function getBit(data: Uint8Array, position: number): number {
  return ((data[15 - (position >> 3)] as number) >> (position & 7)) & 1;
}

function setBit(data: Uint8Array, position: number, value: number): void {
  const index = 15 - (position >> 3);
  const mask = 1 << (position & 7);
  data[index] = value ? (data[index] as number) | mask : (data[index] as number) & ~mask;
}

function shiftLeft(data: Uint8Array): Uint8Array {
  const result = new Uint8Array(16);
  let carry = 0;
  for (let index = 15; index >= 0; index--) {
    result[index] = (((data[index] as number) << 1) | carry) & 0xff;
    carry = ((data[index] as number) >> 7) & 1;
  }
  return result;
}

function prefixPreserving(key: Uint8Array, input: Uint8Array, ipv4: boolean, decrypt: boolean): Uint8Array {
  const first = key.subarray(0, 16);
  const second = key.subarray(16);
  const output = new Uint8Array(16);
  const start = ipv4 ? 96 : 0;
  if (ipv4) {
    if (decrypt) output.fill(0xff, 10, 12);
    else output.set(input.subarray(0, 12));
  }
  let padded: Uint8Array = new Uint8Array(16);
  if (ipv4) {
    padded[3] = 0x01;
    padded[14] = 0xff;
    padded[15] = 0xff;
  } else {
    padded[15] = 0x01;
  }
  for (let prefixLength = start; prefixLength < 128; prefixLength++) {
    const e1 = block(first, padded, false);
    const e2 = block(second, padded, false);
    const cipherBit = ((e1[15] as number) ^ (e2[15] as number)) & 1;
    const position = 127 - prefixLength;
    const inputBit = getBit(input, position);
    const outputBit = cipherBit ^ inputBit;
    setBit(output, position, outputBit);
    padded = shiftLeft(padded);
    setBit(padded, 0, decrypt ? outputBit : inputBit);
  }
  return output;
}

function keyOf(key: string, size: number, mode: string, version: string): Buffer {
  const bytes = textToBytes(key);
  if (bytes.length !== size) return fail(`${mode} mode requires a ${size}-byte key for ${version}`);
  return bytes;
}

/** Encrypts or decrypts an address; the errors are VRL's. */
export function ipcrypt(
  direction: 'encrypt' | 'decrypt',
  ipText: string,
  keyText: string,
  mode: string,
): string {
  const ip = parseIp(ipText) ?? fail('unable to parse IP address: invalid IP address syntax');
  const version = ip.length === 4 ? 'IPv4' : 'IPv6';
  const decrypt = direction === 'decrypt';
  if (mode === 'aes128') {
    const key = keyOf(keyText, 16, 'aes128', version);
    return formatIp(fromSixteen(block(key, toSixteen(ip), decrypt)));
  }
  if (mode === 'pfx') {
    const key = keyOf(keyText, 32, 'pfx', version);
    // ipcrypt-rs panics on equal halves; here it is an error.
    if (key.subarray(0, 16).equals(key.subarray(16)))
      return fail('pfx mode requires the two halves of the key to differ');
    return formatIp(fromSixteen(prefixPreserving(key, toSixteen(ip), ip.length === 4, decrypt)));
  }
  return fail(`Invalid mode '${mode}'. Must be 'aes128' or 'pfx'`);
}
