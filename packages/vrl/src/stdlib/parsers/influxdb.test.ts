import { describe, expect, it } from 'vitest';
import { LineProtocolError, parseLineProtocol } from './influxdb.js';

function failure(input: string): string {
  try {
    parseLineProtocol(input);
  } catch (error) {
    if (error instanceof LineProtocolError) return error.message;
    throw error;
  }
  return 'no error';
}

// The crate's own tests (influxdb_line_protocol/src/lib.rs, better_error_messages).
describe('the line protocol reader', () => {
  it.each([
    ['measurement', 'Expected at least one space character, got end of input'],
    [',', 'Invalid measurement was provided'],
    ['J,#', 'Tag set malformed: could not find equals sign in `#`'],
    [`J,${'a'.repeat(200)}`, 'Tag set malformed: could not find equals sign in `aaaaaaaaaa...`'],
    ['J,', 'Expected tag key, got end of input'],
    ['testmeasure, bar=1i', 'Expected tag key, got ` bar=1i`'],
    [`testmeasure, ${'b'.repeat(200)}=1i`, 'Expected tag key, got ` bbbbbbbbb...`'],
    ['0,,=', 'Expected tag value, got end of input'],
    ['testmeasure,foo\\=\\,baz= bar=1i', 'Expected tag value, got ` bar=1i`'],
    ['testmeasure,foo=,baz= bar=1i', 'Expected tag value, got `,baz= bar=...`'],
    [
      'metrics,bananas=,platanos=great value=1.000000 1725629157696678000',
      'Expected tag value, got `,platanos=...`',
    ],
    ['testmeasure,foo= sed=1i', 'Expected tag value, got ` sed=1i`'],
    ['testmeasure,foo=f bar=1i,baz=', 'Could not parse entire line. Found trailing content: `baz=`'],
    [
      `testmeasure,foo=f bar=1i,ba${'z'.repeat(100)}=`,
      'Could not parse entire line. Found trailing content: `bazzzzzzzz...`',
    ],
    ['\u001b# /', 'No fields were provided'],
    [':\u0014\\', 'Measurements, tag keys and values, and field keys may not end with a backslash'],
    [`testmeasure field=3.0 1${'8'.repeat(71)}`, `Unable to parse timestamp value \`1${'8'.repeat(71)}\``],
    [
      'testmeasure field=66666666666666666666666666666666666666666666668i',
      'Unable to parse integer value `66666666666666666666666666666666666666666666668`',
    ],
    [
      'goodline,tag1=one,tag2=2 value=1 123\n        badline,\n        anothergoodline,tag3=3,tag4=4 value=67 1234',
      'Expected tag key, got end of input',
    ],
  ])('refuses %j', (input, message) => {
    expect(failure(input)).toBe(message);
  });

  it('reads fields of every type, escapes, comments and quoted newlines', () => {
    expect(
      parseLineProtocol('# comment\n  m\\ x,t\\=1=a\\,b f1=-1i,f2=2u,f3=1.5e3,f4="a \\"b\\"\nc",f5=T 42\n'),
    ).toEqual([
      {
        measurement: 'm x',
        tags: [['t=1', 'a,b']],
        fields: [
          ['f1', { type: 'integer', value: -1n }],
          ['f2', { type: 'unsigned', value: 2n }],
          ['f3', { type: 'float', value: 1500 }],
          ['f4', { type: 'string', value: 'a "b"\nc' }],
          ['f5', { type: 'boolean', value: true }],
        ],
        timestamp: 42n,
      },
    ]);
  });
});
