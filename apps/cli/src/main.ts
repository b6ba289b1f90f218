import { readFileSync } from 'node:fs';
import { ConfigError, ErrorCode, type Logger, SluiceError } from '@sluice/component-api';
import {
  type ComponentRegistry,
  MetricsRegistry,
  planTopology,
  renderGraph,
  Topology,
  type TopologyPlan,
} from '@sluice/core-topology';
import { Command, CommanderError, Option } from 'commander';
import { builtinRegistry } from './builtins.js';
import { loadConfig } from './config-files.js';
import { checkDataDir } from './data-dir.js';
import { createLogger, type LogFormat } from './logger.js';
import { parseListenAddress, startMetricsServer } from './metrics-server.js';
import { configSchema } from './schema.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
/** EX_CONFIG, as Vector: a config error or a failed required healthcheck. */
export const EXIT_CONFIG = 78;
/** Config problems printed at most; the rest are counted. */
export const MAX_PRINTED_PROBLEMS = 50;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  environment: NodeJS.ProcessEnv;
  cwd: string;
  /** Signals to shut down on (SIGINT, SIGTERM) and SIGHUP; tests may pass their own emitter. */
  signals: NodeJS.EventEmitter;
  /** Exits at once (the second signal). */
  exit: (code: number) => void;
}

interface GlobalOptions {
  config: string[];
  configDir: string[];
  plugin: string[];
  requireHealthy?: boolean;
  gracefulShutdownLimitSecs: number;
  quiet: number;
  verbose: number;
  logFormat: LogFormat;
  envInterpolation: boolean;
  metricsAddress?: string;
}

/** Set by the single executable's bundler, which ships no package.json next to the code. */
declare const SLUICE_BUNDLED_VERSION: string | undefined;

const version =
  typeof SLUICE_BUNDLED_VERSION === 'string'
    ? SLUICE_BUNDLED_VERSION
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
        .version;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function increase(_value: string, previous: number): number {
  return previous + 1;
}

function levelOf(options: GlobalOptions): string {
  const levels = ['error', 'warn', 'info', 'debug', 'trace'];
  const index = Math.min(levels.length - 1, Math.max(0, 2 + options.verbose - options.quiet));
  return levels[index] as string;
}

