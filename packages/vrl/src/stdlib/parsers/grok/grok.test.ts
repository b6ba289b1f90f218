import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROK_PATTERNS } from './default-patterns.js';
import { expandGrok, GrokError, GrokPattern } from './grok.js';

// The grok crate's own tests (src/lib.rs, testdata/), on this port and the Oniguruma engine.

const DEFAULTS = new Map(GROK_PATTERNS);
const testdata = (name: string): string =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url).pathname, 'utf8');

function matches(
  pattern: string,
  text: string,
  extra?: Map<string, string>,
): Record<string, string> | undefined {
  const found = GrokPattern.compile(pattern, extra).match(text);
  return found === undefined ? undefined : Object.fromEntries(found);
}

const DATES = new Map([
  ['YEAR', String.raw`(\d\d){1,2}`],
  [
    'MONTH',
    String.raw`\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?|Sep(?:tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b`,
  ],
  ['DAY', '(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)'],
  ['USERNAME', '[a-zA-Z0-9._-]+'],
  ['SPACE', String.raw`\s*`],
]);

describe('grok', () => {
  it('expands patterns as the crate does', () => {
    expect(expandGrok('%{BACULA_LOGLINE}', DEFAULTS, false).regex).toBe(testdata('BACULA_LOGLINE'));
    expect(expandGrok('%{BACULA_LOGLINE}', DEFAULTS, true).regex).toBe(
      testdata('BACULA_LOGLINE.aliasesonly'),
    );
    expect(expandGrok('%{ELB_ACCESS_LOG}', DEFAULTS, false).regex).toBe(testdata('ELB_ACCESS_LOG'));
  });

  it('compiles every default pattern', () => {
    const failures: string[] = [];
    for (const [name] of GROK_PATTERNS) {
      try {
        GrokPattern.compile(`%{${name}}`);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('matches with aliases only, leaving out groups that took no part', () => {
    expect(matches('%{USERNAME:usr}', 'john doe')).toEqual({ usr: 'john' });
    expect(matches('%{MAC:macaddr}', 'hello! 5E:FF:56:A2:AF:15 what?')).toEqual({
      macaddr: '5E:FF:56:A2:AF:15',
    });
    expect(matches('%{MAC:macaddr}', '5E:FF')).toBeUndefined();
    expect(
      matches(
        '%{DAY:day} %{MONTH:month} %{YEAR:year}%{SPACE}%{USERNAME:user}?',
        'Monday March 2012 user',
        DATES,
      ),
    ).toEqual({ day: 'Monday', month: 'March', year: '2012', user: 'user' });
    expect(matches(String.raw`\[(?<threadname>[^\]]+)\]`, '[thread1]')).toEqual({ threadname: 'thread1' });
    expect(matches(String.raw`%{NEW_PATTERN:first=\w+} %{NEW_PATTERN:second}`, 'word1 word2')).toEqual({
      first: 'word1',
      second: 'word2',
    });
  });

  it('lets the last of groups of the same name win', () => {
    expect(matches(String.raw`(?<capture>\w+) %{GREEDYDATA:capture}`, 'word1 word2')).toEqual({
      capture: 'word2',
    });
  });

  it('numbers a repeated alias', () => {
    expect(matches('%{INT:n} %{INT:n}', '1 2')).toEqual({ n: '1', 'n[1]': '2' });
  });

  it('does not match where an atomic group may not give back (the PATH pattern)', () => {
    expect(
      matches('Path: %{PATH:path}$', 'Path: /AAAAA/BBBBB/CCCCC/DDDDDDDDDDDDDD EEEEEEEEEEEEEEEEEEEEEEEE/'),
    ).toBeUndefined();
  });

  it('reads deep patterns', () => {
    expect(matches('%{BACULA_LOGLINE}', '03-Jan 11:22 HostName JobId 1234: Begin pruning Files.')).toEqual({
      bts: '03-Jan 11:22',
      hostname: 'HostName',
      jobid: '1234',
    });
  });

  it.each([
    ['%{NOG}', 'The given pattern definition name "NOG" could not be found in the definition map'],
    ['%{', 'Something unexpected happened during the compilation phase: "InvalidPattern"'],
    ['%{A B}', `Something unexpected happened during the compilation phase: "InvalidCharacter(' ')"`],
    ['%{INT:}', 'Something unexpected happened during the compilation phase: "InvalidPatternDefinition"'],
    ['%{X=a{1}}', 'Something unexpected happened during the compilation phase: "InvalidPatternDefinition"'],
    ['', 'The given pattern "" ended up compiling into an empty regex'],
    [
      '(%{INT}',
      'The given regex "Regex compilation failed: Error(OnigError(-117), end pattern with unmatched parenthesis):\n((?:(?:[+-]?(?:[0-9]+)))" failed compilation in the underlying engine',
    ],
  ])('refuses %j as the crate does', (pattern, message) => {
    expect(() => GrokPattern.compile(pattern)).toThrow(new GrokError(message));
  });
});
