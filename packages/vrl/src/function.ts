import { Label, Note } from './diagnostic/diagnostic.js';
import type { Span } from './parser/ast.js';
import type { Context, Evaluate } from './runtime/context.js';
import { RuntimeError } from './runtime/errors.js';
import { Collection, Kind, type Segment } from './type/kind.js';
import type { TypeInfo, TypeState } from './type/state.js';
import type { TypeDef } from './type/type-def.js';
import { kindName } from './type/value-kind.js';
import { displayValue } from './value/display.js';
import { VrlRegex } from './value/regex.js';
import { Tag, tagOf, type Value } from './value/value.js';

/**
 * The kinds a parameter accepts, as bit flags (VRL's `kind::BYTES | kind::REGEX`). "Bytes" is
 * VRL's name for strings.
 */
export const kind = {
  BYTES: 1 << 1,
  INTEGER: 1 << 2,
  FLOAT: 1 << 3,
  BOOLEAN: 1 << 4,
  OBJECT: 1 << 5,
  ARRAY: 1 << 6,
  TIMESTAMP: 1 << 7,
  REGEX: 1 << 8,
  NULL: 1 << 9,
  UNDEFINED: 1 << 10,
  ANY: (1 << 11) - 2,
  SCALAR: (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 7) | (1 << 8) | (1 << 9),
  CONTAINER: (1 << 5) | (1 << 6),
} as const;

/** The type a set of kind flags stands for (`any` objects and arrays). */
export function kindOfFlags(flags: number): Kind {
  const result = Kind.never();
  if (flags & kind.BYTES) result.bytes = true;
  if (flags & kind.INTEGER) result.integer = true;
  if (flags & kind.FLOAT) result.float = true;
  if (flags & kind.BOOLEAN) result.boolean = true;
  if (flags & kind.TIMESTAMP) result.timestamp = true;
  if (flags & kind.REGEX) result.regex = true;
  if (flags & kind.NULL) result.null = true;
  if (flags & kind.UNDEFINED) result.undefined = true;
  if (flags & kind.OBJECT) result.object = Collection.any();
  if (flags & kind.ARRAY) result.array = Collection.any();
  return result;
}

const TAG_FLAGS = [
  kind.BYTES,
  kind.INTEGER,
  kind.FLOAT,
  kind.BOOLEAN,
  kind.TIMESTAMP,
  kind.REGEX,
  kind.NULL,
  kind.ARRAY,
  kind.OBJECT,
];

/** Whether a runtime value is one of the kinds in `flags`. */
export function valueHasKind(value: Value | undefined, flags: number): boolean {
  return ((TAG_FLAGS[tagOf(value)] as number) & flags) !== 0;
}

export interface Parameter {
  readonly keyword: string;
  /** The kinds accepted, from {@link kind}. */
  readonly kind: number;
  readonly required: boolean;
  /** The value used when the argument is absent (given to `call` in its place). */
  readonly default?: Value;
}

/** A required parameter. */
export function required(keyword: string, flags: number): Parameter {
  return { keyword, kind: flags, required: true };
}

/** An optional parameter, with the value used when it is absent. */
export function optional(keyword: string, flags: number, defaultValue?: Value): Parameter {
  return defaultValue === undefined
    ? { keyword, kind: flags, required: false }
    : { keyword, kind: flags, required: false, default: defaultValue };
}

/** The variable a closure binds, typed as in VRL's `closure::VariableKind`. */
export type ClosureVariableKind =
  | { type: 'exact'; kind: Kind }
  | { type: 'target' }
  | { type: 'target inner value' }
  | { type: 'target inner key' };

/** One way a function accepts a closure (VRL's `closure::Input`). */
export interface ClosureInput {
  /** The argument the closure iterates over. */
  readonly parameterKeyword: string;
  /** The kinds that argument must have for this input to apply. */
  readonly kind: Kind;
  readonly variables: readonly ClosureVariableKind[];
  /** The kind the closure's block must return. */
  readonly output: Kind;
  /** Shown when the closure is missing (`example: …`). */
  readonly example: string;
}

export interface ClosureDefinition {
  readonly inputs: readonly ClosureInput[];
}

/** A closure at runtime: binds its variables, runs its block, restores the variables. */
export interface RuntimeClosure {
  /** Binds `values` to the closure's variables in order and runs the block. */
  run(context: Context, ...values: Value[]): Value;
  /** `run` for a key and a value, where a `return` in the block ends it with its value (VRL's `run_key_value`). */
  runKeyValue(context: Context, key: Value, value: Value): Value;
}

/** A compiled argument of a call site. */
export interface Argument {
  readonly keyword: string;
  /** The type of the argument's expression. */
  readonly typeDef: TypeDef;
  /** Its value when the compiler knows it (a literal, a variable holding one). */
  readonly constant: Value | undefined;
  /** When the argument is a path (`.foo`, `%bar`, `x.y`): where it points. */
  readonly query: QueryReference | undefined;
  /** The expression as VRL prints it (for diagnostics). */
  readonly text: string;
  readonly span: Span;
  evaluate: Evaluate;
}

