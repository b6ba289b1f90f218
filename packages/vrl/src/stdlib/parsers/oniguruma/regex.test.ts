import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROK_PATTERNS } from '../grok/default-patterns.js';
import { expandGrok } from '../grok/grok.js';
import { OnigRegex } from './regex.js';
import { OnigurumaError } from './syntax.js';

/**
 * Cases whose expected outcome Oniguruma itself gave (6.9.8, Debian's libonig5, through a small C
 * program calling `onig_new` with ONIG_SYNTAX_ONIGURUMA and `onig_search`): random patterns over
 * every construct the engine supports, and grok patterns on log lines.
 */
interface Case {
  pattern: string;
  text: string;
  want: null | { error: number } | { groups: (string | null)[]; names: Record<string, number[]> };
}
const CASES = JSON.parse(
  readFileSync(new URL('./oniguruma-cases.json', import.meta.url).pathname, 'utf8'),
) as {
  regexes: Case[];
  grok: Case[];
};

function outcome(pattern: string, text: string): Case['want'] {
  let regex: OnigRegex;
  try {
    regex = OnigRegex.compile(pattern);
  } catch (error) {
    if (error instanceof OnigurumaError && error.code !== undefined) return { error: error.code };
    throw error;
  }
  const slots = regex.search(text);
  if (slots === undefined) return null;
  const groups: (string | null)[] = [];
  for (let index = 0; index < slots.length; index += 2)
    groups.push((slots[index] as number) < 0 ? null : text.slice(slots[index], slots[index + 1]));
  return {
    groups,
    names: Object.fromEntries([...regex.names].map(([name, indexes]) => [name, [...indexes]])),
  };
}

const DEFAULTS = new Map(GROK_PATTERNS);

describe('the Oniguruma engine', () => {
  it.each(CASES.regexes.map((entry) => [entry.pattern, entry.text, entry] as const))(
    'matches %j on %j as Oniguruma does',
    (_pattern, _text, entry) => {
      expect(outcome(entry.pattern, entry.text)).toEqual(entry.want);
    },
  );

  it.each(CASES.grok.map((entry) => [entry.pattern, entry.text, entry] as const))(
    'matches grok %s on %j as Oniguruma does',
    (_pattern, _text, entry) => {
      expect(outcome(expandGrok(entry.pattern, DEFAULTS, true).regex, entry.text)).toEqual(entry.want);
    },
  );

  it.each([
    ['\\1', 'a backreference is not supported (it cannot match in linear time)'],
    ['\\k<a>', 'a backreference \\k<…> is not supported (it cannot match in linear time)'],
    ['(?<a>x)\\g<a>', 'a subexpression call \\g<…> is not supported (it cannot match in linear time)'],
    ['(?~abc)', 'an absent group (?~…) is not supported (it cannot match in linear time)'],
    ['(?(1)a|b)', 'a conditional group (?(…)…) is not supported (it cannot match in linear time)'],
    ['a\\Kb', '\\K is not supported (it cannot match in linear time)'],
  ])('refuses %s, which cannot match in linear time', (pattern, message) => {
    expect(() => OnigRegex.compile(pattern)).toThrow(new OnigurumaError(undefined, message));
  });

  it.each([
    ['(a|aa)*c', 'a'.repeat(5000)],
    ['(a*)*b', 'a'.repeat(5000)],
    ['(x+x+)+y', 'x'.repeat(5000)],
    ['(?:(?:a|a)+)+$', `${'a'.repeat(3000)}!`],
    ['^(\\w+\\s?)*$', `${'word '.repeat(2000)}!`],
    ['(?<![0-9])(?:a?){30}a{30}', 'a'.repeat(30)],
  ])('answers %s on hostile text without backtracking forever', (pattern, text) => {
    const regex = OnigRegex.compile(pattern);
    const slots = regex.search(text);
    // (?:a?){30}a{30} does match 30 a's; the others cannot match.
    expect(slots === undefined).toBe(pattern.startsWith('(?<!') === false);
  });
});
