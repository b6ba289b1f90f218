import { describe, expect, it } from 'vitest';
import { evaluate, runtimeError } from '../test-helpers/evaluate.js';

describe('encrypt_ip and decrypt_ip', () => {
  it('round-trips both modes and both address families', () => {
    const cases: [string, string, string][] = [
      ['10.0.0.1', 'sixteen byte key', 'aes128'],
      ['fe80::1', 'sixteen byte key', 'aes128'],
      ['10.0.0.1', 'thirty-two bytes key for pfx use', 'pfx'],
      ['fe80::1', 'thirty-two bytes key for pfx use', 'pfx'],
    ];
    for (const [ip, key, mode] of cases) {
      expect(evaluate(`decrypt_ip!(encrypt_ip!("${ip}", "${key}", "${mode}"), "${key}", "${mode}")`)).toBe(
        ip,
      );
    }
  });

  it('keeps prefixes in pfx mode', () => {
    const first = evaluate('encrypt_ip!("192.168.1.1", "thirty-two bytes key for pfx use", "pfx")') as string;
    const second = evaluate(
      'encrypt_ip!("192.168.1.200", "thirty-two bytes key for pfx use", "pfx")',
    ) as string;
    expect(first.split('.').slice(0, 3)).toEqual(second.split('.').slice(0, 3));
  });

  it('checks the key and the mode', () => {
    expect(runtimeError('encrypt_ip!("10.0.0.1", "short", "aes128")')).toContain(
      'aes128 mode requires a 16-byte key for IPv4',
    );
    expect(runtimeError('encrypt_ip!("::1", "short", "pfx")')).toContain(
      'pfx mode requires a 32-byte key for IPv6',
    );
    expect(runtimeError('encrypt_ip!("::1", "sixteen byte key", "des")')).toContain(
      "Invalid mode 'des'. Must be 'aes128' or 'pfx'",
    );
  });
});
