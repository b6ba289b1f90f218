import { SluiceError } from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import { ComponentRegistry } from './registry.js';
import { counterSource, recordingSink } from './test-helpers/components.js';

describe('ComponentRegistry', () => {
  it('loads built-ins lazily, only when a type is used', async () => {
    const registry = new ComponentRegistry();
    let loads = 0;
    registry.registerLazy('source', 'test_counter', async () => {
      loads += 1;
      return { default: [counterSource] };
    });
    expect(registry.knownTypes('source')).toEqual(['test_counter']);
    expect(loads).toBe(0);
    expect(await registry.resolve('source', 'test_counter')).toBe(counterSource);
    expect(loads).toBe(1);
  });

  it('refuses duplicate types, unknown specification versions and malformed definitions', () => {
    const registry = new ComponentRegistry();
    registry.register([recordingSink], '@acme/first');
    expect(() => registry.register([{ ...recordingSink }], '@acme/second')).toThrow(
      '@acme/second: sink type "test_recording" is registered twice (already registered by @acme/first)',
    );
    expect(() =>
      registry.register([{ ...recordingSink, type: 'future', specificationVersion: 2 }], '@acme/future'),
    ).toThrow(/declares specificationVersion 2, but this Sluice supports 1/);
    expect(() => registry.register({ not: 'a list' }, '@acme/odd')).toThrow(
      /must default-export a list of definitions/,
    );
    expect(() =>
      registry.register([{ ...recordingSink, type: 'x', create: undefined }], '@acme/broken'),
    ).toThrow(/needs create\(\)/);
  });

  it('says clearly when a plugin cannot be loaded', async () => {
    const registry = new ComponentRegistry();
    const error = await registry.loadPlugin('@acme/missing').catch((caught: unknown) => caught);
    expect(SluiceError.isInstance(error) && error.code).toBe('SLUICE_ERR_PLUGIN_LOAD');
    expect((error as Error).message).toMatch(/plugin "@acme\/missing" could not be loaded/);
  });
});
