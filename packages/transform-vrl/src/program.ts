import { readFileSync } from 'node:fs';
import type { Logger, OptionProblem } from '@sluice/component-api';
import { CompileError, compile, formatDiagnostics, type Program, type ReadOnlyPath } from '@sluice/vrl';

/** Where a program's text comes from: one of these (Vector's `source`, `file`, `files`). */
export interface ProgramSource {
  source?: string;
  file?: string;
  files?: readonly string[];
}

/** A program's text, or the problem with its options (at the option's path). */
export type ProgramText = { text: string; path: string } | { problem: OptionProblem };

/** Rust's words for the common errors of opening a file (what Vector prints). */
const IO_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory (os error 2)',
  EACCES: 'Permission denied (os error 13)',
  EISDIR: 'Is a directory (os error 21)',
};

/**
 * The text of the program, as Vector's remap reads it: `source` as written, `file` read whole,
 * `files` read and joined, each followed by a newline. A relative path is relative to the working
 * directory, as in Vector.
 */
export function programText(options: ProgramSource): ProgramText {
  const given = (['source', 'file', 'files'] as const).filter((key) => options[key] !== undefined);
  if (given.length !== 1)
    return {
      problem: {
        path: given[1] ?? '',
        message: 'must provide exactly one of `source` or `file` or `files` configuration',
      },
    };
  if (options.source !== undefined) return { text: options.source, path: 'source' };
  const read = (file: string): string | OptionProblem => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const reason = IO_ERRORS[code] ?? (error as Error).message;
      return { path: '', message: `Could not open vrl program ${JSON.stringify(file)}: ${reason}` };
    }
  };
  if (options.file !== undefined) {
    const text = read(options.file);
    return typeof text === 'string' ? { text, path: 'file' } : { problem: { ...text, path: 'file' } };
  }
  let combined = '';
  for (const [index, file] of (options.files ?? []).entries()) {
    const text = read(file);
    if (typeof text !== 'string') return { problem: { ...text, path: `files[${index}]` } };
    combined += `${text}\n`;
  }
  return { text: combined, path: 'files' };
}

/** Everything assignments may not change: a condition only reads the event (VRL's `set_read_only`). */
export const READ_ONLY: readonly ReadOnlyPath[] = [
  { prefix: 'event', path: [], recursive: true },
  { prefix: 'metadata', path: [], recursive: true },
];

/** A compiled program, or VRL's diagnostics as VRL prints them. */
export type Compiled = { program: Program } | { diagnostics: string };

/** Compiles with the standard library; a program VRL refuses gives its diagnostics, printed as VRL prints them. */
export function compileProgram(text: string, readOnly = false): Compiled {
  try {
    return { program: compile(text, readOnly ? { readOnlyPaths: READ_ONLY } : {}) };
  } catch (error) {
    if (error instanceof CompileError) return { diagnostics: error.message };
    throw error;
  }
}

/** Logs the compiler's warnings once, as Vector does ("VRL compilation warning."). */
export function logWarnings(program: Program, logger: Logger): void {
  if (program.warnings.length > 0)
    logger.warn('VRL compilation warning.', {
      warnings: formatDiagnostics(program.source, [...program.warnings]).trim(),
    });
}
