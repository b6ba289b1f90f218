import { ConfigError, type ErrorCategory, ErrorCode, type Logger, SluiceError } from '@sluice/component-api';
import {
  type ComponentRegistry,
  MetricsRegistry,
  planTopology,
  reloadTopology,
  renderGraph,
  Taps,
  Topology,
  type TopologyPlan,
} from '@sluice/core-topology';
import { type ApiOptions, apiOptionsOf, apiRoutes } from './api.js';
import { builtinRegistry } from './builtins.js';
import { collectConfig } from './config-files.js';
import { checkDataDir } from './data-dir.js';
import { type HttpServer, parseListenAddress, serveHttp, startMetricsServer } from './http-server.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, type GlobalOptions, type Io } from './main.js';
import { configSchema } from './schema.js';
import type { UnitTestDefinition } from './unit-test.js';
import { version } from './version.js';

/*
 * The commands' work, loaded only when a command runs: `sluice --help` and `--version` never load
 * the runtime (components, the AWS SDK, the config parsers).
 */

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

interface Loaded {
  plan: TopologyPlan;
  registry: ComponentRegistry;
  metricsAddress: string | undefined;
  api: ApiOptions;
  /** The config files read (what `--watch-config` watches). */
  files: string[];
  /** Checks what the plan needs outside the config (data_dir) before anything is built. */
  checkEnvironment: () => Promise<void>;
  /** The config's `[[tests]]`, checked by the plan's schema (run by `sluice test` only). */
  tests: UnitTestDefinition[];
}

