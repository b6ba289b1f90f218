import { describe, expect, it } from 'vitest';
import { builtinRegistry } from './builtins.js';

describe('the built-ins table', () => {
  it('every built-in type resolves to its own definition from the package the table names', async () => {
    const registry = builtinRegistry();
    for (const kind of ['source', 'transform', 'sink', 'buffer'] as const)
      for (const type of registry.knownTypes(kind)) {
        const definition = await registry.resolve(kind, type);
        expect([definition.kind, definition.type]).toEqual([kind, type]);
      }
  });

  it('names the package of each type, http included: a plugin taking a built-in type is told whose it is', async () => {
    const claiming = (kind: string, type: string) => {
      const registry = builtinRegistry();
      try {
        registry.register(
          [{ specificationVersion: 1, kind, type, description: '', optionsSchema: {}, create: () => ({}) }],
          '@acme/plugin',
        );
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(claiming('sink', 'http')).toBe(
      '@acme/plugin: sink type "http" is registered twice (already registered by @sluice/sink-http)',
    );
    expect(claiming('source', 'socket')).toMatch(/already registered by @sluice\/source-tcp/);
    expect(claiming('sink', 'console')).toMatch(/already registered by @sluice\/basic-components/);
  });
});
