import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseUap, rewriteRegex } from './uap.js';
import { UAP_REGEXES } from './uap-regexes.js';

const DATA = new URL('./regexes.yaml', import.meta.url).pathname;
const SAMPLE = new URL('../../../../test-data/uap-core/sample.json', import.meta.url).pathname;
const MODULE = new URL('./uap-regexes.ts', import.meta.url).pathname;

/** The regexes as the crate reads them: each parser's regex and replacements, in order. */
function regexesFromYaml(): unknown {
  const data = parse(readFileSync(DATA, 'utf8')) as Record<string, Record<string, string>[]>;
  const domains = ['user_agent_parsers', 'os_parsers', 'device_parsers'];
  return Object.fromEntries(domains.map((domain) => [domain, data[domain]]));
}

describe("VRL's copy of uap-core's regexes", () => {
  it('is the generated module', () => {
    const regexes = regexesFromYaml();
    if (process.env.UPDATE_UAP_REGEXES !== undefined) {
      writeFileSync(
        MODULE,
        `// Generated from ./regexes.yaml (VRL's copy of uap-core's regexes) by uap.test.ts: do not edit.\n\nexport interface UapParser {\n  regex: string;\n  regex_flag?: string;\n  family_replacement?: string;\n  v1_replacement?: string;\n  v2_replacement?: string;\n  v3_replacement?: string;\n  v4_replacement?: string;\n  os_replacement?: string;\n  os_v1_replacement?: string;\n  os_v2_replacement?: string;\n  os_v3_replacement?: string;\n  os_v4_replacement?: string;\n  device_replacement?: string;\n  brand_replacement?: string;\n  model_replacement?: string;\n}\n\nexport const UAP_REGEXES: {\n  user_agent_parsers: UapParser[];\n  os_parsers: UapParser[];\n  device_parsers: UapParser[];\n} = ${JSON.stringify(regexes, null, 1)};\n`,
      );
    }
    expect(UAP_REGEXES).toEqual(regexes);
  });
});

// The crate's tests of `rewrite_regex`.
describe('rewriteRegex', () => {
  it.each([
    ['.{0,2}x', '.{0,2}x'],
    ['.{0,}', '.{0,}'],
    ['.{1,}', '.{1,}'],
    ['.{0,20}x', '.{0,20}x'],
    ['(.{0,100})', '(.*)'],
    ['(.{1,50})', '(.{1,50})'],
    ['.{1,300}x', '.+x'],
    [
      '; {0,2}(T-(?:07|[^0][0-9])[^;/]{1,100}?)(?: Build|\\) AppleWebKit)',
      '; {0,2}(T-(?:07|[^0][0-9])[^;/]+?)(?: Build|\\) AppleWebKit)',
    ],
    [
      '; {0,2}(SH\\-?[0-9][0-9][^;/]{1,100}|SBM[0-9][^;/]{1,100}?)(?: Build|\\) AppleWebKit)',
      '; {0,2}(SH\\-?[0-9][0-9][^;/]+|SBM[0-9][^;/]+?)(?: Build|\\) AppleWebKit)',
    ],
    ['\\{1,2}', '\\{1,2}'],
    ['[.{1,100}]', '[.{1,100}]'],
    ['\\dx', '[0-9]x'],
    ['\\wx', '[A-Za-z0-9_]x'],
    ['[\\d]x', '[[0-9]]x'],
  ])('%s', (regex, rewritten) => {
    expect(rewriteRegex(regex)).toBe(rewritten);
  });
});

type Case = Record<string, string | null | undefined> & { user_agent_string: string; family: string };
const sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<'ua' | 'os' | 'device', Case[]>;
const orUndefined = (value: string | null | undefined) =>
  value === null || value === '' ? undefined : value;

// What uap-core's own tests expect ("Other" where nothing matched).
describe("uap-core's test cases (a sample)", () => {
  it.each(sample.ua.map((test) => [test.user_agent_string, test] as const))(
    'browser of %s',
    (agent, test) => {
      const browser = parseUap(agent).browser;
      expect(browser ?? { family: 'Other', major: undefined, minor: undefined, patch: undefined }).toEqual({
        family: test.family,
        major: orUndefined(test.major),
        minor: orUndefined(test.minor),
        patch: orUndefined(test.patch),
      });
    },
  );

  it.each(sample.os.map((test) => [test.user_agent_string, test] as const))('OS of %s', (agent, test) => {
    const os = parseUap(agent).os;
    if (os === undefined) expect(test.family).toBe('Other');
    else
      expect(os).toEqual({
        family: test.family,
        major: orUndefined(test.major),
        minor: orUndefined(test.minor),
        patch: orUndefined(test.patch),
        patchMinor: orUndefined(test.patch_minor),
      });
  });

  it.each(sample.device.map((test) => [test.user_agent_string, test] as const))(
    'device of %s',
    (agent, test) => {
      const device = parseUap(agent).device;
      if (device === undefined) expect(test.family).toBe('Other');
      else
        expect(device).toEqual({
          family: test.family,
          brand: orUndefined(test.brand),
          model: orUndefined(test.model),
        });
    },
  );
});
