import { describe, expect, it } from 'vitest';
import { checkGraph } from './graph.js';

function problems(sinks: Record<string, string[]>, transforms: Record<string, string[]> = {}) {
  const found: string[] = [];
  const resolved = checkGraph({ sources: ['in'], transforms, sinks }, (path, message) =>
    found.push(`${path}: ${message}`),
  );
  return { found, resolved };
}

describe('`<sink id>.rejected` inputs', () => {
  it('a sink or a transform may read what another sink rejected', () => {
    const { found, resolved } = problems(
      { k: ['in'], kept: ['k.rejected'], also: ['fix'] },
      { fix: ['k.rejected'] },
    );
    expect(found).toEqual([]);
    expect(resolved.get('sinks.kept')).toEqual(['k.rejected']);
    expect(resolved.get('transforms.fix')).toEqual(['k.rejected']);
  });
  it('a sink may not read its own rejected output, nor loop through others', () => {
    expect(problems({ k: ['in', 'k.rejected'] }).found).toEqual([
      'sinks.k.inputs: "k" lists its own rejected output as an input',
    ]);
    const { found } = problems({ a: ['in', 'fix'], b: ['a.rejected'] }, { fix: ['b.rejected'] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/rejected routes loop/);
  });
  it('`.rejected` of a source or an unknown sink is an unknown input', () => {
    expect(problems({ k: ['in.rejected'] }).found[0]).toMatch(/unknown input "in.rejected"/);
  });
});
