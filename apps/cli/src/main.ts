import type { Logger } from '@sluice/component-api';
import { Command, CommanderError, Option } from 'commander';
import { closest } from './did-you-mean.js';
import { EXIT_CODES_HELP, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, MAX_PRINTED_PROBLEMS } from './exit-codes.js';
import { DEFAULT_HEAP_LIMIT_MIB, HEAP_LIMIT_ENVIRONMENT, HEAP_LIMIT_OPTION } from './heap.js';
import { type Io, useColor } from './io.js';
import {
  collect,
  collectList,
  type GlobalOptions,
  increase,
  type LogLevel,
  LogLevelError,
  logLevelOf,
  nonNegativeNumber,
  port,
  positiveWholeNumber,
  refreshInterval,
  wholeNumber,
} from './options.js';
import { version } from './version.js';

// Only commander is loaded up front: every command imports what it needs when it runs, so
// `sluice --help` and `--version` answer without loading the runtime.

class UsageError extends Error {}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
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

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = EXIT_OK;
  let logger: Logger | undefined;
  let operatorLogger: Logger | undefined;
  let flushLogs = () => {};
  const program = new Command('sluice')
    .description('Ship logs from TCP to AWS Kinesis Data Streams, with Vector-compatible configs.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', EXIT_CODES_HELP)
    .option(
      '-c, --config <path>',
      'config file (TOML, YAML or JSON); repeatable, comma-separated, globs',
      collect,
      [],
    )
    .option('-C, --config-dir <dir>', 'load every config file in a directory; repeatable', collect, [])
    .option('--plugin <package>', 'load a third-party component package; repeatable', collect, [])
    .option('--require-healthy', 'exit (78) when a healthcheck fails')
    .option('--graceful-shutdown-limit-secs <seconds>', 'shutdown deadline', nonNegativeNumber, 60)
    .option('-q, --quiet', 'less logging: -q warnings and errors, -qq errors, -qqq none', increase, 0)
    .option(
      '-v, --verbose',
      'more logging: -v debug (and stack traces), -vv trace; SLUICE_LOG or VECTOR_LOG=<level> overrides both',
      increase,
      0,
    )
    .addOption(new Option('--log-format <format>', 'log format').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--color <when>', 'colored output').choices(['auto', 'always', 'never']).default('auto'),
    )
    .option('--no-env-interpolation', 'do not substitute environment variables in config files')
    .option(
      '--dangerously-allow-env-var-interpolation',
      "accepted for Vector's command lines; interpolation is on unless --no-env-interpolation (a value with a newline is always refused)",
    )
    .option('-w, --watch-config', 'reload the config when its files change (as SIGHUP)')
    .addOption(
      new Option('--watch-config-delay-ms <ms>', 'changes are collected this long before a reload')
        .argParser(nonNegativeNumber)
        .hideHelp(),
    )
    .option(
      '--metrics-address <host:port>',
      'serve Prometheus metrics on /metrics; ":PORT" listens on 127.0.0.1 only',
    )
    .addOption(
      new Option(
        `${HEAP_LIMIT_OPTION} <MiB>`,
        `V8 heap limit of a running pipeline (docs/memory.md); 0: V8's defaults (env ${HEAP_LIMIT_ENVIRONMENT})`,
      )
        .argParser(wholeNumber)
        .default(DEFAULT_HEAP_LIMIT_MIB),
    )
    .hook('preAction', async (command) => {
      const options = command.opts<GlobalOptions>();
      const { createLogger } = await import('./logger.js');
      let level: LogLevel;
      try {
        level = logLevelOf(options, io.environment);
      } catch (error) {
        if (error instanceof LogLevelError) throw new UsageError(error.message);
        throw error;
      }
      const created = createLogger(options.logFormat, level, useColor(options.color, io));
      logger = created.logger;
      operatorLogger = created.operator;
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
    // The default command gets every word that is not a command: say which one was not understood.
    .allowExcessArguments()
    .action(
      action(async (_options: unknown, command: Command) => {
        const [word] = command.args;
        if (word !== undefined) {
          const names = program.commands.map((candidate) => candidate.name());
          const suggestion = await closest(word, names);
          throw new UsageError(
            `unknown command '${word}'${suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`}; commands: ${names.join(', ')}`,
          );
        }
        return (await import('./run.js')).run(globals(), io, logger as Logger, operatorLogger as Logger);
      }),
    );
  program
    .command('validate')
    .description('load and validate the config, build the components and run healthchecks')
    .argument('[paths...]', 'config files (as --config)')
    .option('--no-environment', 'only check the config files; build nothing, check nothing outside')
    .option('--skip-healthchecks', 'build the components but skip healthchecks')
    .option(
      '-d, --deny-warnings',
      'fail (78) on warnings too: deprecated or ignored options, a skipped healthcheck',
    )
    .action(
      action(
        async (
          paths: string[],
          commandOptions: { environment: boolean; skipHealthchecks?: boolean; denyWarnings?: boolean },
        ) =>
          (await import('./validate.js')).validate(
            { ...globals(), config: [...globals().config, ...paths] },
            {
              environment: commandOptions.environment,
              healthchecks: commandOptions.skipHealthchecks !== true,
              denyWarnings: commandOptions.denyWarnings === true,
            },
            io,
            logger as Logger,
          ),
      ),
    );
  program
    .command('test')
    .description(
      "run the config's unit tests ([[tests]]), as `vector test`: exit 0 when all pass, 78 otherwise",
    )
    .argument('[paths...]', 'config files (as --config)')
    .option(
      '--junit-report <paths>',
      'also write a JUnit XML report to these files (comma-separated)',
      collectList,
      [],
    )
    .action(
      action(async (paths: string[], commandOptions: { junitReport: string[] }) =>
        (await import('./test-command.js')).runUnitTests(
          { ...globals(), config: [...globals().config, ...paths] },
          { color: useColor(globals().color, io), junitReports: commandOptions.junitReport },
          io,
          logger as Logger,
        ),
      ),
    );
  program
    .command('vrl')
    .description(
      "run a VRL program over events, as Vector's VRL CLI: one line per event (its value, or its error)",
    )
    .argument('[program]', "the VRL program, e.g. '.foo = true'")
    .option('-p, --program <file>', 'read the program from a file (instead of the argument)')
    .option('-i, --input <file>', 'the events, one JSON object per line (default: standard input)')
    .option('-o, --print-object', "print the event after the program rather than the program's value")
    .option('-z, --timezone <zone>', 'time zone of local times: a TZ database name or "local" (default)')
    .option('--print-warnings', "print the compiler's warnings")
    .addOption(new Option('-q, --quiet', "VRL's REPL option (no banner); accepted").hideHelp())
    .addOption(new Option('-r, --runtime <runtime>', "VRL's runtime").choices(['ast']).hideHelp())
    .action(
      action(
        async (
          source: string | undefined,
          commandOptions: {
            program?: string;
            input?: string;
            printObject?: boolean;
            timezone?: string;
            printWarnings?: boolean;
          },
        ) => {
          if (source !== undefined && commandOptions.program !== undefined)
            throw new UsageError("the argument '[program]' cannot be used with '--program <file>'");
          const { runVrl } = await import('./vrl-command.js');
          return runVrl(
            {
              program: source,
              programFile: commandOptions.program,
              input: commandOptions.input,
              printObject: commandOptions.printObject === true,
              timezone: commandOptions.timezone,
              printWarnings: commandOptions.printWarnings === true,
            },
            io,
            io.readStandardInput ?? (() => Promise.resolve('')),
          );
        },
      ),
    );
  program
    .command('top')
    .description('live view of a running instance through its API (per component: events, bytes, errors)')
    .option('--url <url>', 'the API of the instance', 'http://127.0.0.1:8686')
    .option(
      '-i, --interval <ms>',
      'refresh interval in milliseconds (>= 100), as Vector',
      refreshInterval,
      1000,
    )
    .option(
      '-s, --sort-field <column>',
      'sort by this column (a header, e.g. "events in"; keys 1-9, 0 and s while running)',
    )
    .option('--sort-desc', 'sort descending (r while running)')
    .option('--once', 'print one table and exit (for scripts)')
    .action(
      action(
        async (commandOptions: {
          url: string;
          interval: number;
          sortField?: string;
          sortDesc?: boolean;
          once?: boolean;
        }) => {
          const { runTop, sortColumnOf, SORT_COLUMNS } = await import('./top.js');
          const sort =
            commandOptions.sortField === undefined ? undefined : sortColumnOf(commandOptions.sortField);
          if (commandOptions.sortField !== undefined && sort === undefined)
            throw new UsageError(
              `--sort-field ${commandOptions.sortField}: not a column (${SORT_COLUMNS.map((column) => column.toLowerCase()).join(', ')})`,
            );
          return runTop({
            url: commandOptions.url,
            intervalMs: commandOptions.interval,
            ...(sort === undefined ? {} : { sort }),
            descending: commandOptions.sortDesc === true,
            ...(commandOptions.once === undefined ? {} : { once: commandOptions.once }),
            color: useColor(globals().color, io),
            io,
          });
        },
      ),
    );
  program
    .command('tap')
    .description('print sampled events passing through components of a running instance, through its API')
    .argument('[patterns...]', 'component ids (or patterns with *) whose outputs to tap')
    .option('--url <url>', 'the API of the instance', 'http://127.0.0.1:8686')
    .option('--outputs-of <patterns>', 'tap the outputs of these components', collectList, [])
    .option('--inputs-of <patterns>', 'tap the inputs of these components', collectList, [])
    .option('-l, --limit <count>', 'at most this many events per interval', positiveWholeNumber, 100)
    .option('-i, --interval <ms>', 'sample interval in milliseconds', positiveWholeNumber, 500)
    .addOption(
      new Option('-f, --format <format>', 'how to print events')
        .choices(['json', 'yaml', 'logfmt'])
        .default('json'),
    )
    .option('-m, --meta', 'print the component id with each event')
    .option('-q, --quiet', 'print only events, no notices')
    .action(
      action(
        async (
          patterns: string[],
          commandOptions: {
            url: string;
            outputsOf: string[];
            inputsOf: string[];
            limit: number;
            interval: number;
            format: 'json' | 'yaml' | 'logfmt';
            meta?: boolean;
            quiet?: boolean;
          },
        ) => {
          const { runTap } = await import('./tap.js');
          const quiet = commandOptions.quiet === true || globals().quiet > 0;
          return runTap({ ...commandOptions, quiet, patterns, io });
        },
      ),
    );
  program
    .command('generate')
    .description('print a config skeleton, as `vector generate`: SOURCES/TRANSFORMS/SINKS, comma-separated')
    .argument('<expression>', 'e.g. socket/parse_json/aws_kinesis_streams or demo_logs//console')
    .action(
      action(async (expression: string) => {
        const { generateConfig, GenerateError } = await import('./generate.js');
        try {
          io.stdout(await generateConfig(expression));
          return EXIT_OK;
        } catch (error) {
          if (!(error instanceof GenerateError)) throw error;
          const suggestion = error.type === undefined ? undefined : await closest(error.type, error.known);
          throw new UsageError(
            `${error.message}${suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`}${error.known.length > 0 ? `; known: ${error.known.join(', ')}` : ''}`,
          );
        }
      }),
    );
  program
    .command('schema')
    .description('print the JSON Schema of the config (every installed component), for editors')
    .action(action(async () => (await import('./introspect.js')).printSchema(globals(), io)));
  program
    .command('list')
    .description('list the installed component types')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      action(async (commandOptions: { format: 'text' | 'json' }) =>
        (await import('./introspect.js')).listComponents(globals(), commandOptions.format, io),
      ),
    );
  program
    .command('graph')
    .description('print the topology as Graphviz DOT (or Mermaid)')
    .addOption(new Option('--format <format>', 'output format').choices(['dot', 'mermaid']).default('dot'))
    .action(
      action(async (commandOptions: { format: 'dot' | 'mermaid' }) =>
        (await import('./introspect.js')).printGraph(globals(), commandOptions.format, io, logger as Logger),
      ),
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
    .option('--lines <count>', 'sample lines to send (0: only what you send)', nonNegativeNumber, 20)
    .option('--port <port>', 'TCP port of the source (0: a free one)', port, 9000)
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
        const { builtinRegistry } = await import('./builtins.js');
        return demo.runDemo({ ...commandOptions, io, logger: logger as Logger, registry: builtinRegistry() });
      }),
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const help = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
      return error.exitCode === 0 || help ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n(see sluice --help)\n`);
      return EXIT_USAGE;
    }
    const { reportError } = await import('./report-error.js');
    return reportError(error, io, program.opts<GlobalOptions>().verbose > 0, MAX_PRINTED_PROBLEMS);
  } finally {
    flushLogs();
  }
}
