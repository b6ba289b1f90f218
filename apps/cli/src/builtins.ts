import { ComponentRegistry } from '@sluice/core-topology';

/**
 * The components this distribution ships, as `type → lazy import`: a package is loaded only when a
 * config uses one of its types (or for `sluice schema` / `list`).
 */
const BUILTINS = {
  source: {
    socket: () => import('@sluice/source-tcp'),
    tcp: () => import('@sluice/source-tcp'),
    stdin: () => import('@sluice/basic-components'),
    demo_logs: () => import('@sluice/basic-components'),
    internal_metrics: () => import('@sluice/basic-components'),
  },
  transform: {
    add_fields: () => import('@sluice/basic-components'),
    remove_fields: () => import('@sluice/basic-components'),
    parse_json: () => import('@sluice/basic-components'),
    json_parser: () => import('@sluice/basic-components'),
    remap: () => import('@sluice/transform-vrl'),
    filter: () => import('@sluice/transform-vrl'),
    route: () => import('@sluice/transform-vrl'),
  },
  sink: {
    aws_kinesis_streams: () => import('@sluice/sink-kinesis'),
    console: () => import('@sluice/basic-components'),
    blackhole: () => import('@sluice/basic-components'),
    file: () => import('@sluice/basic-components'),
    http: () => import('@sluice/sink-http'),
    prometheus_exporter: () => import('@sluice/basic-components'),
  },
  buffer: {
    memory: () => import('@sluice/buffer-memory'),
    disk: () => import('@sluice/buffer-disk'),
  },
} as const;

const PACKAGE_OF: Readonly<Record<string, string>> = {
  socket: '@sluice/source-tcp',
  tcp: '@sluice/source-tcp',
  aws_kinesis_streams: '@sluice/sink-kinesis',
  remap: '@sluice/transform-vrl',
  filter: '@sluice/transform-vrl',
  route: '@sluice/transform-vrl',
  memory: '@sluice/buffer-memory',
  disk: '@sluice/buffer-disk',
};

/** A registry holding every built-in type (lazily). */
export function builtinRegistry(): ComponentRegistry {
  const registry = new ComponentRegistry();
  for (const [kind, types] of Object.entries(BUILTINS)) {
    for (const [type, loader] of Object.entries(types)) {
      registry.registerLazy(
        kind as keyof typeof BUILTINS,
        type,
        loader,
        PACKAGE_OF[type] ?? '@sluice/basic-components',
      );
    }
  }
  return registry;
}
