import { describe, expect, it } from 'vitest';
import { evaluate } from '../test-helpers/outcome.js';

describe('parse_klog', () => {
  it('reads a line in the current year and strips surrounding whitespace', () => {
    const year = new Date().getUTCFullYear();
    // A December line read in January belongs to last year; any other month to this year.
    const expectedYear = new Date().getUTCMonth() === 0 ? year - 1 : year;
    expect(
      evaluate('parse_klog!("\\n     I1205 17:59:40.692994   28133 klog.go:70] hello from klog    \\n")'),
    ).toEqual({
      value: {
        file: 'klog.go',
        id: 28133,
        level: 'info',
        line: 70,
        message: 'hello from klog',
        timestamp: `${expectedYear}-12-05T17:59:40.692994Z`,
      },
    });
    expect(evaluate('parse_klog!("W0505 17:59:40.692994 1 a.go:1] x").timestamp')).toEqual({
      value: `${year}-05-05T17:59:40.692994Z`,
    });
  });
});
