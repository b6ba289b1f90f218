import { ComponentRegistry } from '@sluice/core-topology';

/**
 * The component packages this distribution ships, each imported only when a config uses one of
 * its types (or for `sluice schema` / `list`).
 */
const PACKAGES = {
  '@sluice/source-tcp': () => import('@sluice/source-tcp'),
  '@sluice/source-file': () => import('@sluice/source-file'),
  '@sluice/source-http-server': () => import('@sluice/source-http-server'),
  '@sluice/source-syslog': () => import('@sluice/source-syslog'),
  '@sluice/basic-components': () => import('@sluice/basic-components'),
  '@sluice/transform-vrl': () => import('@sluice/transform-vrl'),
  '@sluice/sink-kinesis': () => import('@sluice/sink-kinesis'),
  '@sluice/sink-http': () => import('@sluice/sink-http'),
  '@sluice/sink-elasticsearch': () => import('@sluice/sink-elasticsearch'),
  '@sluice/sink-firehose': () => import('@sluice/sink-firehose'),
  '@sluice/buffer-memory': () => import('@sluice/buffer-memory'),
  '@sluice/buffer-disk': () => import('@sluice/buffer-disk'),
} as const;

type PackageName = keyof typeof PACKAGES;

/** Every built-in type, by kind, with the package that defines it: the one table of built-ins. */
const BUILTINS: Readonly<
  Record<'source' | 'transform' | 'sink' | 'buffer', Readonly<Record<string, PackageName>>>
> = {
  source: {
    socket: '@sluice/source-tcp',
    tcp: '@sluice/source-tcp',
    file: '@sluice/source-file',
    stdin: '@sluice/basic-components',
    demo_logs: '@sluice/basic-components',
    internal_metrics: '@sluice/basic-components',
    http_server: '@sluice/source-http-server',
    http: '@sluice/source-http-server',
    syslog: '@sluice/source-syslog',
  },
  transform: {
    add_fields: '@sluice/basic-components',
    remove_fields: '@sluice/basic-components',
    parse_json: '@sluice/basic-components',
    json_parser: '@sluice/basic-components',
    remap: '@sluice/transform-vrl',
    filter: '@sluice/transform-vrl',
    route: '@sluice/transform-vrl',
  },
  sink: {
    aws_kinesis_streams: '@sluice/sink-kinesis',
    aws_kinesis_firehose: '@sluice/sink-firehose',
    elasticsearch: '@sluice/sink-elasticsearch',
    console: '@sluice/basic-components',
    blackhole: '@sluice/basic-components',
    file: '@sluice/basic-components',
    http: '@sluice/sink-http',
    prometheus_exporter: '@sluice/basic-components',
  },
  buffer: {
    memory: '@sluice/buffer-memory',
    disk: '@sluice/buffer-disk',
  },
};

/** A registry holding every built-in type (lazily). */
export function builtinRegistry(): ComponentRegistry {
  const registry = new ComponentRegistry();
  for (const [kind, types] of Object.entries(BUILTINS))
    for (const [type, packageName] of Object.entries(types))
      registry.registerLazy(kind as keyof typeof BUILTINS, type, PACKAGES[packageName], packageName);
  return registry;
}
