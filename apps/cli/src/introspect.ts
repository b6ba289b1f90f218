import type { Logger } from '@sluice/component-api';
import { renderGraph } from '@sluice/core-topology';
import { builtinRegistry, installedDefinitions } from './builtins.js';
import { EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';
import { load } from './load.js';
import type { GlobalOptions } from './options.js';
import { loadPlugins, pluginDirectories } from './plugins.js';
import { configSchema } from './schema.js';

/** `sluice schema`: the JSON Schema of a config with every installed component. */
export async function printSchema(options: GlobalOptions, io: Io): Promise<number> {
  const registry = builtinRegistry();
  await loadPlugins(registry, options.plugin, { directories: pluginDirectories([], io.cwd), cwd: io.cwd });
  io.stdout(`${JSON.stringify(configSchema(await installedDefinitions(registry)), null, 2)}\n`);
  return EXIT_OK;
}

/** `sluice list`: the installed component types. */
export async function listComponents(options: GlobalOptions, io: Io): Promise<number> {
  const registry = builtinRegistry();
  await loadPlugins(registry, options.plugin, { directories: pluginDirectories([], io.cwd), cwd: io.cwd });
  const definitions = await installedDefinitions(registry);
  for (const kind of ['source', 'transform', 'sink', 'buffer'] as const) {
    io.stdout(`${kind}s:\n`);
    for (const definition of definitions.filter((candidate) => candidate.kind === kind)) {
      io.stdout(`  ${definition.type.padEnd(22)} ${definition.description}\n`);
    }
  }
  return EXIT_OK;
}

/** `sluice graph`: the topology as DOT or Mermaid. */
export async function printGraph(
  options: GlobalOptions,
  format: 'dot' | 'mermaid',
  io: Io,
  logger: Logger,
): Promise<number> {
  const { plan } = await load(options, io, logger);
  io.stdout(`${renderGraph(plan, format)}\n`);
  return EXIT_OK;
}
