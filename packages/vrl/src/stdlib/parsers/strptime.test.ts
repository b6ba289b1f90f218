import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../../test-helpers/outcome.js';
import { ChronoParseError, parseInZone, parseRfc3339, parseWithOffset, strftimeItems } from './strptime.js';

// chrono's own cases (src/datetime/tests.rs, test_datetime_parse_from_str): 2013-08-09 23:54:35 -09:00.
const OK: [string, string][] = [
  ['Aug 09 2013 23:54:35 -0900', '%b %d %Y %H:%M:%S %z'],
  ['Aug 09 2013 23:54:35 -09 00', '%b %d %Y %H:%M:%S %z'],
  ['Aug 09 2013 23:54:35 -09:00', '%b %d %Y %H:%M:%S %z'],
  ['Aug 09 2013 23:54:35 -09 : 00', '%b %d %Y %H:%M:%S %z'],
  ['Aug 09 2013 23:54:35 --0900', '%b %d %Y %H:%M:%S -%z'],
  ['Aug 09 2013 23:54:35 +-0900', '%b %d %Y %H:%M:%S +%z'],
  ['Aug 09 2013 23:54:35 -09:00 ', '%b %d %Y %H:%M:%S %z '],
  ['Aug 09 2013 23:54:35 -09:00\n', '%b %d %Y %H:%M:%S %z '],
  ['Aug 09 2013 23:54:35 -09::00', '%b %d %Y %H:%M:%S %z'],
  ['Aug 09 2013 23:54:35 -0900::', '%b %d %Y %H:%M:%S %z::'],
  ['Aug 09 2013 23:54:35 -09:00:00', '%b %d %Y %H:%M:%S %z:00'],
  ['Aug 09 2013 23:54:35 -09:00:00 ', '%b %d %Y %H:%M:%S %z:00 '],
  ['Aug 09 2013 23:54:35  -09:00', '%b %d %Y %H:%M:%S  %:z'],
  ['Aug 09 2013 23:54:35 -0900', '%b %d %Y %H:%M:%S %:z'],
  ['Aug 09 2013 23:54:35 -09 00', '%b %d %Y %H:%M:%S %:z'],
  ['Aug 09 2013 23:54:35 -09 : 00', '%b %d %Y %H:%M:%S %:z'],
  ['Aug 09 2013 23:54:35 -09 : 00:', '%b %d %Y %H:%M:%S %:z:'],
  ['Aug 09 2013 23:54:35 -09::00', '%b %d %Y %H:%M:%S %:z'],
  ['Aug 09 2013 23:54:35 -09:00::', '%b %d %Y %H:%M:%S %:z::'],
  ['Aug 09 2013 23:54:35 -0900', '%b %d %Y %H:%M:%S %::z'],
  ['Aug 09 2013 23:54:35 -09:00', '%b %d %Y %H:%M:%S %::z'],
  ['Aug 09 2013 23:54:35 -09 : 00', '%b %d %Y %H:%M:%S %::z'],
  ['Aug 09 2013 23:54:35 -09::00', '%b %d %Y %H:%M:%S %::z'],
  ['Aug 09 2013 23:54:35 -09::00', '%b %d %Y %H:%M:%S %:z'],
  ['Aug 09 2013 23:54:35 -09001234', '%b %d %Y %H:%M:%S %::z1234'],
  ['Aug 09 2013 23:54:35 -09:001234', '%b %d %Y %H:%M:%S %::z1234'],
  ['Aug 09 2013 23:54:35 -0900 ', '%b %d %Y %H:%M:%S %::z '],
  ['Aug 09 2013 23:54:35 -0900\t\n', '%b %d %Y %H:%M:%S %::z\t\n'],
  ['Aug 09 2013 23:54:35 -0900:', '%b %d %Y %H:%M:%S %::z:'],
  ['Aug 09 2013 23:54:35 :-0900:0', '%b %d %Y %H:%M:%S :%::z:0'],
  ['Aug 09 2013 -0900: 23:54:35', '%b %d %Y %::z: %H:%M:%S'],
  ['Aug 09 2013 :-0900:0 23:54:35', '%b %d %Y :%::z:0 %H:%M:%S'],
  ['Aug 09 2013 23:54:35 -09:00', '%b %d %Y %H:%M:%S %:::z'],
  ['Aug 09 2013 23:54:35 -0900', '%b %d %Y %H:%M:%S %:::z'],
  ['Aug 09 2013 23:54:35 -0900  ', '%b %d %Y %H:%M:%S %:::z  '],
  ['Aug 09 2013 23:54:35 -09:00', '%b %d %Y %H:%M:%S %#z'],
  ['Aug 09 2013 23:54:35 -0900', '%b %d %Y %H:%M:%S %#z'],
  ['Aug 09 2013 23:54:35  -09:00  ', '%b %d %Y %H:%M:%S  %#z  '],
  ['Aug 09 2013 23:54:35  -0900  ', '%b %d %Y %H:%M:%S  %#z  '],
  ['Aug 09 2013 23:54:35 -09', '%b %d %Y %H:%M:%S %#z'],
  ['Aug 09 2013 23:54:35 -0900', '%b %d %Y %H:%M:%S %#z'],
  ['Aug 09 2013 23:54:35 -09:', '%b %d %Y %H:%M:%S %#z'],
  ['Aug 09 2013 23:54:35 -09: ', '%b %d %Y %H:%M:%S %#z '],
  ['Aug 09 2013 23:54:35+-09', '%b %d %Y %H:%M:%S+%#z'],
  ['Aug 09 2013 23:54:35--09', '%b %d %Y %H:%M:%S-%#z'],
  ['Aug 09 2013 -09:00 23:54:35', '%b %d %Y %#z%H:%M:%S'],
  ['Aug 09 2013 -0900 23:54:35', '%b %d %Y %#z%H:%M:%S'],
  ['Aug 09 2013 -090023:54:35', '%b %d %Y %#z%H:%M:%S'],
  ['Aug 09 2013 -09:0023:54:35', '%b %d %Y %#z%H:%M:%S'],
];
const ERRORS: [string, string][] = [
  ['Aug 09 2013 23:54:35 -0900', '%b %d %Y %H:%M:%S %Z'],
  ['Aug 09 2013 23:54:35 PST', '%b %d %Y %H:%M:%S %Z'],
  ['Aug 09 2013 23:54:35 XXXXX', '%b %d %Y %H:%M:%S %Z'],
  ['Aug 09 2013 23:54:35 -09:00\n', '%b %d %Y %H:%M:%S %z'],
  ['Aug 09 2013 23:54:35 -09:00:', '%b %d %Y %H:%M:%S %z'],
  ['Aug 09 2013 23:54:35 -09:00: ', '%b %d %Y %H:%M:%S %z '],
  ['Aug 09 2013 23:54:35 -09:00:', '%b %d %Y %H:%M:%S %z '],
  ['Aug 09 2013 23:54:35 -09', '%b %d %Y %H:%M:%S %z'],
  ['Aug 09 2013 23:54:35 -09', '%b %d %Y %H:%M:%S %:z'],
  ['Aug 09 2013 23:54:35 -09:00:', '%b %d %Y %H:%M:%S %:z'],
  ['Aug 09 2013 23:54:35 -09:00::', '%b %d %Y %H:%M:%S %:z'],
  ['Aug 09 2013 23:54:35 -09:00:00', '%b %d %Y %H:%M:%S %::z'],
  ['Aug 09 2013 23:54:35 -09', '%b %d %Y %H:%M:%S %::z'],
  ['Aug 09 2013 23:54:35 :-0900: ', '%b %d %Y %H:%M:%S :%::z::'],
  ['Aug 09 2013 23:54:35 -09:00:00', '%b %d %Y %H:%M:%S %::z'],
  ['Aug 09 2013 :-0900: 23:54:35', '%b %d %Y :%::z  %H:%M:%S'],
  ['Aug 09 2013 23:54:35 -09:00:00 ', '%b %d %Y %H:%M:%S %::z '],
  ['Aug 09 2013 23:54:35 -09', '%b %d %Y %H:%M:%S %:::z'],
  ['Aug 09 2013 23:54:35 -0900', '%b %d %Y %H:%M:%S %::::z'],
  ['Aug 09 2013 23:54:35 -09:00', '%b %d %Y %H:%M:%S %::::z'],
  ['Aug 09 2013 23:54:35 -09:00:', '%b %d %Y %H:%M:%S %::::z'],
  ['Aug 09 2013 23:54:35 -09:00:00', '%b %d %Y %H:%M:%S %::::z'],
  ['Aug 09 2013 23:54:35 -09:00:00', '%b %d %Y %H:%M:%S %#z'],
  ['Aug 09 2013 23:54:35 -090', '%b %d %Y %H:%M:%S %#z'],
  ['Aug 09 2013 23:54:35 -090 ', '%b %d %Y %H:%M:%S %#z '],
  ['Aug 09 2013 -090 23:54:35', '%b %d %Y %#z %H:%M:%S'],
  ['Aug 09 2013 -09:00:00 23:54:35', '%b %d %Y %#z %H:%M:%S'],
  ['Aug 09 2013 -09:00:23:54:35', '%b %d %Y %#z%H:%M:%S'],
];
const EXPECTED = Date.UTC(2013, 7, 10, 8, 54, 35) / 1000;

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ChronoParseError) return error.message;
    throw error;
  }
  return 'no error';
}

