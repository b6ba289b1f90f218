import { describe, expect, it } from 'vitest';
import { compileError } from '../test-helpers/evaluate.js';
import { evaluate } from '../test-helpers/outcome.js';

const GOOGLEBOT = 'Googlebot/2.1 (+http://www.google.com/bot.html)';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 10; SM-G973F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/83.0.4103.106 Mobile Safari/537.36';
const parse = (agent: string, mode?: string) =>
  evaluate(`parse_user_agent(${JSON.stringify(agent)}${mode === undefined ? '' : `, mode: "${mode}"`})`);

describe('parse_user_agent', () => {
  it('fast (the default): woothee alone, the partial schema, null where it found nothing', () => {
    expect(parse(GOOGLEBOT)).toEqual({
      value: {
        browser: { family: 'misc crawler', version: null },
        os: { family: null, version: null },
        device: { category: 'crawler' },
      },
    });
  });

  it('reliable: uap-core where woothee found no browser or OS family, else woothee alone', () => {
    expect(parse(GOOGLEBOT, 'reliable')).toEqual({
      value: {
        browser: { family: 'Googlebot', version: null },
        os: { family: null, version: null },
        device: { category: 'crawler' },
      },
    });
    expect(parse(ANDROID, 'reliable')).toEqual(parse(ANDROID, 'fast'));
  });

  it('enriched: uap-core completed by woothee, the full schema', () => {
    expect(parse(ANDROID, 'enriched')).toEqual({
      value: {
        browser: {
          family: 'Chrome Mobile',
          version: '83.0.4103.106',
          major: '83',
          minor: '0',
          patch: '4103',
        },
        os: { family: 'Android', version: '10', major: '10', minor: null, patch: null, patch_minor: null },
        device: { category: 'smartphone', family: 'Samsung SM-G973F', brand: 'Samsung', model: 'SM-G973F' },
      },
    });
  });

  it('refuses a mode it does not know at compile time', () => {
    expect(compileError('parse_user_agent("x", mode: "slow")')).toMatch(/invalid enum variant/);
  });
});
