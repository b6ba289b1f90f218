import { describe, expect, it } from 'vitest';
import { interpolateText, MAX_INTERPOLATED_VALUE_BYTES } from './interpolate.js';

const MiB = 1024 * 1024;
const interpolate = (text: string, environment: NodeJS.ProcessEnv, max = 10 * MiB) =>
  interpolateText(text, environment, max);

// Vector's own cases (src/config/vars.rs, `interpolation` and `test_multiline_expansion_prevented`).
const vars = { FOO: 'dogs', FOOBAR: 'cats', 'FOO.BAR': 'turtles', EMPTY: '' };

describe('environment interpolation of the raw text, as Vector', () => {
  it.each([
    ['$FOO', 'dogs'],
    ['${FOO}', 'dogs'],
    ['${FOOBAR}', 'cats'],
    ['x${FOOBAR}y', 'xcatsy'],
    ['$ x', '$ x'],
    ['$$FOO', '$FOO'],
    ['$FOO=bar', 'dogs=bar'],
    ['$FOO.BAR', 'turtles'],
    ['${FOO x', '${FOO x'],
    ['${}', '${}'],
    ['${FOO:-cats}', 'dogs'],
    ['${NOT:-dogcats}', 'dogcats'],
    ['${NOT:-dogs and cats}', 'dogs and cats'],
    ['${:-cats}', '${:-cats}'],
    ['${NOT:-}', ''],
    ['${NOT-cats}', 'cats'],
    ['${EMPTY-cats}', ''],
    ['${FOO:?error cats}', 'dogs'],
    ['${FOO?error cats}', 'dogs'],
    ['${EMPTY?error cats}', ''],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, vars)).toEqual({ text: expected, problems: [] });
  });

  it.each([
    ['x$FOOBARy', /FOOBARy is not set/],
    ['$NOT_FOO', /NOT_FOO is not set/],
    ['$NOT-FOO', /NOT is not set/],
    ['${NOT:?error cats}', /NOT is not set: error cats/],
    ['${NOT?error cats}', /NOT is not set: error cats/],
    ['${EMPTY:?error cats}', /EMPTY is empty: error cats/],
  ])('%s is an error', (text, message) => {
    expect(interpolate(text, vars).problems).toEqual([{ line: 1, message: expect.stringMatching(message) }]);
  });

  it('refuses a value with a newline (LF, CR or both), even with a default, so no variable adds lines', () => {
    const environment = { LF: 'a\nb', CR: 'a\rb', CRLF: 'a\r\nb', SAFE: 'single line value' };
    for (const name of ['LF', 'CR', 'CRLF'])
      expect(interpolate(`x: \${${name}:-safe default}`, environment).problems).toEqual([
        { line: 1, message: `environment variable ${name} contains a newline, which is refused` },
      ]);
    expect(interpolate('$SAFE', environment).text).toBe('single line value');
  });

  it('substitutes anywhere in the text, so a YAML flow list takes the items of a variable', () => {
    const text = 'include_containers: [${include_containers}]\n';
    expect(interpolate(text, { include_containers: 'web, worker' }).text).toBe(
      'include_containers: [web, worker]\n',
    );
  });

  it('names the line of each problem, all of them at once', () => {
    const result = interpolate('a: 1\nb: $ONE\nc: ${TWO:?needed}\n', {});
    expect(result.problems).toEqual([
      { line: 2, message: 'environment variable ONE is not set (use ${ONE:-default} for a default)' },
      { line: 3, message: 'environment variable TWO is not set: needed' },
    ]);
  });

  it('a value may be at most 64 KiB and the text stays under the limit as it grows', () => {
    const big = 'x'.repeat(MAX_INTERPOLATED_VALUE_BYTES + 1);
    expect(interpolate('a: $BIG', { BIG: big }).problems).toEqual([
      {
        line: 1,
        message: `environment variable BIG is ${MAX_INTERPOLATED_VALUE_BYTES + 1} bytes; a value may be at most ${MAX_INTERPOLATED_VALUE_BYTES} bytes`,
      },
    ]);
    // 48 KB of references to a 60 KB value would be 2 GB: refused with one problem, never built.
    const value = 'x'.repeat(60_000);
    const text = 'a: "$V"\n'.repeat(6_000);
    const result = interpolate(text, { V: value });
    expect(result.problems).toEqual([
      {
        line: 174,
        message: `after substituting environment variables the file would be more than ${10 * MiB} bytes; a config file may be at most ${10 * MiB} bytes`,
      },
    ]);
    expect(result.text.length).toBeLessThanOrEqual(10 * MiB + text.length);
  });
});
