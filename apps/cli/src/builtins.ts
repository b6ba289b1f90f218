import { ErrorCode, SluiceError } from '@sluice/component-api';
import { type AnyDefinition, ComponentRegistry, type DefinitionKind } from '@sluice/core-topology';

interface ComponentPackage {
  name: string;
  load: () => Promise<unknown>;
  types: Partial<Record<DefinitionKind, readonly string[]>>;
}

/**
 * The component packages this distribution knows, each with its types, loaded only when a config
 * uses one of them (or for `sluice schema` / `list`). `@sluice/cli` depends on the basic set and
 * the memory buffer; the others are optional peers, installed by who needs them (the `sluice`
 * package, the single executable and the .deb have them all).
 */
const PACKAGES: readonly ComponentPackage[] = [
  {
    name: '@sluice/basic-components',
    load: () => import('@sluice/basic-components'),
    types: {
      source: ['stdin', 'demo_logs', 'internal_metrics'],
      transform: ['add_fields', 'remove_fields', 'parse_json', 'json_parser'],
      sink: ['console', 'blackhole', 'file', 'prometheus_exporter'],
    },
  },
  {
    name: '@sluice/transform-vrl',
    load: () => import('@sluice/transform-vrl'),
    types: { transform: ['remap', 'filter', 'route'] },
  },
  {
    name: '@sluice/source-tcp',
    load: () => import('@sluice/source-tcp'),
    types: { source: ['socket', 'tcp'] },
  },
  { name: '@sluice/source-file', load: () => import('@sluice/source-file'), types: { source: ['file'] } },
  {
    name: '@sluice/source-http-server',
    load: () => import('@sluice/source-http-server'),
    types: { source: ['http_server', 'http'] },
  },
  {
    name: '@sluice/source-syslog',
    load: () => import('@sluice/source-syslog'),
    types: { source: ['syslog'] },
  },
  {
    name: '@sluice/sink-kinesis',
    load: () => import('@sluice/sink-kinesis'),
    types: { sink: ['aws_kinesis_streams'] },
  },
  {
    name: '@sluice/sink-firehose',
    load: () => import('@sluice/sink-firehose'),
    types: { sink: ['aws_kinesis_firehose'] },
  },
  {
    name: '@sluice/sink-elasticsearch',
    load: () => import('@sluice/sink-elasticsearch'),
    types: { sink: ['elasticsearch'] },
  },
  { name: '@sluice/sink-http', load: () => import('@sluice/sink-http'), types: { sink: ['http'] } },
  {
    name: '@sluice/buffer-memory',
    load: () => import('@sluice/buffer-memory'),
    types: { buffer: ['memory'] },
  },
  { name: '@sluice/buffer-disk', load: () => import('@sluice/buffer-disk'), types: { buffer: ['disk'] } },
];

/** The names of the component packages (each a dependency or an optional peer of @sluice/cli). */
export function packageNames(): string[] {
  return PACKAGES.map((entry) => entry.name);
}

/** A component type whose package is not installed beside the CLI. */
export class PackageNotInstalledError extends SluiceError {
  constructor(kind: DefinitionKind, type: string, packageName: string, cause: unknown) {
    super(
      ErrorCode.pluginLoad,
      `${kind} type "${type}" is in the package ${packageName}, which is not installed: install it beside @sluice/cli (npm install ${packageName}, with --global for a global install), or install the sluice package, which has every component`,
      { cause },
    );
  }
}

/** Whether `error` is the failed import of `packageName` itself (not of something it imports). */
export function isMissing(error: unknown, packageName: string): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    String((error as Error).message).includes(`'${packageName}'`)
  );
}

/** A registry holding every built-in type (lazily). */
export function builtinRegistry(): ComponentRegistry {
  const registry = new ComponentRegistry();
  for (const { name, load, types } of PACKAGES) {
    for (const [kind, names] of Object.entries(types) as Array<[DefinitionKind, readonly string[]]>) {
      for (const type of names) {
        const loader = () =>
          load().catch((error: unknown) => {
            throw isMissing(error, name) ? new PackageNotInstalledError(kind, type, name, error) : error;
          });
        registry.registerLazy(kind, type, loader, name);
      }
    }
  }
  return registry;
}

/**
 * Every definition the registry can load (for `sluice list`, `schema`, `generate`), leaving out the
 * built-in types whose package is not installed.
 */
export async function installedDefinitions(registry: ComponentRegistry): Promise<AnyDefinition[]> {
  const definitions: AnyDefinition[] = [];
  for (const kind of ['source', 'transform', 'sink', 'buffer'] as const) {
    for (const type of registry.knownTypes(kind)) {
      try {
        definitions.push(await registry.resolve(kind, type));
      } catch (error) {
        if (!(error instanceof PackageNotInstalledError)) throw error;
      }
    }
  }
  return definitions;
}