/** Loads plugins named in the config and on the command line into the registry. */
async function loadPlugins(
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

/** `@sluice/demo` brings a 16 MB local Kinesis server, so it is an optional peer of the CLI. */
async function importDemo(): Promise<typeof import('@sluice/demo') | undefined> {
  try {
    return await import('@sluice/demo');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ERR_UNKNOWN_BUILTIN_MODULE: the single executable, which loads nothing from disk this way.
    const missing = code === 'ERR_MODULE_NOT_FOUND' && String(error).includes("'@sluice/demo'");
    if (missing || code === 'ERR_UNKNOWN_BUILTIN_MODULE') return undefined;
    throw error;
  }
}

interface Loaded {
  plan: TopologyPlan;
  registry: ComponentRegistry;
  metricsAddress: string | undefined;
  /** Checks what the plan needs outside the config (data_dir) before anything is built. */
  checkEnvironment: () => Promise<void>;
}

async function load(options: GlobalOptions, io: Io, logger: Logger): Promise<Loaded> {
  const configs = [...options.config];
  if (configs.length === 0 && options.configDir.length === 0 && io.environment.SLUICE_CONFIG) {
    configs.push(io.environment.SLUICE_CONFIG);
  }
  const loaded = await loadConfig({
    configs,
    configDirectories: options.configDir,
    interpolate: options.envInterpolation,
    environment: io.environment,
    cwd: io.cwd,
  });
  const registry = builtinRegistry();
  const plugins = [...((loaded.config.plugins as string[] | undefined) ?? []), ...options.plugin];
  await loadPlugins(registry, plugins, io.cwd);
  const plan = await planTopology(loaded.config, {
    registry,
    locate: loaded.locate,
    warn: (message) => logger.warn(message),
  });
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
    const usesDisk = [...plan.sinks.values()].some((sink) =>
      sink.buffer.some((stage) => stage.type === 'disk'),
    );
    if (usesDisk && plan.dataDir !== undefined)
      await checkDataDir(plan.dataDir, io.cwd, loaded.locate('data_dir'));
  };
  return { plan, registry, metricsAddress, checkEnvironment };
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

async function run(options: GlobalOptions, io: Io, logger: Logger): Promise<number> {
  // Node's default for SIGHUP is to die at once, losing what memory buffers hold.
  const onHangUp = () =>
    logger.warn('received SIGHUP; reloading the config is not implemented yet; still running');
  io.signals.on('SIGHUP', onHangUp);
  try {
    return await runPipeline(options, io, logger);
  } finally {
    io.signals.off('SIGHUP', onHangUp);
  }
}

async function runPipeline(options: GlobalOptions, io: Io, logger: Logger): Promise<number> {
  const { plan, metricsAddress, checkEnvironment } = await load(options, io, logger);
  await checkEnvironment();
  const metrics = new MetricsRegistry();
  const topology = await Topology.build(plan, { logger, metrics });
  const requireHealthy = options.requireHealthy ?? plan.healthchecks.requireHealthy;
  if (!(await checkHealth(topology, logger)) && requireHealthy) {
    await topology.dispose();
    logger.error('a required healthcheck failed; exiting (--require-healthy)');
    return EXIT_CONFIG;
  }
  const server = metricsAddress === undefined ? undefined : await startMetricsServer(metrics, metricsAddress);
  if (server !== undefined) {
    const { address, port } = server.address;
    logger.info(`metrics on http://${address.includes(':') ? `[${address}]` : address}:${port}/metrics`);
  }
  let signalled = 0;
  const onSignal = (signal: string) => {
    signalled += 1;
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
    void topology.shutdown({
      deadlineMs: options.gracefulShutdownLimitSecs * 1000,
      onProgress: (message) => logger.info(message),
    });
  };
  io.signals.on('SIGINT', onSignal);
  io.signals.on('SIGTERM', onSignal);
  logger.info('pipeline started', {
    sources: [...plan.sources.keys()],
    transforms: [...plan.transforms.keys()],
    sinks: [...plan.sinks.keys()],
  });
  try {
    await topology.run();
    const report = signalled > 0 ? await topology.shutdown() : { graceful: true, abandoned: [] };
    if (!report.graceful) {
      logger.error(`shutdown deadline passed; abandoned: ${report.abandoned.join(', ')}`);
      return EXIT_FAILURE;
    }
    logger.info('pipeline stopped');
    return EXIT_OK;
  } finally {
    io.signals.off('SIGINT', onSignal);
    io.signals.off('SIGTERM', onSignal);
    await server?.close();
  }
}

async function validate(
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

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = EXIT_OK;
  let logger: Logger | undefined;
  let flushLogs = () => {};
  const program = new Command('sluice')
    .description('Ship logs from TCP to AWS Kinesis Data Streams, with Vector-compatible configs.')
    .version(version, '--version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .option(
      '-c, --config <path>',
      'config file (TOML, YAML or JSON); repeatable, comma-separated, globs',
      collect,
      [],
    )
    .option('-C, --config-dir <dir>', 'load every config file in a directory; repeatable', collect, [])
    .option('--plugin <package>', 'load a third-party component package; repeatable', collect, [])
    .option('--require-healthy', 'exit (78) when a healthcheck fails')
    .option('--graceful-shutdown-limit-secs <seconds>', 'shutdown deadline', Number, 60)
    .option('-q, --quiet', 'less logging (repeatable)', increase, 0)
    .option('-v, --verbose', 'more logging, and stack traces (repeatable)', increase, 0)
    .addOption(new Option('--log-format <format>', 'log format').choices(['text', 'json']).default('text'))
    .option('--no-env-interpolation', 'do not substitute environment variables in config values')
    .option(
      '--metrics-address <host:port>',
      'serve Prometheus metrics on /metrics; ":PORT" listens on 127.0.0.1 only',
    )
    .hook('preAction', (command) => {
      const options = command.opts<GlobalOptions>();
      const created = createLogger(options.logFormat, levelOf(options));
      logger = created.logger;
      flushLogs = created.flush;
    });
  const globals = () => program.opts<GlobalOptions>();
  const action =
    <Arguments extends unknown[]>(work: (...args: Arguments) => Promise<number>) =>
    async (...args: Arguments) => {
      exitCode = await work(...args);
    };

  program
    .command('run', { isDefault: true })
    .description('run the pipeline (the default command)')
    .action(action(() => run(globals(), io, logger as Logger)));
  program
    .command('validate')
    .description('load and validate the config, build the components and run healthchecks')
    .option('--no-environment', 'only check the config files; build nothing, check nothing outside')
    .option('--skip-healthchecks', 'build the components but skip healthchecks')
    .action(
      action((commandOptions: { environment: boolean; skipHealthchecks?: boolean }) =>
        validate(
          globals(),
          { environment: commandOptions.environment, healthchecks: commandOptions.skipHealthchecks !== true },
          io,
          logger as Logger,
        ),
      ),
    );
  program
    .command('schema')
    .description('print the JSON Schema of the config (every installed component), for editors')
    .action(
      action(async () => {
        const registry = builtinRegistry();
        await loadPlugins(registry, globals().plugin, io.cwd);
        io.stdout(`${JSON.stringify(configSchema(await registry.loadAll()), null, 2)}\n`);
        return EXIT_OK;
      }),
    );
  program
    .command('list')
    .description('list the installed component types')
    .action(
      action(async () => {
        const registry = builtinRegistry();
        await loadPlugins(registry, globals().plugin, io.cwd);
        const definitions = await registry.loadAll();
        for (const kind of ['source', 'transform', 'sink', 'buffer'] as const) {
          io.stdout(`${kind}s:\n`);
          for (const definition of definitions.filter((candidate) => candidate.kind === kind)) {
            io.stdout(`  ${definition.type.padEnd(22)} ${definition.description}\n`);
          }
        }
        return EXIT_OK;
      }),
    );
  program
    .command('graph')
    .description('print the topology as Graphviz DOT (or Mermaid)')
    .addOption(new Option('--format <format>', 'output format').choices(['dot', 'mermaid']).default('dot'))
    .action(
      action(async (commandOptions: { format: 'dot' | 'mermaid' }) => {
        const { plan } = await load(globals(), io, logger as Logger);
        io.stdout(`${renderGraph(plan, commandOptions.format)}\n`);
        return EXIT_OK;
      }),
    );
  program
    .command('buffer')
    .description('disk buffer tools')
    .command('inspect <directory>')
    .description('check a disk buffer offline: positions, sizes, unread events, corruption')
    .action(
      action(async (directory: string) => {
        const { inspectDiskBuffer, formatDiskBufferReport } = await import('@sluice/buffer-disk');
        const report = await inspectDiskBuffer(directory);
        io.stdout(`${formatDiskBufferReport(report)}\n`);
        return report.healthy ? EXIT_OK : EXIT_FAILURE;
      }),
    );
  program
    .command('demo')
    .description('start kinesis-local, run tcp → memory buffer → aws_kinesis_streams, print what arrives')
    .option('--lines <count>', 'sample lines to send (0: only what you send)', Number, 20)
    .option('--port <port>', 'TCP port of the source (0: a free one)', Number, 9000)
    .option('--once', 'exit once the sample lines have been read back (for scripts)')
    .action(
      action(async (commandOptions: { lines: number; port: number; once?: boolean }) => {
        const demo = await importDemo();
        if (demo === undefined) {
          io.stderr(
            'error: sluice demo is a separate package, not installed here: `npm install --global @sluice/cli @sluice/demo`, or `pnpm demo` in a clone of the repository\n',
          );
          return EXIT_FAILURE;
        }
        return demo.runDemo({ ...commandOptions, io, logger: logger as Logger, registry: builtinRegistry() });
      }),
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0
        ? EXIT_OK
        : error.code === 'commander.helpDisplayed'
          ? EXIT_OK
          : EXIT_CONFIG;
    }
    const verbose = program.opts<GlobalOptions>().verbose > 0;
    if (error instanceof ConfigError) {
      const lines = error.message.split('\n');
      for (const line of lines.slice(0, MAX_PRINTED_PROBLEMS)) io.stderr(`error: ${line}\n`);
      if (lines.length > MAX_PRINTED_PROBLEMS)
        io.stderr(`error: … and ${lines.length - MAX_PRINTED_PROBLEMS} more problems, not shown\n`);
      return EXIT_CONFIG;
    }
    if (SluiceError.isInstance(error)) {
      io.stderr(`error: ${error.message}\n`);
      if (verbose && error.stack) io.stderr(`${error.stack}\n`);
      const configCodes: string[] = [
        ErrorCode.configInvalid,
        ErrorCode.configParse,
        ErrorCode.unknownComponentType,
        ErrorCode.duplicateComponentType,
        ErrorCode.pluginIncompatible,
        ErrorCode.pluginLoad,
        ErrorCode.topologyInvalid,
        ErrorCode.bufferCapacity,
        ErrorCode.bufferLocked,
      ];
      return configCodes.includes(error.code) ? EXIT_CONFIG : EXIT_FAILURE;
    }
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_FAILURE;
  } finally {
    flushLogs();
  }
}
