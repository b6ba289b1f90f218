import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, type Logger } from '@sluice/component-api';
import type { GlobalOptions } from '../options.js';
import { validate } from '../validate.js';

const directories: string[] = [];

/** Removes the directories `validateFiles` wrote. */
export async function removeValidatedFiles(): Promise<void> {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
}

export interface Validated {
  /** 0 when the config is valid; otherwise undefined (it threw the problems). */
  code: number | undefined;
  /** `file: path: message` of each config problem. */
  problems: string[];
  warnings: string[];
  /** The directory the files were written to. */
  directory: string;
}

/**
 * `sluice validate --no-environment` of config files written to a fresh directory, as a user runs
 * it: the same loading, interpolation and checks. `configs` name the `--config` files (default:
 * every file), `configDirectories` the `--config-dir` ones.
 */
export async function validateFiles(
  files: Record<string, string>,
  options: {
    configs?: string[];
    configDirectories?: string[];
    environment?: NodeJS.ProcessEnv;
    envInterpolation?: boolean;
  } = {},
): Promise<Validated> {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-validate-'));
  directories.push(directory);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(directory, name)), { recursive: true });
    await writeFile(join(directory, name), text);
  }
  const warnings: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(`error: ${message}`),
    child: () => logger,
  };
  const globals: GlobalOptions = {
    config: options.configs ?? (options.configDirectories === undefined ? Object.keys(files) : []),
    configDir: options.configDirectories ?? [],
    plugin: [],
    gracefulShutdownLimitSecs: 60,
    quiet: 0,
    verbose: 0,
    logFormat: 'text',
    color: 'never',
    envInterpolation: options.envInterpolation ?? true,
  };
  const io = {
    stdout: () => {},
    stderr: () => {},
    environment: options.environment ?? {},
    cwd: directory,
    signals: new EventEmitter(),
    exit: () => {},
  };
  try {
    const code = await validate(globals, { environment: false, healthchecks: false }, io, logger);
    return { code, problems: [], warnings, directory };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems = error.problems.map((problem) =>
      [problem.file, problem.path, problem.message]
        .filter((part) => part !== undefined && part !== '')
        .join(': '),
    );
    return { code: undefined, problems, warnings, directory };
  }
}
