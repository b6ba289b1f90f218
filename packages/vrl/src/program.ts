import { Compiler, type ReadOnlyPath } from './compiler/compiler.js';
import type { BlockExpr } from './compiler/expressions.js';
import { unusedExpressionWarnings } from './compiler/unused.js';
import { CompileError, type Diagnostic } from './diagnostic/diagnostic.js';
import { formatDiagnostics } from './diagnostic/format.js';
import type { VrlFunction } from './function.js';
import { parse } from './parser/parser.js';
import type { Context, Evaluate } from './runtime/context.js';
import { Abort, Interruption, Return } from './runtime/errors.js';
import { ExternalEnv, TypeState } from './type/state.js';
import type { Value } from './value/value.js';

export interface CompileOptions {
  /** The functions programs may call (default: the standard library). */
  functions?: readonly VrlFunction[];
  /**
   * VRL's function names in VRL's order, for "did you mean" and for refusing by name a VRL
   * function that `functions` lacks (default: every function of VRL's standard library).
   */
  knownFunctionNames?: readonly string[];
  /** Paths assignments may not change (VRL's read-only paths). */
  readOnlyPaths?: readonly ReadOnlyPath[];
  /** VRL's unused-expression warnings (E900), on by default as in VRL. */
  unusedExpressionCheck?: boolean;
}

/** Where a run ended. The event and metadata are the program's changes (also on failure). */
export type RunResult =
  | { status: 'ok'; value: Value; event: Value; metadata: Value }
  | { status: 'error'; message: string; event: Value; metadata: Value }
  | { status: 'abort'; message: string; event: Value; metadata: Value };

export interface RunOptions {
  /** The event's metadata (`%`); default an empty object. */
  metadata?: Value;
  /** Time zone for local-time functions: an IANA name or `local` (default `UTC`). */
  timezone?: string;
  /** Where `log()` writes (nowhere by default). */
  log?: (level: string, message: string) => void;
}

/** A compiled VRL program: compile once, run per event. */
export class Program {
  /** Warnings the compiler reported (the program compiled). */
  readonly warnings: readonly Diagnostic[];
  /** Whether a run can fail (`!` calls): the caller may want to keep the original event. */
  readonly fallible: boolean;
  /** Whether a run can abort (`abort`). */
  readonly abortable: boolean;

  constructor(
    readonly source: string,
    private readonly evaluate: Evaluate,
    private readonly slotCount: number,
    details: { warnings: Diagnostic[]; fallible: boolean; abortable: boolean },
  ) {
    this.warnings = details.warnings;
    this.fallible = details.fallible;
    this.abortable = details.abortable;
  }

  /**
   * Runs the program over an event. Objects and arrays of the event are changed in place
   * (as VRL changes its target); the result's `event` is the event after the run (`. = …` may
   * replace it, even by an array: several events).
   */
  run(event: Value, options: RunOptions = {}): RunResult {
    const context: Context = {
      event,
      metadata: options.metadata ?? {},
      variables: new Array(this.slotCount),
      timezone: options.timezone ?? 'UTC',
      log: options.log,
    };
    try {
      const value = this.evaluate(context);
      return { status: 'ok', value, event: context.event, metadata: context.metadata };
    } catch (error) {
      if (error instanceof Return) {
        return { status: 'ok', value: error.value, event: context.event, metadata: context.metadata };
      }
      if (error instanceof Abort) {
        return { status: 'abort', message: error.message, event: context.event, metadata: context.metadata };
      }
      if (error instanceof Interruption) {
        return { status: 'error', message: error.message, event: context.event, metadata: context.metadata };
      }
      throw error;
    }
  }
}

/**
 * Compiles a program. Throws a {@link CompileError} (its message is the diagnostics as VRL prints
 * them) when VRL would refuse it.
 */
export function compile(
  source: string,
  options: CompileOptions & { functions: readonly VrlFunction[] },
): Program {
  const parsed = parse(source);
  if ('error' in parsed) throw compileError(source, [parsed.error]);
  const functions = new Map(options.functions.map((definition) => [definition.name, definition]));
  const compiler = new Compiler({
    functions,
    knownFunctionNames: options.knownFunctionNames ?? options.functions.map((definition) => definition.name),
    readOnlyPaths: options.readOnlyPaths ?? [],
    byteOffset: byteOffsets(source),
  });
  const result = compiler.compile(parsed.program, new TypeState(undefined, ExternalEnv.anyObject()));
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.isError);
  if (errors.length > 0 || result.root === undefined) throw compileError(source, errors);
  const warnings = result.diagnostics.filter((diagnostic) => !diagnostic.isError);
  if (options.unusedExpressionCheck !== false) warnings.push(...unusedExpressionWarnings(parsed.program));
  const root: BlockExpr = result.root;
  const evaluate = root.emit(compiler.emitContext);
  for (const closure of result.closures) closure.emit(compiler.emitContext);
  return new Program(source, evaluate, compiler.slotCount, {
    warnings,
    fallible: result.fallible,
    abortable: result.abortable,
  });
}

function compileError(source: string, diagnostics: Diagnostic[]): CompileError {
  return new CompileError(diagnostics, source, formatDiagnostics(source, diagnostics).trim());
}

/** Maps UTF-16 offsets to UTF-8 byte offsets (VRL's spans count bytes). */
function byteOffsets(source: string): (offset: number) => number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
  if (!/[^\u0000-\u007f]/.test(source)) return (offset) => offset;
  const encoder = new TextEncoder();
  return (offset) => encoder.encode(source.slice(0, offset)).length;
}

export type { ReadOnlyPath };
