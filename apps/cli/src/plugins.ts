import type { ComponentRegistry } from '@sluice/core-topology';

/** Loads plugins named in the config and on the command line into the registry. */
export async function loadPlugins(
  registry: ComponentRegistry,
  names: readonly string[],
  cwd: string,
): Promise<void> {
  const { createRequire } = await import('node:module');
  const requireFromCwd = createRequire(`${cwd}/`);
  for (const name of new Set(names)) {
    await registry.loadPlugin(name, async (specifier) => {
      try {
        return await import(specifier);
      } catch {
        // Not resolvable from the CLI's own install: try the working directory's node_modules.
        const { pathToFileURL } = await import('node:url');
        const resolved = requireFromCwd.resolve(specifier);
        try {
          return await import(pathToFileURL(resolved).href);
        } catch (error) {
          // The single executable cannot import() from disk; require() loads ES modules too.
          if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_BUILTIN_MODULE') throw error;
          return requireFromCwd(resolved);
        }
      }
    });
  }
}
