import { ConfigError, type ErrorCategory, SluiceError } from '@sluice/component-api';
import { EXIT_CONFIG, EXIT_FAILURE } from './exit-codes.js';
import type { Io } from './io.js';

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
