import type { Scenario } from './scenario.js';

/** Every scenario, in the order `pnpm bench` runs them. Each is imported only in its own child process. */
export const scenarioLoaders: Readonly<Record<string, () => Promise<{ default: Scenario }>>> = {
  'tcp-blackhole': () => import('./scenarios/tcp-blackhole.js'),
  'file-blackhole': () => import('./scenarios/file-blackhole.js'),
  'kinesis-pipeline': () => import('./scenarios/kinesis-pipeline.js'),
  'kinesis-sink': () => import('./scenarios/kinesis-sink.js'),
  'kinesis-retries': () => import('./scenarios/kinesis-retries.js'),
  'kinesis-defaults': () => import('./scenarios/kinesis-defaults.js'),
  'kinesis-shards': () => import('./scenarios/kinesis-shards.js'),
  'http-sink': () => import('./scenarios/http-sink.js'),
  'shard-quota': () => import('./scenarios/shard-quota.js'),
  'disk-buffer': () => import('./scenarios/disk-buffer.js'),
  'memory-buffer': () => import('./scenarios/memory-buffer.js'),
  remap: () => import('./scenarios/remap.js'),
  executable: () => import('./scenarios/executable.js'),
  'cli-startup': () => import('./scenarios/cli-startup.js'),
};
