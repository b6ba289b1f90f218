import { describe, expect, it } from 'vitest';
import { evaluate, runtimeError } from '../test-helpers/evaluate.js';

describe('unnest', () => {
  it('unnests a path of a variable and of an expression', () => {
    expect(evaluate('x = {"a": [1, 2], "b": true}\nunnest!(x.a)')).toEqual([
      { a: 1, b: true },
      { a: 2, b: true },
    ]);
    expect(evaluate('unnest!({"a": {"b": [1]}}.a.b)')).toEqual([{ a: { b: 1 } }]);
  });

  it('leaves the event unchanged', () => {
    expect(evaluate('unnest!(.a)\n.', { a: [1, 2] })).toEqual({ a: [1, 2] });
  });

  it('fails on a path that holds no array', () => {
    expect(runtimeError('unnest!(.a)', {})).toContain('expected array, got null');
    expect(runtimeError('unnest!(.a)', { a: 'x' })).toContain('expected array, got string');
  });

  it("types the result as VRL does, so the elements' fields are known", () => {
    expect(evaluate('.a = [{"b": 1}]\nx = unnest(.a)\nx[0].a.b + 1')).toBe(2);
  });
});
