import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComponentRegistry } from '@sluice/core-topology';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlugins, pluginDirectories, resolvePlugin, SYSTEM_PLUGIN_DIRECTORY } from './plugins.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

async function temporary(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-plugins-'));
  directories.push(directory);
  return directory;
}

/** A plugin package whose `exports` has the `import` condition only, with one sink of type `type`. */
async function installPlugin(directory: string, name: string, type: string): Promise<void> {
  const root = join(directory, 'node_modules', ...name.split('/'));
  await mkdir(root, { recursive: true });
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({ name, type: 'module', exports: { '.': { import: './index.js' } } }),
  );
  await writeFile(
    join(root, 'index.js'),
    `export default [{ specificationVersion: 1, kind: 'sink', type: ${JSON.stringify(type)}, description: 'x', optionsSchema: { type: 'object' }, create() { return { async run() {} }; } }];\n`,
  );
}

describe('plugin directories', () => {
  it('are a plugins directory beside each config file, the system one, then the working directory', () => {
    expect(
      pluginDirectories(['/etc/sluice/sluice.yaml', '/etc/sluice/more.toml', '/srv/x.toml'], '/'),
    ).toEqual(['/etc/sluice/plugins', '/srv/plugins', SYSTEM_PLUGIN_DIRECTORY, '/']);
    expect(SYSTEM_PLUGIN_DIRECTORY).toBe('/usr/lib/sluice/plugins');
  });
});

describe('loading plugins', () => {
  it('finds a package with only an `import` condition in the plugins directory beside the config', async () => {
    const config = await temporary();
    const cwd = await temporary();
    await installPlugin(join(config, 'plugins'), '@acme/sluice-sink-beside', 'beside');
    const registry = new ComponentRegistry();
    await loadPlugins(registry, ['@acme/sluice-sink-beside'], {
      directories: pluginDirectories([join(config, 'sluice.toml')], cwd),
      cwd,
    });
    expect(registry.knownTypes('sink')).toEqual(['beside']);
  });

  it('takes the first directory that has the package', async () => {
    const first = await temporary();
    const second = await temporary();
    await installPlugin(first, 'sluice-sink-twice', 'first');
    await installPlugin(second, 'sluice-sink-twice', 'second');
    const entry = resolvePlugin('sluice-sink-twice', [first, second], second);
    expect(entry?.pathname).toBe(join(first, 'node_modules', 'sluice-sink-twice', 'index.js'));
  });

  it('resolves a path relative to the working directory', async () => {
    const cwd = await temporary();
    await installPlugin(cwd, 'local', 'local');
    const registry = new ComponentRegistry();
    await loadPlugins(registry, ['./node_modules/local/index.js'], { directories: [], cwd });
    expect(registry.knownTypes('sink')).toEqual(['local']);
  });

  it('says where it looked and how to install a plugin that is not there', async () => {
    const cwd = await temporary();
    const error = await loadPlugins(new ComponentRegistry(), ['@acme/absent'], {
      directories: pluginDirectories(['/etc/sluice/sluice.yaml'], cwd),
      cwd,
    }).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `plugin "@acme/absent" could not be loaded: not installed (looked in /etc/sluice/plugins, /usr/lib/sluice/plugins, ${cwd} or beside sluice itself): install it in one of them, e.g. \`npm install --prefix /usr/lib/sluice/plugins @acme/absent\``,
    );
  });
});
