import { Label } from '../diagnostic/diagnostic.js';
import type { CompiledCall, RuntimeClosure } from '../function.js';
import type { Span } from '../parser/ast.js';
import type { Context, Evaluate } from '../runtime/context.js';
import { Return, RuntimeError } from '../runtime/errors.js';
import type { TypeInfo, TypeState } from '../type/state.js';
import type { TypeDef } from '../type/type-def.js';
import { cloneValue, type Value } from '../value/value.js';
import { type BlockExpr, type EmitContext, Expr } from './expressions.js';

/** A call site of a stdlib function, after the compiler checked it. */
export class FunctionCallExpr extends Expr {
  readonly kindName = 'function call';

  constructor(
    span: Span,
    readonly name: string,
    /** The call's span in UTF-8 bytes, for VRL's runtime message ("at (1:27)"). */
    readonly byteSpan: Span,
    readonly abortOnError: boolean,
    readonly argumentExpressions: Expr[],
    readonly argumentsText: string[],
    readonly compiled: CompiledCall,
    readonly hasArgumentOfUncertainType: boolean,
    readonly closureFallible: boolean,
    readonly closure: CompiledClosure | undefined,
  ) {
    super(span);
  }

  typeInfo(input: TypeState): TypeInfo {
    const state = input.clone();
    for (const argument of this.argumentExpressions) argument.applyTypeInfo(state);
    let result: TypeDef;
    if (this.compiled.typeInfo !== undefined) {
      const info = this.compiled.typeInfo(state);
      state.assign(info.state);
      result = info.result;
    } else {
      const typeDef = this.compiled.typeDef;
      result = typeof typeDef === 'function' ? typeDef(state) : typeDef;
    }
    if (this.hasArgumentOfUncertainType || this.closureFallible) result = result.fallible();
    if (this.abortOnError) result = result.infallible();
    return { state, result };
  }

  override resolveConstant(): Value | undefined {
    return this.compiled.constant;
  }

  toString(): string {
    return `${this.name}(${this.argumentsText.join(', ')})`;
  }

  emit(): Evaluate {
    const run = this.compiled.run;
    const prefix = `function call error for "${this.name}" at (${this.byteSpan.start}:${this.byteSpan.end}): `;
    const { start, end } = this.span;
    return (context) => {
      try {
        return run(context);
      } catch (error) {
        // As VRL: the inner message becomes a label at the call, the author's message stays.
        if (error instanceof RuntimeError)
          throw new RuntimeError(
            prefix + error.message,
            [...error.labels, Label.primary(error.message, start, end)],
            error.userMessage,
          );
        if (error instanceof Return) throw new RuntimeError('return cannot be used inside closures');
        throw error;
      }
    };
  }

  /**
   * The call without the wrapper that names the function in its error: `??` turns any
   * interruption (a wrapped error, an error, a `return`) into its right side alike.
   */
  override emitErrorDropped(): Evaluate {
    return this.compiled.run;
  }

  override isFresh(): boolean {
    return this.compiled.freshResult === true;
  }
}

/** A function's closure: its variables and block, bound to slots when the program is emitted. */
export class CompiledClosure implements RuntimeClosure {
  private slots: number[] = [];
  private copies: boolean[] = [];
  private block: Evaluate = () => null;

  constructor(
    readonly variables: string[],
    readonly body: BlockExpr,
  ) {}

  emit(context: EmitContext): void {
    this.slots = this.variables.map((name) => (name === '' ? -1 : context.slot(name)));
    this.copies = this.variables.map((name) => context.mutatedVariables.has(name));
    this.block = this.body.emit(context);
  }

  run(context: Context, ...values: Value[]): Value {
    return this.runBlock(context, values, false);
  }

  /** Like `run`, but a `return` in the block ends it with its value (VRL's `run_key_value`). */
  runKeyValue(context: Context, key: Value, value: Value): Value {
    return this.runBlock(context, [key, value], true);
  }

  private runBlock(context: Context, values: Value[], returnEndsBlock: boolean): Value {
    const variables = context.variables;
    const slots = this.slots;
    const saved: (Value | undefined)[] = [];
    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index] as number;
      if (slot < 0) continue;
      saved[index] = variables[slot];
      const value = values[index] ?? null;
      variables[slot] = this.copies[index] ? cloneValue(value) : value;
    }
    let result: Value;
    try {
      result = this.block(context);
    } catch (error) {
      if (!(returnEndsBlock && error instanceof Return)) throw error;
      result = error.value;
    }
    // VRL restores the variables only when the block succeeds.
    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index] as number;
      if (slot >= 0) variables[slot] = saved[index];
    }
    return result;
  }
}
