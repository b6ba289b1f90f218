import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isSea } from 'node:sea';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ErrorCode, SluiceError } from '@sluice/component-api';
import type { ComponentRegistry } from '@sluice/core-topology';
import { moduleResolve } from 'import-meta-resolve';

/** The plugin directory of a system install (the .deb's): `npm install --prefix` it. */
export const SYSTEM_PLUGIN_DIRECTORY = '/usr/lib/sluice/plugins';

/** Node's conditions for `import`: a plugin's `exports` may offer `import` alone. */
const CONDITIONS = new Set(['node', 'import']);

/**
 * Where a plugin named by its package name is looked for, in order: a `plugins` directory beside
 * each config file, the system plugin directory, the working directory, and the CLI's own install
 * (a global npm install). Each is searched as Node does from there (`node_modules`, then parents').
 */
export function pluginDirectories(configFiles: readonly string[], cwd: string): string[] {
  const beside = configFiles.map((file) => join(dirname(file), 'plugins'));
  return [...new Set([...beside, SYSTEM_PLUGIN_DIRECTORY, cwd])];
}

function isPath(specifier: string): boolean {
  return /^(\.{0,2}\/|file:)/.test(specifier);
}

/** The entry of a plugin as `import` would pick it (the `import` condition), or undefined if absent. */
export function resolvePlugin(
  specifier: string,
  directories: readonly string[],
  cwd: string,
): URL | undefined {
  const parents = isPath(specifier)
    ? [pathToFileURL(join(cwd, '/'))]
    : [...directories.map((directory) => pathToFileURL(join(directory, '/'))), new URL(import.meta.url)];
  for (const parent of parents) {
    try {
      return moduleResolve(specifier, parent, CONDITIONS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw error;
    }
  }
  return undefined;
}

/**
 * Imports a resolved plugin. The single executable cannot `import()` from disk; it `require()`s the
 * same entry, which loads an ES module as well (without top-level await).
 */
async function importPlugin(entry: URL): Promise<unknown> {
  if (!isSea()) return import(entry.href);
  const path = fileURLToPath(entry);
  return createRequire(path)(path);
}

/**
 * Loads plugins named in the config and on the command line into the registry; returns where each
 * was found.
 */
export async function loadPlugins(
  registry: ComponentRegistry,
  names: readonly string[],
  { directories, cwd }: { directories: readonly string[]; cwd: string },
): Promise<Array<{ name: string; entry: string }>> {
  const loaded: Array<{ name: string; entry: string }> = [];
  for (const name of new Set(names)) {
    await registry.loadPlugin(name, async (specifier) => {
      const entry = resolvePlugin(specifier, directories, cwd);
      if (entry === undefined) {
        const places = isPath(specifier) ? cwd : `${directories.join(', ')} or beside sluice itself`;
        throw new SluiceError(
          ErrorCode.pluginLoad,
          `not installed (looked in ${places}): install it in one of them, e.g. \`npm install --prefix ${SYSTEM_PLUGIN_DIRECTORY} ${specifier}\``,
        );
      }
      loaded.push({ name, entry: fileURLToPath(entry) });
      return importPlugin(entry);
    });
  }
  return loaded;
}