/** Where a path argument points, with operations on it (for `del`, `exists`, `get` and friends). */
export interface QueryReference {
  readonly kind: 'event' | 'metadata' | 'variable' | 'expression';
  readonly path: readonly Segment[];
  /** Reads the value (undefined when absent). */
  get(context: Context): Value | undefined;
  /** The value the path starts from: the event, the metadata, the variable's or the expression's value. */
  root(context: Context): Value;
  /** The type of the value the path starts from. */
  rootTypeDef(state: TypeState): TypeDef;
  /** Removes the value and returns it; `undefined` for an expression target (nothing to remove). */
  remove(context: Context, compact: boolean): Value | undefined;
  /** The type state with the path deleted (the type `del` leaves behind). */
  deleteType(state: TypeState, compact: boolean): void;
  /** The type of the queried value. */
  applyTypeInfo(state: TypeState): TypeDef;
}

/** A compile-time problem with a function's arguments: VRL's E400–E403 inside an E610. */
export class FunctionCompileError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    readonly labels: readonly { message: string; primary: boolean }[],
  ) {
    super(reason);
    this.name = 'FunctionCompileError';
  }
}

/** What a function's `compile` sees of one call site. */
export interface CompileCall {
  readonly name: string;
  readonly span: Span;
  /** The type state before the call's arguments ran (what VRL gives functions). */
  readonly state: TypeState;
  readonly arguments: ReadonlyMap<string, Argument>;
  readonly closure: RuntimeClosure | undefined;
  /** The compiled closure block's type, when the call has one. */
  readonly closureTypeDef: TypeDef | undefined;
  argument(keyword: string): Argument | undefined;
  /** A required argument (the compiler already checked it is there). */
  required(keyword: string): Argument;
  /** The argument's value, which must be known at compile time (E400 otherwise). */
  literal(keyword: string): Value | undefined;
  /** A literal that must be one of `variants` (E401 otherwise). */
  enumValue(keyword: string, variants: readonly Value[]): Value | undefined;
  /** Refuses an argument's value (E403 "invalid argument"). */
  invalidArgument(keyword: string, value: Value, error: string): FunctionCompileError;
  /** The argument, which must be a path (`.foo`, `x.y`): E400 otherwise. */
  query(keyword: string): QueryReference;
  /** Whether the path is read-only (a path assignments and `del` may not change). */
  isReadOnly(reference: QueryReference): boolean;
}

/** What compiling a call site gives: the runtime closure and the result's type. */
export interface CompiledCall {
  run: Evaluate;
  /** The result's type (and the function's own fallibility), or a function of the state. */
  typeDef: TypeDef | ((state: TypeState) => TypeDef);
  /** For functions that change the type state (`del`): state in, type out. */
  typeInfo?: (state: TypeState) => TypeInfo;
  /** The result never shares containers with a variable or the event (saves a copy on assignment). */
  freshResult?: boolean;
  /** The value when it is known at compile time. */
  constant?: Value;
}

/** A VRL function. Define one with {@link defineFunction}. */
export interface VrlFunction {
  readonly name: string;
  readonly parameters: readonly Parameter[];
  readonly closure?: ClosureDefinition;
  /** Runs once per call site, at compile time. */
  compile(call: CompileCall): CompiledCall;
}

/** A simple function: its arguments' values in, a value out. */
export interface SimpleFunctionDefinition {
  readonly name: string;
  readonly parameters: readonly Parameter[];
  /** The result's type and the function's own fallibility; a function of the call when it depends on the arguments. */
  readonly returns: TypeDef | ((call: CompileCall) => TypeDef);
  /** Compile-time checks of literal arguments (throw `call.invalidArgument(…)`). */
  readonly check?: (call: CompileCall) => void;
  /** The result never shares containers with its arguments (see {@link CompiledCall.freshResult}). */
  readonly freshResult?: boolean;
  /**
   * Computes the result. `values` follows `parameters` (an absent optional argument is its
   * `default`, or undefined); a value whose kind the parameter does not accept never arrives
   * (the caller gets VRL's "expected …, got …" error). `values` is reused: do not keep it.
   */
  readonly call: (values: readonly (Value | undefined)[], context: Context) => Value;
}

/** An advanced function: compiles its call site itself (closures, paths, literal arguments). */
export interface CompiledFunctionDefinition {
  readonly name: string;
  readonly parameters: readonly Parameter[];
  readonly closure?: ClosureDefinition;
  readonly compile: (call: CompileCall) => CompiledCall;
}