describe("chrono's strptime", () => {
  it.each(OK)('reads %j with %j', (text, format) => {
    expect(parseWithOffset(text, format)).toEqual({ seconds: EXPECTED, nanos: 0 });
  });

  it.each(ERRORS)('refuses %j with %j', (text, format) => {
    expect(() => parseWithOffset(text, format)).toThrow(ChronoParseError);
  });

  it.each([
    ['2015-W06-1 000000', '%G-W%V-%u%H%M%S', '2015-02-02T00:00:00Z', 0],
    ['Fri, 09 Aug 2013 23:54:35 GMT', '%a, %d %b %Y %H:%M:%S GMT', '2013-08-09T23:54:35Z', 0],
    ['1441497364', '%s', '2015-09-05T23:56:04Z', 0],
    ['1283929614.1234', '%s.%f', '2010-09-08T07:06:54Z', 1234],
    ['1441497364.649', '%s%.3f', '2015-09-05T23:56:04Z', 649_000_000],
    ['1437742189.918273645', '%s%.9f', '2015-07-24T12:49:49Z', 918_273_645],
    ['\n\tAug 09 2013 23:54:35  ', '\n\t%b %d %Y %H:%M:%S  ', '2013-08-09T23:54:35Z', 0],
    ['Aug 09 2013 23:54:35', '%b %d %Y %H:%M:%S\n', '2013-08-09T23:54:35Z', 0],
    ['2020-366 7:08', '%Y-%j %H:%M', '2020-12-31T07:08:00Z', 0],
    ['1912 3 1 0 0', '%C%y %m %d %H %M', '1912-03-01T00:00:00Z', 0],
    ['2023 05 3 12:00', '%Y %U %w %H:%M', '2023-02-01T12:00:00Z', 0],
    ['Sunday 4 July 21 1:05 pm', '%A %e %B %y %l:%M %P', '2021-07-04T13:05:00Z', 0],
  ])('reads %j with %j as a local time', (text, format, iso, nanos) => {
    const instant = parseInZone(text, format, 'UTC');
    expect(new Date(instant.seconds * 1000).toISOString().replace('.000', '')).toBe(iso);
    expect(instant.nanos).toBe(nanos);
  });

  it.each([
    [
      'Sat, 09 Aug 2013 23:54:35 GMT',
      '%a, %d %b %Y %H:%M:%S GMT',
      'no possible date and time matching input',
    ],
    ['2014-5-7 Q2 12:3456', '%Y-%m-%d Q%q %H:%M:%S', 'input contains invalid characters'],
    ['2014-5-7 Q3 12:34', '%Y-%m-%d Q%q %H:%M', 'no possible date and time matching input'],
    ['19 12 31 0 0', '%C %y %m %d %H %M', 'input is out of range'],
    ['12:34:56', '%H:%M:%S', 'input is not enough for unique date and time'],
    [' Aug 09 2013 23:54:35', '%b %d %Y %H:%M:%S', 'input contains invalid characters'],
    ['Aug 09 2013 23:54:35 ', '%b %d %Y %H:%M:%S', 'trailing input'],
    ['Aug 09 2013', '%b %d %Y %H', 'premature end of input'],
    ['2013-02-30 00:00', '%Y-%m-%d %H:%M', 'input is out of range'],
    ['2013', '%Y %Q', 'bad or unsupported format string'],
    ['x', '%Y %Q', 'input contains invalid characters'],
    ['2013', '%-B', 'bad or unsupported format string'],
    ['10:00:00.5', '%H:%M:%S%.f %F', 'premature end of input'],
  ])('refuses %j with %j: %s', (text, format, message) => {
    expect(errorOf(() => parseInZone(text, format, 'UTC'))).toBe(message);
  });

  it('reads RFC 3339 with chrono relaxations', () => {
    expect(parseRfc3339('2012-12-12 12:12:12.5UTC')).toEqual({
      seconds: Date.UTC(2012, 11, 12, 12, 12, 12) / 1000,
      nanos: 500_000_000,
    });
    expect(parseRfc3339('2012-  12-12T12:  12:12-0130').seconds).toBe(
      Date.UTC(2012, 11, 12, 13, 42, 12) / 1000,
    );
    expect(errorOf(() => parseRfc3339('2012-12-12T12:12:12'))).toBe('premature end of input');
  });

  it('turns an unknown specifier into an error item where it stands', () => {
    expect(strftimeItems('%Y-%Q').map((item) => item.type)).toEqual(['numeric', 'literal', 'error']);
    expect(strftimeItems('%-d %_H %0M').map((item) => item.type)).toEqual([
      'numeric',
      'space',
      'numeric',
      'space',
      'numeric',
    ]);
  });

  it('resolves local times in a zone: a gap is impossible, an overlap not unique unless an offset says which', () => {
    expect(
      new Date(parseInZone('2021-03-28 01:59:59', '%F %T', 'Europe/Paris').seconds * 1000).toISOString(),
    ).toBe('2021-03-28T00:59:59.000Z');
    expect(errorOf(() => parseInZone('2021-03-28 02:30:00', '%F %T', 'Europe/Paris'))).toBe(
      'no possible date and time matching input',
    );
    expect(errorOf(() => parseInZone('2021-10-31 02:30:00', '%F %T', 'Europe/Paris'))).toBe(
      'input is not enough for unique date and time',
    );
    expect(
      new Date(parseInZone('2021-10-31 02:30:00', '%F %T', 'America/New_York').seconds * 1000).toISOString(),
    ).toBe('2021-10-31T06:30:00.000Z');
  });
});

