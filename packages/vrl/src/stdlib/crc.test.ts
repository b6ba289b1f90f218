import { describe, expect, it } from 'vitest';
import { evaluate, runtimeError } from '../test-helpers/evaluate.js';
import { CRC_ALGORITHMS, crcChecksum } from './crc.js';

describe('crc', () => {
  it("gives every catalogue algorithm's check value for 123456789", () => {
    const input = Buffer.from('123456789');
    for (const [name, algorithm] of Object.entries(CRC_ALGORITHMS)) {
      expect([name, crcChecksum(name, input)]).toEqual([name, BigInt(algorithm[6])]);
    }
  });

  it('reads the algorithm in any case and refuses an unknown one', () => {
    expect(evaluate('crc("foo", algorithm: "crc_32_cksum")')).toBe('4271552933');
    expect(runtimeError('crc!("foo", algorithm: "CRC_UNKNOWN")')).toContain(
      'Invalid CRC algorithm: CRC_UNKNOWN',
    );
  });
});
