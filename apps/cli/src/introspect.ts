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

/**
 * `sluice list`: the installed component types, with their descriptions; `--format json` as
 * Vector's (`{"sources":[…],"transforms":[…],"sinks":[…],"enrichment_tables":[]}`), plus `buffers`.
 */
export async function listComponents(
  options: GlobalOptions,
  format: 'text' | 'json',
  io: Io,
): Promise<number> {
  const registry = builtinRegistry();
  await loadPlugins(registry, options.plugin, { directories: pluginDirectories([], io.cwd), cwd: io.cwd });
  const definitions = await installedDefinitions(registry);
  const ofKind = (kind: string) => definitions.filter((candidate) => candidate.kind === kind);
  if (format === 'json') {
    const names = (kind: string) => ofKind(kind).map((definition) => definition.type);
    io.stdout(
      `${JSON.stringify({
        sources: names('source'),
        transforms: names('transform'),
        sinks: names('sink'),
        enrichment_tables: [],
        buffers: names('buffer'),
      })}\n`,
    );
    return EXIT_OK;
  }
  for (const kind of ['source', 'transform', 'sink', 'buffer'] as const) {
    io.stdout(`${kind}s:\n`);
    for (const definition of ofKind(kind))
      io.stdout(`  ${definition.type.padEnd(22)} ${definition.description}\n`);
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