async function load(
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
  if (!complete) throw new ConfigError(loadProblems);
  const registry = builtinRegistry();
  const configPlugins = loaded.config.plugins;
  const plugins = [
    ...(Array.isArray(configPlugins) ? configPlugins.filter((name) => typeof name === 'string') : []),
    ...options.plugin,
  ];
  await loadPlugins(registry, plugins, io.cwd);
  // The `[api]` block is the CLI's own: checked here, not part of the topology.
  const { api: apiTable, ...topologyConfig } = loaded.config as Record<string, unknown>;
  const api = apiOptionsOf(apiTable, loaded.locate, (message) => logger.warn(message));
  let plan: TopologyPlan;
  try {
    plan = await planTopology(topologyConfig, {
      registry,
      locate: loaded.locate,
      warn: (message) => logger.warn(message),
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
  return { plan, registry, metricsAddress, api, files: loaded.files, checkEnvironment, tests };
}

/** Prints healthcheck results; returns false when one failed. */
async function checkHealth(topology: Topology, logger: Logger): Promise<boolean> {
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

export async function run(options: GlobalOptions, io: Io, logger: Logger): Promise<number> {
  // Node's default for SIGHUP is to die at once, losing what memory buffers hold: until the
  // pipeline runs (and reloads on it), a SIGHUP is noted and ignored.
  const early = () => logger.warn('received SIGHUP before the pipeline started; ignored');
  io.signals.on('SIGHUP', early);
  try {
    return await runPipeline(options, io, logger, () => io.signals.off('SIGHUP', early));
  } finally {
    io.signals.off('SIGHUP', early);
  }
}

/** The lines of a config problem or another error, for the log. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runPipeline(
  options: GlobalOptions,
  io: Io,
  logger: Logger,
  started: () => void,
): Promise<number> {
  const { plan, metricsAddress, api, files, checkEnvironment } = await load(options, io, logger);
  await checkEnvironment();
  const metrics = new MetricsRegistry();
  metrics.collectProcessMetrics({ version });
  // Shared by every topology across reloads, so a connected `sluice tap` goes on after a reload.
  const taps = new Taps();
  const topology = await Topology.build(plan, { logger, metrics, taps });
  const requireHealthy = options.requireHealthy ?? plan.healthchecks.requireHealthy;
  if (!(await checkHealth(topology, logger)) && requireHealthy) {
    await topology.dispose();
    logger.error('a required healthcheck failed; exiting (--require-healthy)');
    return EXIT_CONFIG;
  }
  const state = { shuttingDown: false };
  const servers: HttpServer[] = [];
  try {
    if (metricsAddress !== undefined) {
      servers.push(await startMetricsServer(metrics, metricsAddress));
      logger.info(`metrics on ${servers[0]?.url}/metrics`);
    }
    if (api.enabled) {
      const server = await serveHttp(api.address, apiRoutes(metrics, state, { taps, logger }), 'api');
      servers.push(server);
      logger.info(`API on ${server.url} (/health, /components, /metrics, /tap)`);
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    await topology.dispose();
    throw error;
  }

  // Reloads, one at a time: a valid new config is applied to the running topology, which keeps what
  // did not change running (see reloadTopology); an invalid one is logged and counted, and the
  // running topology goes on unchanged.
  const reloadMetrics = metrics.globalMetrics();
  const reloadsTotal = reloadMetrics.counter('config_reloads_total');
  const rejectsTotal = reloadMetrics.counter('config_reload_rejects_total');
  const retired: Array<Promise<void>> = [];
  let reloading: Promise<void> = Promise.resolve();
  let finished = false;
  const watching = new AbortController();
  let watcher: { update(files: readonly string[]): void } | undefined;
  const reloadOnce = async (reason: string) => {
    if (finished || state.shuttingDown) return;
    logger.info(`${reason}; reloading the config`);
    let next: Awaited<ReturnType<typeof load>>;
    try {
      next = await load(options, io, logger);
      await next.checkEnvironment();
    } catch (error) {
      rejectsTotal.increment();
      logger.error(`config reload rejected; the running pipeline goes on unchanged: ${errorText(error)}`);
      return;
    }
    watcher?.update(next.files);
    if (next.metricsAddress !== metricsAddress || JSON.stringify(next.api) !== JSON.stringify(api))
      logger.warn('[api] and metrics address changes take effect only after a restart');
    if (finished || state.shuttingDown) return;
    let result: Awaited<ReturnType<typeof reloadTopology>>;
    try {
      result = await reloadTopology(topology, next.plan);
    } catch (error) {
      rejectsTotal.increment();
      logger.error(`config reload rejected; the running pipeline goes on unchanged: ${errorText(error)}`);
      return;
    }
    // What the reload kept runs on; what it replaced finishes in the background (a failing endpoint
    // can hold a replaced sink's in-flight requests for long).
    retired.push(
      result.retired.catch((error) => {
        logger.error(`a replaced component stopped with an error: ${errorText(error)}`);
      }),
    );
    const { diff } = result;
    reloadsTotal.increment();
    logger.info('config reloaded', {
      added: diff.added,
      removed: diff.removed,
      changed: diff.changed,
      buffers_kept: [...diff.reuseBuffersOf],
    });
    void checkHealth(topology, logger);
  };
  const reload = (reason: string) => {
    reloading = reloading.then(() => reloadOnce(reason));
  };
  const onHangUp = () => reload('received SIGHUP');
  io.signals.on('SIGHUP', onHangUp);
  started();
  if (options.watchConfig) {
    const { watchConfig } = await import('./watch-config.js');
    watcher = watchConfig({
      files,
      directories: options.configDir,
      onChange: () => reload('config files changed'),
      signal: watching.signal,
      warn: (message) => logger.warn(message),
      ...(options.watchConfigDelayMs === undefined ? {} : { delayMs: options.watchConfigDelayMs }),
    });
    logger.info('watching the config files for changes (--watch-config)');
  }

  let signalled = 0;
  const onSignal = (signal: string) => {
    signalled += 1;
    state.shuttingDown = true;
    if (signalled > 1) {
      const lost = topology.unfinishedEvents();
      logger.error(
        `received ${signal} again; exiting at once: ${lost.inMemoryBuffers} events in memory buffers and ${lost.inFlight} in flight are lost; ${lost.onDisk} stay in disk buffers`,
        {
          lost_in_memory_buffers: lost.inMemoryBuffers,
          lost_in_flight: lost.inFlight,
          kept_on_disk: lost.onDisk,
        },
      );
      io.exit(EXIT_FAILURE);
      return;
    }
    logger.info(`received ${signal}; shutting down gracefully (send it again to exit at once)`);
    const shutdown = { deadlineMs: options.gracefulShutdownLimitSecs * 1000 };
    // A reload under way finishes first (it stops at once when it sees the shutdown).
    void reloading.then(() => {
      return topology.shutdown({ ...shutdown, onProgress: (message) => logger.info(message) });
    });
  };
  io.signals.on('SIGINT', onSignal);
  io.signals.on('SIGTERM', onSignal);
  // SIGUSR1 never opens a debugger (bin.ts); here it says what the pipeline holds.
  const onUser1 = () => {
    const held = topology.unfinishedEvents();
    logger.info(
      `received SIGUSR1: ${held.inMemoryBuffers} events in memory buffers, ${held.inFlight} in flight, ${held.onDisk} in disk buffers`,
    );
  };
  io.signals.on('SIGUSR1', onUser1);
  logger.info('pipeline started', {
    sources: [...plan.sources.keys()],
    transforms: [...plan.transforms.keys()],
    sinks: [...plan.sinks.keys()],
  });
  try {
    // Reloads swap components inside this run: it ends once everything, old and new, has.
    const failure = await topology.run().then(
      () => undefined,
      (error: unknown) => error,
    );
    await reloading;
    finished = true;
    if (failure !== undefined) throw failure;
    await Promise.all(retired);
    const report = signalled > 0 ? await topology.shutdown() : { graceful: true, abandoned: [] };
    if (!report.graceful) {
      logger.error(`shutdown deadline passed; abandoned: ${report.abandoned.join(', ')}`);
      return EXIT_FAILURE;
    }
    logger.info('pipeline stopped');
    return EXIT_OK;
  } finally {
    watching.abort();
    io.signals.off('SIGHUP', onHangUp);
    io.signals.off('SIGINT', onSignal);
    io.signals.off('SIGTERM', onSignal);
    io.signals.off('SIGUSR1', onUser1);
    await Promise.all(servers.map((server) => server.close()));
  }
}

export async function validate(
  options: GlobalOptions,
  commandOptions: { environment: boolean; healthchecks: boolean },
  io: Io,
  logger: Logger,
): Promise<number> {
  const { plan, checkEnvironment } = await load(options, io, logger);
  if (commandOptions.environment) {
    await checkEnvironment();
    const topology = await Topology.build(plan, { logger, metrics: new MetricsRegistry() });
    try {
      if (commandOptions.healthchecks && !(await checkHealth(topology, logger))) return EXIT_CONFIG;
    } finally {
      await topology.dispose();
    }
  }
  io.stdout(
    `√ config is valid (${plan.sources.size} sources, ${plan.transforms.size} transforms, ${plan.sinks.size} sinks)\n`,
  );
  return EXIT_OK;
}

/**
 * `sluice test`: runs the config's unit tests as `vector test` does (output, exit codes): only the
 * transforms between each test's inputs and outputs, no source or sink. 0 when every test passed;
 * 78 (EX_CONFIG, as Vector) when one failed or could not be built.
 */
export async function runUnitTests(
  options: GlobalOptions,
  { color, junitReports }: { color: boolean; junitReports: readonly string[] },
  io: Io,
  logger: Logger,
): Promise<number> {
  const { default: colors } = await import('picocolors');
  const paint = colors.createColors(color);
  const { buildUnitTests, junitReport } = await import('./unit-test.js');
  io.stdout('Running tests\n');
  const { plan, tests: definitions } = await load(options, io, logger, { forUnitTests: true });
  const { tests, errors } = buildUnitTests(definitions, plan, logger);
  if (errors.length > 0) {
    io.stderr(`Failed to execute tests:\n${errors.join('\n')}.\n`);
    return EXIT_CONFIG;
  }
  if (tests.length === 0) {
    io.stdout(`${paint.yellow('No tests found.')}\n`);
    return EXIT_OK;
  }
  const results: Array<{ name: string; errors: string[]; milliseconds: number }> = [];
  for (const test of tests) {
    const started = performance.now();
    const testErrors = await test.run();
    results.push({ name: test.name, errors: testErrors, milliseconds: performance.now() - started });
    io.stdout(
      `test ${test.name} ... ${testErrors.length > 0 ? paint.red('failed') : paint.green('passed')}\n`,
    );
  }
  if (junitReports.length > 0) {
    const { writeFile } = await import('node:fs/promises');
    const { resolve } = await import('node:path');
    const report = junitReport(results);
    try {
      for (const path of junitReports) await writeFile(resolve(io.cwd, path), report);
    } catch (error) {
      logger.error(`Failed to write test output:\n${(error as Error).message}.`);
      return EXIT_CONFIG;
    }
  }
  const failures = results.filter((result) => result.errors.length > 0);
  if (failures.length === 0) return EXIT_OK;
  io.stdout('\nfailures:\n');
  for (const { name, errors: testErrors } of failures) {
    io.stdout(`\ntest ${name}:\n\n`);
    for (const error of testErrors) io.stdout(`${error}\n\n`);
  }
  return EXIT_CONFIG;
}

/** `sluice schema`: the JSON Schema of a config with every installed component. */
export async function printSchema(options: GlobalOptions, io: Io): Promise<number> {
  const registry = builtinRegistry();
  await loadPlugins(registry, options.plugin, io.cwd);
  io.stdout(`${JSON.stringify(configSchema(await registry.loadAll()), null, 2)}\n`);
  return EXIT_OK;
}

/** `sluice list`: the installed component types. */
export async function listComponents(options: GlobalOptions, io: Io): Promise<number> {
  const registry = builtinRegistry();
  await loadPlugins(registry, options.plugin, io.cwd);
  const definitions = await registry.loadAll();
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

/**
 * The exit code of each error category (see `errorCatalogue`): what the user must fix in the
 * config or its surroundings is EX_CONFIG (78, as Vector); a failure while running is 1.
 */
const EXIT_CODE_OF_CATEGORY: Readonly<Record<ErrorCategory, number>> = {
  config: EXIT_CONFIG,
  plugin: EXIT_CONFIG,
  environment: EXIT_CONFIG,
  io: EXIT_FAILURE,
  runtime: EXIT_FAILURE,
};

/** The exit code of an error a command threw, after printing it as readable lines. */
export function reportError(error: unknown, io: Io, verbose: boolean, maxPrinted: number): number {
  if (error instanceof ConfigError) {
    const lines = error.message.split('\n');
    for (const line of lines.slice(0, maxPrinted)) io.stderr(`error: ${line}\n`);
    if (lines.length > maxPrinted)
      io.stderr(`error: … and ${lines.length - maxPrinted} more problems, not shown\n`);
    return EXIT_CONFIG;
  }
  if (SluiceError.isInstance(error)) {
    io.stderr(`error: ${error.message}\n`);
    if (verbose && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_CODE_OF_CATEGORY[error.category];
  }
  io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_FAILURE;
}
