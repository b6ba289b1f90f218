import {
  FloatValue as ComponentFloatValue,
  Timestamp as ComponentTimestamp,
  floatValue as componentFloatValue,
} from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import { compile } from '../index.js';
import { FloatValue, floatValue, Timestamp } from './markers.js';

describe('value markers shared with @sluice/component-api', () => {
  it('is the same class for both packages, so instanceof works both ways', () => {
    expect(FloatValue).toBe(ComponentFloatValue);
    expect(Timestamp).toBe(ComponentTimestamp);
    expect(floatValue(2)).toBeInstanceOf(ComponentFloatValue);
    expect(componentFloatValue(2)).toBeInstanceOf(FloatValue);
    expect(new ComponentTimestamp(5, 7)).toBeInstanceOf(Timestamp);
  });

  it('a float made by a VRL program is a component-api float, and back', () => {
    const made = compile('.whole = 1.0 + 1\n.').run({ given: componentFloatValue(3) });
    const event = made.event as Record<string, unknown>;
    expect(event.whole).toBeInstanceOf(ComponentFloatValue);
    expect(compile('is_float(.given)').run({ given: componentFloatValue(3) })).toMatchObject({ value: true });
  });

  it('is shared with a second copy of the module (another installed copy of either package)', async () => {
    const copy = (await import(
      /* @vite-ignore */ `./markers.js?copy=${Date.now()}`
    )) as typeof import('./markers.js');
    expect(copy).not.toBe(await import('./markers.js'));
    expect(copy.FloatValue).toBe(FloatValue);
    expect(copy.floatValue(4)).toBeInstanceOf(FloatValue);
    expect(new copy.Timestamp(1, 2)).toBeInstanceOf(ComponentTimestamp);
  });
});