export function defineFunction(
  definition: SimpleFunctionDefinition | CompiledFunctionDefinition,
): VrlFunction {
  if ('compile' in definition) return definition;
  const { name, parameters, returns, check, freshResult, call } = definition;
  return {
    name,
    parameters,
    compile(site) {
      check?.(site);
      const evaluators = parameters.map((parameter) =>
        argumentEvaluator(site.argument(parameter.keyword), parameter),
      );
      const values: (Value | undefined)[] = new Array(parameters.length);
      const count = evaluators.length;
      let run: Evaluate;
      if (count === 1) {
        const first = evaluators[0] as Evaluate;
        run = (context) => {
          values[0] = first(context);
          return call(values, context);
        };
      } else {
        run = (context) => {
          for (let index = 0; index < count; index++)
            values[index] = (evaluators[index] as Evaluate)(context);
          return call(values, context);
        };
      }
      return {
        run,
        typeDef: typeof returns === 'function' ? returns(site) : returns,
        ...(freshResult === undefined ? {} : { freshResult }),
      };
    },
  };
}

const ABSENT: Evaluate = () => undefined as unknown as Value;

/** Evaluates an argument, checking its kind at runtime when the compiler could not. */
function argumentEvaluator(argument: Argument | undefined, parameter: Parameter): Evaluate {
  if (argument === undefined) {
    const fallback = parameter.default;
    return fallback === undefined ? ABSENT : () => fallback;
  }
  const accepted = kindOfFlags(parameter.kind);
  // A variable's "constant" can change in a closure's loop: only the evaluator is trusted at runtime.
  if (accepted.isSuperset(argument.typeDef.kind) === undefined) return argument.evaluate;
  const evaluate = argument.evaluate;
  const flags = parameter.kind;
  const expected = accepted.toString();
  return (context) => {
    const value = evaluate(context);
    if (!valueHasKind(value, flags)) throw new RuntimeError(`expected ${expected}, got ${kindName(value)}`);
    return value;
  };
}

// Runtime helpers for function bodies: VRL's `try_bytes()` and friends, with its messages.

export function expectString(value: Value | undefined): string {
  if (typeof value === 'string') return value;
  throw new RuntimeError(`expected string, got ${kindName(value)}`);
}

export function expectInteger(value: Value | undefined): number | bigint {
  if (tagOf(value) === Tag.Integer) return value as number | bigint;
  throw new RuntimeError(`expected integer, got ${kindName(value)}`);
}

export function expectBoolean(value: Value | undefined): boolean {
  if (typeof value === 'boolean') return value;
  throw new RuntimeError(`expected boolean, got ${kindName(value)}`);
}

export function expectArray(value: Value | undefined): Value[] {
  if (Array.isArray(value)) return value;
  throw new RuntimeError(`expected array, got ${kindName(value)}`);
}

export function expectObject(value: Value | undefined): Record<string, Value | undefined> {
  if (tagOf(value) === Tag.Object) return value as Record<string, Value | undefined>;
  throw new RuntimeError(`expected object, got ${kindName(value)}`);
}

export function expectTimestamp(value: Value | undefined): Date {
  if (value instanceof Date) return value;
  throw new RuntimeError(`expected timestamp, got ${kindName(value)}`);
}

export function expectRegex(value: Value | undefined): VrlRegex {
  if (value instanceof VrlRegex) return value;
  throw new RuntimeError(`expected regex, got ${kindName(value)}`);
}

/** Builds the E610 diagnostic's parts for a {@link FunctionCompileError}. */
export function functionCompileLabels(error: FunctionCompileError, span: Span): Label[] {
  return error.labels.map((label) =>
    label.primary
      ? Label.primary(label.message, span.start, span.end)
      : Label.context(label.message, span.start, span.end),
  );
}

export function functionCompileNotes(error: FunctionCompileError): string[] {
  return [Note.seeCodeDocs(error.code)];
}

/** The E400 error: an argument that must be a literal is an expression. */
export function unexpectedExpression(
  keyword: string,
  expected: string,
  expressionKind: string,
): FunctionCompileError {
  return new FunctionCompileError(400, 'unexpected expression type', [
    { message: `unexpected expression for argument "${keyword}"`, primary: true },
    { message: `received: ${expressionKind}`, primary: false },
    { message: `expected: ${expected}`, primary: false },
  ]);
}

export function invalidEnumVariant(
  keyword: string,
  value: Value,
  variants: readonly Value[],
): FunctionCompileError {
  return new FunctionCompileError(401, 'invalid enum variant"', [
    { message: `invalid enum variant for argument "${keyword}"`, primary: true },
    { message: `received: ${displayValue(value)}`, primary: false },
    { message: `expected one of: ${variants.map(displayValue).join(', ')}`, primary: false },
  ]);
}

/** E315 inside E610: a function would change a read-only path. */
export function readOnlyMutation(context: string): FunctionCompileError {
  return new FunctionCompileError(315, 'mutation of read-only value', [
    { message: 'mutation of read-only value', primary: true },
    { message: context, primary: false },
  ]);
}

export function invalidArgument(keyword: string, value: Value, error: string): FunctionCompileError {
  return new FunctionCompileError(403, 'invalid argument', [
    { message: `invalid argument "${keyword}"`, primary: true },
    { message: `received: ${displayValue(value)}`, primary: false },
    { message: `error: ${error}`, primary: false },
  ]);
}
