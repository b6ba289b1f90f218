import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRegistry, installedDefinitions, PackageNotInstalledError, packageNames } from './builtins.js';
import { LOADS_EVERY_COMPONENT_MS } from './test-helpers/timeouts.js';

interface Manifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const manifest = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Manifest;

describe('the built-in component packages', () => {
  it('are each a dependency or an optional peer of @sluice/cli, and the sluice package has them all', () => {
    const cli = manifest('../package.json');
    const everything = manifest('../../sluice/package.json');
    for (const name of packageNames()) {
      const optional = cli.peerDependenciesMeta?.[name]?.optional === true;
      expect(name in (cli.dependencies ?? {}) || optional, name).toBe(true);
      expect(name in (everything.dependencies ?? {}) || name in (cli.dependencies ?? {}), name).toBe(true);
    }
  });

  it(
    'registers each type under its package',
    async () => {
      const registry = builtinRegistry();
      expect(await registry.resolve('sink', 'http')).toMatchObject({ type: 'http' });
      const definitions = await installedDefinitions(registry);
      expect(definitions.map((definition) => definition.type)).toContain('aws_kinesis_streams');
    },
    LOADS_EVERY_COMPONENT_MS,
  );

  it('names the package to install for a type whose package is missing', () => {
    const missing = Object.assign(new Error("Cannot find package '@sluice/sink-kinesis' imported from /x"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const error = new PackageNotInstalledError(
      'sink',
      'aws_kinesis_streams',
      '@sluice/sink-kinesis',
      missing,
    );
    expect(error.message).toBe(
      'sink type "aws_kinesis_streams" is in the package @sluice/sink-kinesis, which is not installed: install it beside @sluice/cli (npm install @sluice/sink-kinesis, with --global for a global install), or install the sluice package, which has every component',
    );
    expect(error.category).toBe('plugin');
  });
});

describe('the built-ins table', () => {
  it(
    'every built-in type resolves to its own definition from the package the table names',
    async () => {
      const registry = builtinRegistry();
      for (const kind of ['source', 'transform', 'sink', 'buffer'] as const)
        for (const type of registry.knownTypes(kind)) {
          const definition = await registry.resolve(kind, type);
          expect([definition.kind, definition.type]).toEqual([kind, type]);
        }
    },
    LOADS_EVERY_COMPONENT_MS,
  );

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
