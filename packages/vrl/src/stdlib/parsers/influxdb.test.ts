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

// The crate's own error tests (influxdb_line_protocol/src/lib.rs at the 2.0 release) and more,
// each message checked against VRL's parse_influxdb.
describe('the line protocol reader', () => {
  it.each([
    ['measurement', 'A generic parsing error occurred: TakeWhile1'],
    [',', 'Invalid measurement was provided'],
    ['J,#', 'Tag Set Malformed'],
    ['J,', 'Tag Set Malformed'],
    ['testmeasure, bar=1i', 'Tag Set Malformed'],
    ['0,,=', 'Tag Set Malformed'],
    ['testmeasure,foo\\=\\,baz= bar=1i', 'Tag Set Malformed'],
    ['testmeasure,foo=,baz= bar=1i', 'Tag Set Malformed'],
    ['testmeasure,a=1,foo= bar=1i', 'A generic parsing error occurred: TakeWhile1'],
    ['testmeasure,foo=f bar=1i,baz=', "Could not parse entire line. Found trailing content: 'baz='"],
    ['m f=1,g=2,h= 5', "Could not parse entire line. Found trailing content: ',h= 5'"],
    ['m f=1 abc', "Could not parse entire line. Found trailing content: ' abc'"],
    ['m f="abc', 'No fields were provided'],
    ['foo 1234', 'No fields were provided'],
    ['\u001b# /', 'No fields were provided'],
    [':\u0014\\', 'Measurements, tag keys and values, and field keys may not end with a backslash'],
    [`testmeasure field=3.0 1${'8'.repeat(71)}`, `Unable to parse timestamp value '1${'8'.repeat(71)}'`],
    [
      'testmeasure field=66666666666666666666666666666666666666666666668i',
      "Unable to parse integer value '66666666666666666666666666666666666666666666668'",
    ],
    ['m f=66666666666666666666666u', "Unable to parse unsigned integer value '66666666666666666666666'"],
    [
      'goodline,tag1=one,tag2=2 value=1 123\n        badline,\n        anothergoodline,tag3=3,tag4=4 value=67 1234',
      'Tag Set Malformed',
    ],
    [`foo,tag=${'a'.repeat(65_537)} value=1i`, 'String is greater than 64KB'],
    [`foo value="${'a'.repeat(65_537)}"`, 'String is greater than 64KB'],
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
