import { ConfigError, type ConfigProblem, ErrorCode, type Logger, SluiceError } from '@sluice/component-api';
import {
  type ComponentRegistry,
  planTopology,
  type Topology,
  type TopologyPlan,
} from '@sluice/core-topology';
import { type ApiOptions, apiOptionsOf } from './api.js';
import { builtinRegistry } from './builtins.js';
import { collectConfig, type LoadedConfig } from './config-files.js';
import { checkDataDir } from './data-dir.js';
import { parseListenAddress } from './http-server.js';
import type { Io } from './io.js';
import type { GlobalOptions } from './options.js';
import { loadPlugins, pluginDirectories } from './plugins.js';
import { redactSecrets } from './secrets.js';
import type { UnitTestDefinition } from './unit-test.js';

export interface Loaded {
  plan: TopologyPlan;
  registry: ComponentRegistry;
  metricsAddress: string | undefined;
  api: ApiOptions;
  /** The config files read (what `--watch-config` watches). */
  files: string[];
  /** The directories whose every config file counts (`--config-dir` and its namespaces). */
  directories: string[];
  /** Checks what the plan needs outside the config (data_dir) before anything is built. */
  checkEnvironment: () => Promise<void>;
  /** The config's `[[tests]]`, checked by the plan's schema (run by `sluice test` only). */
  tests: UnitTestDefinition[];
}

export async function load(
  options: GlobalOptions,
  io: Io,
  logger: Logger,
  { forUnitTests = false }: { forUnitTests?: boolean } = {},
): Promise<Loaded> {
  const configs = [...options.config];
  if (configs.length === 0 && options.configDir.length === 0 && io.environment.SLUICE_CONFIG) {
    configs.push(io.environment.SLUICE_CONFIG);
  }
  const {
    loaded,
    problems: loadProblems,
    complete,
  } = await collectConfig({
    configs,
    configDirectories: options.configDir,
    interpolate: options.envInterpolation,
    environment: io.environment,
    cwd: io.cwd,
    warn: (message) => logger.warn(message),
  });
  // A secret's value is never printed, whatever option it was put in.
  const redact = (text: string) => redactSecrets(text, loaded.secretValues);
  const redacted = (error: ConfigError) =>
    new ConfigError(error.problems.map((problem) => ({ ...problem, message: redact(problem.message) })));
  try {
    return await planLoaded(loaded, loadProblems, complete, options, io, logger, forUnitTests, redact);
  } catch (error) {
    throw error instanceof ConfigError ? redacted(error) : error;
  }
}

/** The plan of a loaded config (every problem in one run), with what `load` returns. */
async function planLoaded(
  loaded: LoadedConfig,
  loadProblems: ConfigProblem[],
  complete: boolean,
  options: GlobalOptions,
  io: Io,
  logger: Logger,
  forUnitTests: boolean,
  redact: (text: string) => string,
): Promise<Loaded> {
  if (!complete) throw new ConfigError(loadProblems);
  const registry = builtinRegistry();
  const configPlugins = loaded.config.plugins;
  const plugins = [
    ...(Array.isArray(configPlugins) ? configPlugins.filter((name) => typeof name === 'string') : []),
    ...options.plugin,
  ];
  logger.debug(`config files: ${loaded.files.join(', ')}`);
  const found = await loadPlugins(registry, plugins, {
    directories: pluginDirectories(loaded.files, io.cwd),
    cwd: io.cwd,
  });
  for (const { name, entry } of found) logger.debug(`plugin ${name} loaded from ${entry}`);
  // The `[api]` block is the CLI's own: checked here, not part of the topology.
  const { api: apiTable, ...topologyConfig } = loaded.config as Record<string, unknown>;
  let api: ApiOptions = { enabled: false, address: '' };
  try {
    api = apiOptionsOf(apiTable, loaded.locate);
  } catch (error) {
    // Reported with the config's own problems, in one run.
    if (!(error instanceof ConfigError)) throw error;
    loadProblems.push(...error.problems);
  }
  let plan: TopologyPlan;
  try {
    plan = await planTopology(topologyConfig, {
      registry,
      locate: loaded.locate,
      warn: (message) => logger.warn(redact(message)),
      forUnitTests,
    });
  } catch (error) {
    // Every problem in one run: those of loading (interpolation, files that disagree) and the config's.
    if (error instanceof ConfigError) throw new ConfigError([...loadProblems, ...error.problems]);
    throw error;
  }
  if (loadProblems.length > 0) throw new ConfigError(loadProblems);
  const metricsAddress =
    options.metricsAddress ?? (loaded.config.metrics as { address?: string } | undefined)?.address;
  if (metricsAddress !== undefined) {
    try {
      parseListenAddress(metricsAddress);
    } catch (error) {
      const message = (error as Error).message;
      if (options.metricsAddress !== undefined)
        throw new SluiceError(ErrorCode.configInvalid, `--metrics-address: ${message}`);
      throw new ConfigError([{ file: loaded.locate('metrics.address'), path: 'metrics.address', message }]);
    }
  }
  const checkEnvironment = async () => {
    const usesDataDir = [...plan.sinks.values()].some((sink) =>
      sink.buffer.some((stage) => stage.definition.capabilities?.sinkDirectory === true),
    );
    if (usesDataDir && plan.dataDir !== undefined)
      await checkDataDir(plan.dataDir, io.cwd, loaded.locate('data_dir'));
  };
  const tests = (loaded.config.tests ?? []) as UnitTestDefinition[];
  return {
    plan,
    registry,
    metricsAddress,
    api,
    files: loaded.files,
    directories: loaded.directories,
    checkEnvironment,
    tests,
  };
}

/** Prints healthcheck results; returns false when one failed. */
export async function checkHealth(topology: Topology, logger: Logger): Promise<boolean> {
  let healthy = true;
  for (const report of await topology.healthcheck()) {
    if (report.result.status === 'healthy') {
      logger.info(`healthcheck passed: ${report.componentId}`);
    } else {
      healthy = false;
      logger.error(`healthcheck failed: ${report.componentId}: ${report.result.message}`);
    }
  }
  return healthy;
}
