import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CompileError,
  compile,
  displayValue,
  formatDiagnostics,
  isTimeZone,
  parseJson,
  type Value,
} from '@sluice/vrl';
import { EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';

/** What VRL's CLI exits with when it cannot run the program (`exitcode::SOFTWARE`). */
export const EXIT_VRL_FAILURE = 70;

export interface VrlCommandOptions {
  /** The program as an argument (VRL's `PROGRAM`). */
  program: string | undefined;
  /** `--program FILE`. */
  programFile: string | undefined;
  /** `--input FILE`: NDJSON events (standard input when absent). */
  input: string | undefined;
  printObject: boolean;
  timezone: string | undefined;
  printWarnings: boolean;
}

/** Reads standard input whole (VRL's CLI does: its input is a file of events). */
export type ReadStandardInput = () => Promise<string>;

class VrlCommandError extends Error {}

/**
 * `sluice vrl`: VRL's command line (`vrl` in vectordotdev/vrl, `vector vrl`): compiles the program
 * once and runs it over each input event, printing one line per event: the program's value (or,
 * with `--print-object`, the event after it) as VRL prints values on standard output, or the
 * event's runtime error on standard error. Empty input is one empty event. A program that does not
 * compile prints VRL's diagnostics and exits 70, as VRL's CLI.
 */
export async function runVrl(
  options: VrlCommandOptions,
  io: Io,
  readStandardInput: ReadStandardInput,
): Promise<number> {
  try {
    return await run(options, io, readStandardInput);
  } catch (error) {
    if (!(error instanceof VrlCommandError)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT_VRL_FAILURE;
  }
}

async function run(
  options: VrlCommandOptions,
  io: Io,
  readStandardInput: ReadStandardInput,
): Promise<number> {
  const timezone = options.timezone === undefined || options.timezone === '' ? 'local' : options.timezone;
  if (!isTimeZone(timezone)) throw new VrlCommandError(`unable to parse timezone: ${options.timezone}`);
  if (options.program !== undefined && options.programFile !== undefined)
    throw new VrlCommandError('the argument PROGRAM cannot be used with --program');
  if (options.program === undefined && options.programFile === undefined)
    throw new VrlCommandError('repl feature disabled, program input required');
  const objects = parseObjects(
    options.input === undefined ? await readStandardInput() : await readText(options.input, io),
  );
  const source = options.program ?? (await readText(options.programFile as string, io));
  let program: ReturnType<typeof compile>;
  try {
    program = compile(source);
  } catch (error) {
    if (error instanceof CompileError) throw new VrlCommandError(`\n${error.message}\n`);
    throw error;
  }
  if (options.printWarnings && program.warnings.length > 0)
    io.stderr(`${formatDiagnostics(source, [...program.warnings])}\n`);
  const runner = program.runner({ timezone });
  for (const object of objects) {
    const status = runner.run(object, {});
    if (status === 'ok') io.stdout(`${displayValue(options.printObject ? runner.event : runner.value)}\n`);
    else io.stderr(`${runner.message}\n`);
  }
  return EXIT_OK;
}

async function readText(path: string, io: Io): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new VrlCommandError(`io error: ${(error as Error).message}`);
  }
}

/** One event per line (JSON, read as VRL reads it); no input at all is one empty event. */
function parseObjects(text: string): Value[] {
  if (text === '') return [{}];
  // Rust's `str::lines`: split at `\n`, a `\r` before it dropped, no line after a final `\n`.
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => {
    try {
      return parseJson(line.endsWith('\r') ? line.slice(0, -1) : line);
    } catch (error) {
      throw new VrlCommandError(`input error: ${(error as Error).message}`);
    }
  });
}