describe('parse_timestamp', () => {
  it('reads a local time in the timezone argument, else the program time zone', () => {
    const program = 'parse_timestamp!("16/10/2019 12:00:00", format: "%d/%m/%Y %H:%M:%S")';
    expect(evaluate(program)).toEqual({ value: '2019-10-16T12:00:00Z' });
    expect(evaluate(program, {}, { timezone: 'Europe/Paris' })).toEqual({ value: '2019-10-16T10:00:00Z' });
    expect(
      evaluate(
        'parse_timestamp!("31/12/2019:12:00:00", format: "%d/%m/%Y:%H:%M:%S", timezone: "Europe/Paris")',
        {},
        {
          timezone: 'Europe/London',
        },
      ),
    ).toEqual({ value: '2019-12-31T11:00:00Z' });
  });

  it('keeps nanoseconds and passes a timestamp through', () => {
    expect(evaluate('parse_timestamp!("2021-02-03T04:05:06.123456789+02:00", format: "%+")')).toEqual({
      value: '2021-02-03T02:05:06.123456789Z',
    });
    expect(evaluate('parse_timestamp!(t\'2020-01-01T00:00:00Z\', format: "%s")')).toEqual({
      value: '2020-01-01T00:00:00Z',
    });
  });

  it.each([
    [
      'parse_timestamp!("16/10/2019:12:00:00", format: "%d/%m/%Y:%H:%M:%S", timezone: "Europe/Pariss")',
      'unable to parse timezone: Europe/Pariss',
    ],
    [
      'parse_timestamp!("16/10/2019", format: "%d/%m/%Y")',
      'Invalid timestamp "16/10/2019": input is not enough for unique date and time',
    ],
    [
      'parse_timestamp!("10:00 CET", format: "%H:%M %Z")',
      'Invalid timestamp "10:00 CET": input is not enough for unique date and time',
    ],
  ])('fails as VRL does: %s', (program, message) => {
    expect(callError(program)).toBe(message);
  });
});
