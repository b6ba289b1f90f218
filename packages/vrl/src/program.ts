import { Compiler, type ReadOnlyPath } from './compiler/compiler.js';
import type { BlockExpr } from './compiler/expressions.js';
import { unusedExpressionWarnings } from './compiler/unused.js';
import { CompileError, type Diagnostic } from './diagnostic/diagnostic.js';
import { formatDiagnostics } from './diagnostic/format.js';
import type { VrlFunction } from './function.js';
import { parse } from './parser/parser.js';
import type { Context, Evaluate } from './runtime/context.js';
import { Abort, Interruption, Return, RuntimeError } from './runtime/errors.js';
import { ExternalEnv, TypeState } from './type/state.js';
import type { TypeDef } from './type/type-def.js';
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
  /**
   * Leave the event and metadata given to a run as they are: the run's first change works on a
   * copy (`event` and `metadata` after the run are the program's). What a caller that must pass
   * the event unchanged when a run fails needs, without a copy of every event up front: a program
   * that starts with `. = parse_json!(…)` never copies. Off by default: runs change in place.
   */
  preserveInput?: boolean;
}

/** Where a {@link ProgramRunner}'s run ended. */
export type RunStatus = 'ok' | 'error' | 'abort';

/** What a program is, besides its code: what the compiler found out about it. */
export interface ProgramDetails {
  warnings: Diagnostic[];
  fallible: boolean;
  abortable: boolean;
  usesMetadata: boolean;
  mayHoldRegex: boolean;
  /** The type of the program's value (VRL's `final_type_info().result`), computed when asked. */
  resultType: () => TypeDef;
}

/** A compiled VRL program: compile once, run per event. */
export class Program {
  /** Warnings the compiler reported (the program compiled). */
  readonly warnings: readonly Diagnostic[];
  /** Whether a run can fail (`!` calls): the caller may want to keep the original event. */
  readonly fallible: boolean;
  /** Whether a run can abort (`abort`). */
  readonly abortable: boolean;
  /** Whether the program reads or writes the metadata (`%`): when not, any metadata will do. */
  readonly usesMetadata: boolean;
  /**
   * Whether a run may leave a regex in the event or the metadata (a regex literal that is not only
   * a pattern argument, as in `.re = r'a+'`); when not, no value a run leaves holds one.
   */
  readonly mayHoldRegex: boolean;
  readonly #resultType: () => TypeDef;
  #result: TypeDef | undefined;

  constructor(
    readonly source: string,
    private readonly evaluate: Evaluate,
    private readonly slotCount: number,
    details: ProgramDetails,
  ) {
    this.warnings = details.warnings;
    this.fallible = details.fallible;
    this.abortable = details.abortable;
    this.usesMetadata = details.usesMetadata;
    this.mayHoldRegex = details.mayHoldRegex;
    this.#resultType = details.resultType;
  }

  /** The type of the program's value (VRL's `final_type_info().result`): a condition needs a boolean. */
  get resultType(): TypeDef {
    this.#result ??= this.#resultType();
    return this.#result;
  }

  /**
   * A runner for many runs with the same options: it keeps one context, so a run allocates only
   * what the program needs. Runs are synchronous; one runner serves one caller at a time.
   */
  runner(options: Omit<RunOptions, 'metadata'> = {}): ProgramRunner {
    return new ProgramRunner(this.evaluate, this.slotCount, options);
  }

  /**
   * Runs the program over an event. Objects and arrays of the event are changed in place
   * (as VRL changes its target); the result's `event` is the event after the run (`. = …` may
   * replace it, even by an array: several events).
   */
  run(event: Value, options: RunOptions = {}): RunResult {
    const runner = this.runner(options);
    const status = runner.run(event, options.metadata ?? {});
    const { event: after, metadata } = runner;
    return status === 'ok'
      ? { status, value: runner.value, event: after, metadata }
      : { status, message: runner.message, event: after, metadata };
  }
}

/**
 * Runs one program over many events (see {@link Program.runner}). After `run`, `event` and
 * `metadata` are the program's changes (also on failure), `value` the program's value on `ok`,
 * `message` the error or abort message otherwise.
 */
export class ProgramRunner {
  event: Value = null;
  metadata: Value = null;
  value: Value = null;
  message = '';
  /** What stopped the run (its labels and the author's message, for a diagnostic); undefined on `ok`. */
  failure: RuntimeError | Abort | undefined;
  readonly #evaluate: Evaluate;
  readonly #context: Context;
  readonly #slotCount: number;
  readonly #preserveInput: boolean;

  constructor(evaluate: Evaluate, slotCount: number, options: Omit<RunOptions, 'metadata'>) {
    this.#evaluate = evaluate;
    this.#slotCount = slotCount;
    this.#preserveInput = options.preserveInput === true;
    this.#context = {
      event: null,
      metadata: null,
      variables: new Array(slotCount),
      timezone: options.timezone ?? 'UTC',
      log: options.log,
      givenEvent: undefined,
      givenMetadata: undefined,
    };
  }

  /**
   * Runs over an event and its metadata, changing their objects and arrays in place (on copies
   * with `preserveInput`).
   */
  run(event: Value, metadata: Value): RunStatus {
    const context = this.#context;
    context.event = event;
    context.metadata = metadata;
    if (this.#preserveInput) {
      context.givenEvent = event;
      context.givenMetadata = metadata;
    }
    if (this.#slotCount > 0) context.variables.fill(undefined);
    let status: RunStatus = 'ok';
    this.failure = undefined;
    try {
      this.value = this.#evaluate(context);
    } catch (error) {
      if (error instanceof Return) {
        this.value = error.value;
      } else if (error instanceof Abort) {
        status = 'abort';
        this.message = error.message;
        this.failure = error;
      } else if (error instanceof Interruption) {
        status = 'error';
        this.message = error.message;
        this.failure = error instanceof RuntimeError ? error : new RuntimeError(error.message);
      } else {
        throw error;
      }
    } finally {
      this.event = context.event;
      this.metadata = context.metadata;
      // The context holds no event between runs.
      context.event = null;
      context.metadata = null;
      context.givenEvent = undefined;
      context.givenMetadata = undefined;
    }
    return status;
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
  const initialState = new TypeState(undefined, ExternalEnv.anyObject());
  const result = compiler.compile(parsed.program, initialState);
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
    usesMetadata: result.usesMetadata,
    mayHoldRegex: result.mayHoldRegex,
    resultType: () => root.typeInfo(initialState).result,
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
