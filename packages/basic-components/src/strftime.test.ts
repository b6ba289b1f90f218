import { Timestamp } from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import { parseStrftime } from './strftime.js';

/** The format's text of `date` (UTC unless an offset is given); the test fails on a parse error. */
function format(pattern: string, date: Date, offsetSeconds?: number): string {
  const parsed = parseStrftime(pattern);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.format(date, offsetSeconds);
}

// A Sunday that belongs to the last ISO week of 2026; the expected texts were checked with GNU date.
const SUNDAY = new Date('2027-01-03T17:04:05Z');
const KOLKATA = 5.5 * 3600;
const ST_JOHNS = -3.5 * 3600;

describe('parseStrftime, as chrono formats', () => {
  it('prints the date and time specifiers', () => {
    expect(format('%Y-%m-%d %H:%M:%S', SUNDAY)).toBe('2027-01-03 17:04:05');
    expect(format('%C %y %G %g %V %U %W %j %u %w %q', SUNDAY)).toBe('20 27 2026 26 53 01 00 003 7 0 1');
    expect(format('%a %A %b %B %h %e %k %l %I %p %P', SUNDAY)).toBe(
      'Sun Sunday Jan January Jan  3 17  5 05 PM pm',
    );
    expect(format('%D %F %R %T %r %x %X', SUNDAY)).toBe(
      '01/03/27 2027-01-03 17:04 17:04:05 05:04:05 PM 01/03/27 17:04:05',
    );
    expect(format('%c|%v|%s|%%|%t|%n', SUNDAY)).toBe(
      'Sun Jan  3 17:04:05 2027| 3-Jan-2027|1798995845|%|\t|\n',
    );
  });

  it('prints UTC as UTC and a fixed offset as chrono does', () => {
    expect(format('%z %:z %::z %:::z %Z', SUNDAY)).toBe('+0000 +00:00 +00:00:00 +00 UTC');
    expect(format('%z %:z %::z %:::z %Z', SUNDAY, 0)).toBe('+0000 +00:00 +00:00:00 +00 +00:00');
    expect(format('%F %T %z %:z %::z %:::z %Z', SUNDAY, KOLKATA)).toBe(
      '2027-01-03 22:34:05 +0530 +05:30 +05:30:00 +05 +05:30',
    );
    expect(format('%F %T %z %Z %s', SUNDAY, ST_JOHNS)).toBe('2027-01-03 13:34:05 -0330 -03:30 1798995845');
    // The offset moves the date across midnight and the year.
    expect(format('%Y-%m-%d %j', new Date('2027-01-01T01:00:00Z'), ST_JOHNS)).toBe('2026-12-31 365');
  });

  it('prints fractions of a second, with the nanoseconds below the millisecond', () => {
    const precise = new Timestamp(Date.parse('2027-01-03T17:04:05.026Z'), 490_000);
    expect(format('%f|%.f|%.3f|%.6f|%.9f|%3f|%6f|%9f', precise)).toBe(
      '026490000|.026490|.026|.026490|.026490000|026|026490|026490000',
    );
    expect(format('%.f', new Date('2027-01-03T17:04:05.120Z'))).toBe('.120');
    expect(format('%.f|%+', SUNDAY)).toBe('|2027-01-03T17:04:05+00:00');
    expect(format('%+', precise, KOLKATA)).toBe('2027-01-03T22:34:05.026490+05:30');
  });

  it('applies the padding modifiers to numbers, as GNU date', () => {
    const early = new Date('0999-03-09T01:02:03Z');
    expect(format('%Y|%-d|%_m|%-Y|%C|%j|%-j|%_j|%0e|%-H', early)).toBe('0999|9| 3|999|09|068|68| 68|09|1');
    expect(format('%Y', new Date('+012345-01-01T00:00:00Z'))).toBe('+12345');
  });

  it('says whether the format prints the time at all', () => {
    const literal = parseStrftime('/var/log/app 100%%.log');
    expect(literal).toMatchObject({ dynamic: false });
    expect(parseStrftime('/var/log/%Y/app.log')).toMatchObject({ dynamic: true });
  });

  it.each([
    ['%Q', '%Q'],
    ['log-%', '%'],
    ['%-a', '%-a'],
    ['%-F', '%-F'],
    ['%#z', '%#'],
    ['%.2f', '%.'],
    ['%:x', '%:'],
  ])('refuses %j, an item chrono does not know', (pattern, item) => {
    expect(parseStrftime(pattern)).toEqual({ error: `invalid strftime item ${JSON.stringify(item)}` });
  });
});
