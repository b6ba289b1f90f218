import { describe, expect, it } from 'vitest';
import { interpolateString, interpolateValues } from './interpolate.js';

const environment = { SET: 'value', EMPTY: '', MULTI: 'a\nb' };

describe('environment interpolation', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['pre-${SET}-post', 'pre-value-post'],
    ['$$SET', '$SET'],
    ['cost: $$5', 'cost: $5'],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${SET:?needed}', 'value'],
    ['${EMPTY?needed}', ''],
  ])('%s → %s', (text, expected) => {
    expect(interpolateString(text, environment)).toEqual({ value: expected });
  });

  it.each([
    ['$UNSET', /UNSET is not set/],
    ['${UNSET}', /UNSET is not set/],
    ['${UNSET:?give it}', /UNSET is not set: give it/],
    ['${EMPTY:?give it}', /EMPTY is empty: give it/],
    ['${UNSET?give it}', /UNSET is not set: give it/],
    ['${MULTI}', /MULTI contains a newline/],
  ])('%s is an error', (text, message) => {
    const result = interpolateString(text, environment);
    expect('error' in result && result.error).toMatch(message);
  });

  it('interpolates values only, never keys, and reports the path of each problem', () => {
    const config = { sinks: { $SET: { stream_name: '${SET}', tags: ['$SET', 1] } }, other: '$UNSET' };
    const problems: Array<{ path: string; message: string }> = [];
    interpolateValues(config, environment, '', problems);
    expect(config).toEqual({
      sinks: { $SET: { stream_name: 'value', tags: ['value', 1] } },
      other: '$UNSET',
    });
    expect(problems).toEqual([{ path: 'other', message: expect.stringMatching(/UNSET is not set/) }]);
  });
});
