import type { Opcode, Span } from '../parser/ast.js';
import {
  add,
  and,
  compare,
  divide,
  equalsLossy,
  mergeObjects,
  multiply,
  subtract,
} from '../runtime/arithmetic.js';
import { type Context, type Evaluate, writableEvent, writableMetadata } from '../runtime/context.js';
import { Abort, Interruption, Return, RuntimeError } from '../runtime/errors.js';
import { arrayElement, getPath, insertPath } from '../runtime/path.js';
import { Collection, Kind, type Segment } from '../type/kind.js';
import type { TypeInfo, TypeState } from '../type/state.js';
import { TypeDef } from '../type/type-def.js';
import { kindName, kindOfValue } from '../type/value-kind.js';
import { displayValue } from '../value/display.js';
import { floatValue } from '../value/markers.js';
import { VrlRegex } from '../value/regex.js';
import {
  cloneValue,
  isObjectValue,
  numberOfValue,
  type ObjectValue,
  ownField,
  setOwnField,
  Tag,
  tagOf,
  type Value,
} from '../value/value.js';

/**
 * The checked program: one node per expression, with VRL's type rules (`type_info`), constant
 * folding (`resolve_constant`), VRL's display (for diagnostics) and `emit()`, which builds the
 * JavaScript closure that evaluates it. Closures are built once; running a program calls them.
 */

/** Slots for variables, and which variables are changed in place (so binding them copies). */
export interface EmitContext {
  slot(name: string): number;
  readonly mutatedVariables: ReadonlySet<string>;
}

export abstract class Expr {
  constructor(readonly span: Span) {}

  /** The type after this expression and the state it leaves; `state` is not changed. */
  abstract typeInfo(state: TypeState): TypeInfo;

  /** The value, when it is known at compile time. */
  resolveConstant(_state: TypeState): Value | undefined {
    return undefined;
  }

  typeDef(state: TypeState): TypeDef {
    return this.typeInfo(state).result;
  }

  /** Applies this expression's effect on the state (VRL's `apply_type_info`). */
  applyTypeInfo(state: TypeState): TypeDef {
    const info = this.typeInfo(state);
    state.assign(info.state);
    return info.result;
  }

  /** VRL's name of the expression kind ("literal", "query", …). */
  abstract readonly kindName: string;

  abstract toString(): string;

  abstract emit(context: EmitContext): Evaluate;

  /**
   * Emits for a place that drops the expression's error (the left of `??`): the same outcome,
   * without building an error message nobody reads.
   */
  emitErrorDropped(context: EmitContext): Evaluate {
    return this.emit(context);
  }

  /** Whether the value never shares containers with a variable or the event. */
  isFresh(): boolean {
    return false;
  }
}

function info(state: TypeState, result: TypeDef): TypeInfo {
  return { state: state.clone(), result };
}

/** Evaluates to a value safe to store: copies containers the source may still hold. */
export function emitOwned(expression: Expr, context: EmitContext): Evaluate {
  const evaluate = expression.emit(context);
  if (expression.isFresh()) return evaluate;
  return (runtime) => cloneValue(evaluate(runtime));
}

// ---------------------------------------------------------------------------------------------

export class LiteralExpr extends Expr {
  readonly kindName = 'literal';

  constructor(
    span: Span,
    readonly value: Value,
  ) {
    super(span);
  }

  typeInfo(state: TypeState): TypeInfo {
    return info(state, TypeDef.of(kindOfValue(this.value)));
  }

  override resolveConstant(): Value {
    return this.value;
  }

  toString(): string {
    if (this.value instanceof VrlRegex) return this.value.pattern;
    return displayValue(this.value).replace(/^"(.*)"$/s, (_, text: string) => `"${text}"`);
  }

  emit(): Evaluate {
    const value = this.value;
    return () => value;
  }

  override isFresh(): boolean {
    return true;
  }
}

/** A string literal, displayed as VRL displays `Literal::String` (no escaping). */
export class StringLiteralExpr extends LiteralExpr {
  override toString(): string {
    return `"${this.value as string}"`;
  }
}

export class NoopExpr extends Expr {
  readonly kindName = 'noop';

  typeInfo(state: TypeState): TypeInfo {
    return info(state, TypeDef.null());
  }

  toString(): string {
    return 'null';
  }

  emit(): Evaluate {
    return () => null;
  }

  override isFresh(): boolean {
    return true;
  }
}

export class ArrayExpr extends Expr {
  readonly kindName = 'array';

  constructor(
    span: Span,
    readonly items: Expr[],
  ) {
    super(span);
  }

  typeInfo(input: TypeState): TypeInfo {
    const state = input.clone();
    const typeDefs: TypeDef[] = [];
    let fallible = false;
    for (const item of this.items) {
      const typeDef = item.applyTypeInfo(state).upgradeUndefined();
      fallible ||= typeDef.isFallible();
      if (typeDef.isNever()) return { state, result: TypeDef.never().maybeFallible(fallible) };
      typeDefs.push(typeDef);
    }
    let returns = Kind.never();
    for (const typeDef of typeDefs) returns = returns.union(typeDef.returns);
    const collection = Collection.known<number>(typeDefs.map((typeDef, index) => [index, typeDef.kind]));
    return { state, result: TypeDef.array(collection).maybeFallible(fallible).withReturns(returns) };
  }

  override resolveConstant(state: TypeState): Value | undefined {
    const values: Value[] = [];
    for (const item of this.items) {
      const value = item.resolveConstant(state);
      if (value === undefined) return undefined;
      values.push(value);
    }
    return values;
  }

  toString(): string {
    return `[${this.items.map(String).join(', ')}]`;
  }

  emit(context: EmitContext): Evaluate {
    const items = this.items.map((item) => emitOwned(item, context));
    const count = items.length;
    return (runtime) => {
      const array: Value[] = new Array(count);
      for (let index = 0; index < count; index++) array[index] = (items[index] as Evaluate)(runtime);
      return array;
    };
  }

  override isFresh(): boolean {
    return true;
  }
}

export class ObjectExpr extends Expr {
  readonly kindName = 'object';

  /** Entries in VRL's order (a `BTreeMap`: sorted keys, the last of a repeated key wins). */
  constructor(
    span: Span,
    readonly entries: [string, Expr][],
  ) {
    super(span);
  }

  typeInfo(input: TypeState): TypeInfo {
    const state = input.clone();
    let fallible = false;
    let returns = Kind.never();
    const fields: [string, Kind][] = [];
    for (const [key, value] of this.entries) {
      const typeDef = value.applyTypeInfo(state).upgradeUndefined();
      returns = returns.union(typeDef.returns);
      fallible ||= typeDef.isFallible();
      if (typeDef.isNever())
        return { state, result: TypeDef.never().maybeFallible(fallible).withReturns(returns) };
      fields.push([key, typeDef.kind]);
    }
    return {
      state,
      result: TypeDef.object(Collection.known(fields)).maybeFallible(fallible).withReturns(returns),
    };
  }

  override resolveConstant(state: TypeState): Value | undefined {
    const object: ObjectValue = {};
    for (const [key, expression] of this.entries) {
      const value = expression.resolveConstant(state);
      if (value === undefined) return undefined;
      setOwnField(object, key, value);
    }
    return object;
  }

  toString(): string {
    return `{ ${this.entries.map(([key, value]) => `"${key}": ${value}`).join(', ')} }`;
  }

  emit(context: EmitContext): Evaluate {
    const entries = this.entries.map(([key, value]) => [key, emitOwned(value, context)] as const);
    return (runtime) => {
      const object: ObjectValue = {};
      for (const [key, evaluate] of entries) setOwnField(object, key, evaluate(runtime));
      return object;
    };
  }

  override isFresh(): boolean {
    return true;
  }
}

export class BlockExpr extends Expr {
  readonly kindName = 'block';

  constructor(
    span: Span,
    readonly expressions: Expr[],
    readonly newScope: boolean,
  ) {
    super(span);
  }

  typeInfo(input: TypeState): TypeInfo {
    const parentLocals = input.local;
    const state = input.clone();
    let result = TypeDef.null();
    let fallible = false;
    let returns = Kind.never();
    let afterNever = false;
    for (const expression of this.expressions) {
      result = expression.applyTypeInfo(state);
      if (!afterNever && result.isFallible()) fallible = true;
      if (result.isNever()) afterNever = true;
      returns = returns.union(result.returns);
    }
    if (this.newScope) state.local = parentLocals.applyChildScope(state.local);
    return { state, result: result.maybeFallible(fallible).withReturns(returns) };
  }

  toString(): string {
    return `{\n${this.expressions.map((expression) => `\t${expression}`).join('\n')}\n}`;
  }

  emit(context: EmitContext): Evaluate {
    const expressions = this.expressions.map((expression) => expression.emit(context));
    if (expressions.length === 1) return expressions[0] as Evaluate;
    const last = expressions.pop() as Evaluate;
    const count = expressions.length;
    return (runtime) => {
      for (let index = 0; index < count; index++) (expressions[index] as Evaluate)(runtime);
      return last(runtime);
    };
  }

  override isFresh(): boolean {
    return (this.expressions[this.expressions.length - 1] as Expr).isFresh();
  }
}

export class GroupExpr extends Expr {
  readonly kindName = 'group';

  constructor(
    span: Span,
    readonly inner: Expr,
  ) {
    super(span);
  }

  typeInfo(state: TypeState): TypeInfo {
    return this.inner.typeInfo(state);
  }

  override resolveConstant(state: TypeState): Value | undefined {
    return this.inner.resolveConstant(state);
  }

  toString(): string {
    return `(${this.inner})`;
  }

  emit(context: EmitContext): Evaluate {
    return this.inner.emit(context);
  }

  override isFresh(): boolean {
    return this.inner.isFresh();
  }
}

// ---------------------------------------------------------------------------------------------

/** A variable read. */
export class VariableExpr extends Expr {
  readonly kindName = 'variable call';

  constructor(
    span: Span,
    readonly name: string,
  ) {
    super(span);
  }

  typeInfo(state: TypeState): TypeInfo {
    const details = state.local.variable(this.name);
    return info(state, details === undefined ? TypeDef.undefined().infallible() : details.typeDef);
  }

  override resolveConstant(state: TypeState): Value | undefined {
    return state.local.variable(this.name)?.value;
  }

  toString(): string {
    return this.name;
  }

  emit(context: EmitContext): Evaluate {
    const slot = context.slot(this.name);
    return (runtime) => runtime.variables[slot] ?? null;
  }
}

export type QueryTarget =
  | { type: 'external'; prefix: 'event' | 'metadata' }
  | { type: 'internal'; variable: VariableExpr }
  | { type: 'expression'; expression: Expr };

/** A path read: `.a.b`, `%x`, `x[0]`, `f().a`, `{…}.a`. */
export class QueryExpr extends Expr {
  readonly kindName = 'query';

  constructor(
    span: Span,
    readonly target: QueryTarget,
    readonly path: Segment[],
  ) {
    super(span);
  }

  typeInfo(state: TypeState): TypeInfo {
    const target = this.target;
    switch (target.type) {
      case 'external':
        return info(state, TypeDef.of(state.external.kind(target.prefix).atPath(this.path)));
      case 'internal':
        return info(state, target.variable.typeDef(state).atPath(this.path));
      default: {
        const result = target.expression.typeInfo(state);
        return { state: result.state, result: result.result.atPath(this.path) };
      }
    }
  }

  override resolveConstant(state: TypeState): Value | undefined {
    if (this.target.type !== 'internal') return undefined;
    const value = this.target.variable.resolveConstant(state);
    return value === undefined ? undefined : getPath(value, this.path);
  }

  toString(): string {
    const target =
      this.target.type === 'external'
        ? this.target.prefix === 'event'
          ? '.'
          : '%'
        : this.target.type === 'internal'
          ? this.target.variable.name
          : this.target.expression.toString();
    const path = formatPath(this.path);
    if (this.target.type === 'internal' && this.path.length > 0 && 'field' in (this.path[0] as Segment)) {
      return `${target}.${path}`;
    }
    return `${target}${path}`;
  }

  emit(context: EmitContext): Evaluate {
    const path = this.path;
    const target = this.target;
    let source: Evaluate;
    if (target.type === 'external') {
      source = target.prefix === 'event' ? (runtime) => runtime.event : (runtime) => runtime.metadata;
    } else if (target.type === 'internal') {
      source = target.variable.emit(context);
    } else {
      source = target.expression.emit(context);
    }
    return pathReader(source, path);
  }

  override isFresh(): boolean {
    return this.target.type === 'expression' && this.target.expression.isFresh();
  }
}

/** A closure reading a path from a source, specialised for the common short paths. */
export function pathReader(source: Evaluate, path: readonly Segment[]): Evaluate {
  if (path.length === 0) return source;
  if (path.length === 1) {
    const segment = path[0] as Segment;
    if ('field' in segment) {
      const field = segment.field;
      const prototypeName = field in Object.prototype;
      return (runtime) => {
        const value = source(runtime);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
        const found = prototypeName ? ownField(value as ObjectValue, field) : (value as ObjectValue)[field];
        if (found === undefined || !isObjectValue(value)) return null;
        return found;
      };
    }
    const index = segment.index;
    return (runtime) => {
      const value = source(runtime);
      return Array.isArray(value) ? (arrayElement(value, index) ?? null) : null;
    };
  }
  return (runtime) => getPath(source(runtime), path) ?? null;
}

/** A path as VRL prints it (`a.b[0]."c d"`). */
export function formatPath(path: readonly Segment[]): string {
  let output = '';
  path.forEach((segment, index) => {
    if ('index' in segment) output += `[${segment.index}]`;
    else {
      const needsQuotes = segment.field === '' || /[^A-Za-z0-9_@]/.test(segment.field);
      const field = needsQuotes ? `"${segment.field.replace(/["\\]/g, '\\$&')}"` : segment.field;
      output += index === 0 ? field : `.${field}`;
    }
  });
  return output;
}

// ---------------------------------------------------------------------------------------------

export class NotExpr extends Expr {
  readonly kindName = 'unary operation';

  constructor(
    span: Span,
    readonly inner: Expr,
  ) {
    super(span);
  }

  typeInfo(input: TypeState): TypeInfo {
    const state = input.clone();
    const result = this.inner.applyTypeInfo(state);
    return {
      state,
      result: TypeDef.boolean().maybeFallible(result.isFallible()).withReturns(result.returns),
    };
  }

  toString(): string {
    return `!${this.inner}`;
  }

  emit(context: EmitContext): Evaluate {
    const inner = this.inner.emit(context);
    return (runtime) => {
      const value = inner(runtime);
      if (typeof value !== 'boolean') throw new RuntimeError(`expected boolean, got ${kindName(value)}`);
      return !value;
    };
  }

  override isFresh(): boolean {
    return true;
  }
}

export class AbortExpr extends Expr {
  readonly kindName = 'abort operation';

  constructor(
    span: Span,
    readonly message: Expr | undefined,
  ) {
    super(span);
  }

  typeInfo(state: TypeState): TypeInfo {
    const returns = this.message === undefined ? Kind.never() : this.message.typeInfo(state).result.returns;
    return info(state, TypeDef.never().withReturns(returns));
  }

  toString(): string {
    return 'abort';
  }

  emit(context: EmitContext): Evaluate {
    const { start, end } = this.span;
    const message = this.message?.emit(context);
    if (message === undefined) {
      return () => {
        throw new Abort(start, end, undefined);
      };
    }
    return (runtime) => {
      const text = message(runtime);
      if (typeof text !== 'string') throw new RuntimeError(`expected string, got ${kindName(text)}`);
      throw new Abort(start, end, text);
    };
  }
}

export class ReturnExpr extends Expr {
  readonly kindName = 'return';

  constructor(
    span: Span,
    readonly value: Expr,
  ) {
    super(span);
  }

  typeInfo(state: TypeState): TypeInfo {
    const value = this.value.typeInfo(state);
    return info(state, TypeDef.never().withReturns(value.result.kind));
  }

  toString(): string {
    return 'return';
  }

  emit(context: EmitContext): Evaluate {
    const value = emitOwned(this.value, context);
    return (runtime) => {
      throw new Return(value(runtime));
    };
  }
}

// ---------------------------------------------------------------------------------------------

export class PredicateExpr extends Expr {
  readonly kindName = 'predicate';
  readonly block: BlockExpr;

  constructor(span: Span, expressions: Expr[]) {
    super(span);
    this.block = new BlockExpr(span, expressions, false);
  }

  typeInfo(state: TypeState): TypeInfo {
    return this.block.typeInfo(state);
  }

  toString(): string {
    const expressions = this.block.expressions;
    const inner = expressions.map(String).join('; ');
    return expressions.length > 1 ? `(${inner}(` : inner;
  }

  emit(context: EmitContext): Evaluate {
    return this.block.emit(context);
  }
}

export class IfExpr extends Expr {
  readonly kindName = 'if-statement';

  constructor(
    span: Span,
    readonly predicate: PredicateExpr,
    readonly consequent: BlockExpr,
    readonly alternative: BlockExpr | undefined,
  ) {
    super(span);
  }

  typeInfo(input: TypeState): TypeInfo {
    const state = input.clone();
    const predicate = this.predicate.applyTypeInfo(state);
    const consequent = this.consequent.typeInfo(state);
    if (this.alternative !== undefined) {
      const alternative = this.alternative.typeInfo(state);
      const result = consequent.result.union(alternative.result);
      return {
        state: consequent.state.merge(alternative.state),
        result: result.withReturns(result.returns.union(predicate.returns)),
      };
    }
    const result = consequent.result.orNull();
    return {
      state: consequent.state.merge(state),
      result: result.withReturns(result.returns.union(predicate.returns)),
    };
  }

  toString(): string {
    let text = `if ${this.predicate} ${this.consequent}`;
    if (this.alternative !== undefined) text += ` else${this.alternative}`;
    return text;
  }

  emit(context: EmitContext): Evaluate {
    const predicate = this.predicate.emit(context);
    const consequent = this.consequent.emit(context);
    const alternative = this.alternative?.emit(context);
    return (runtime) => {
      const condition = predicate(runtime);
      if (typeof condition !== 'boolean')
        throw new RuntimeError(`expected boolean, got ${kindName(condition)}`);
      if (condition) return consequent(runtime);
      return alternative === undefined ? null : alternative(runtime);
    };
  }

  override isFresh(): boolean {
    return this.consequent.isFresh() && (this.alternative?.isFresh() ?? true);
  }
}

// ---------------------------------------------------------------------------------------------

function isNumberValue(value: Value | undefined): boolean {
  const tag = tagOf(value);
  return tag === Tag.Integer || tag === Tag.Float;
}

/** Whether `a op b` on these constants gives NaN (VRL makes such a constant operation fallible). */
function constantProducesNaN(operator: Opcode, left: Value | undefined, right: Value | undefined): boolean {
  if (left === undefined || right === undefined) return false;
  if (!isNumberValue(left) || !isNumberValue(right)) return false;
  if (tagOf(left) !== Tag.Float && tagOf(right) !== Tag.Float) return false;
  try {
    if (operator === '+') add(left, right);
    else if (operator === '-') subtract(left, right);
    else multiply(left, right);
    return false;
  } catch {
    return true;
  }
}

const COMPARISONS = new Set<Opcode>(['==', '!=', '<', '<=', '>', '>=']);

/** Whether an expression's constant does not depend on the state (a literal, or such an operation). */
function onlyLiterals(expression: Expr): boolean {
  return (
    expression instanceof LiteralExpr || (expression instanceof OpExpr && expression.hasLiteralConstant())
  );
}

export class OpExpr extends Expr {
  readonly kindName = 'operation';

  constructor(
    span: Span,
    readonly left: Expr,
    readonly operator: Opcode,
    readonly right: Expr,
  ) {
    super(span);
  }

  /** Whether the constant of this operation is known to depend on literals only. */
  hasLiteralConstant(): boolean {
    return this.literalConstant !== undefined;
  }

  static isComparison(operator: Opcode): boolean {
    return COMPARISONS.has(operator);
  }

  typeInfo(input: TypeState): TypeInfo {
    const state = input.clone();
    let left = this.left.applyTypeInfo(state);
    const leftValue = this.left.resolveConstant(input);
    // The right side runs only sometimes: its effects merge with the state without it.
    const maybeRight = (): TypeDef => {
      const right = this.right.typeInfo(state);
      state.assign(state.merge(right.state));
      return right.result;
    };
    const numbers = Kind.integer().orFloat();
    let result: TypeDef;
    switch (this.operator) {
      case '??': {
        const right = maybeRight();
        const fallible = left.isFallible() && right.isFallible();
        result = left.union(right).maybeFallible(fallible);
        break;
      }
      case '||': {
        if (left.isNull() || leftValue === false) {
          result = this.right.applyTypeInfo(state);
        } else if (!(left.kind.containsNull() || left.kind.containsBoolean()) || leftValue === true) {
          result = left;
        } else {
          const kind = left.kind.clone();
          kind.null = false;
          result = left.withKind(kind).union(maybeRight());
        }
        break;
      }
      case '|':
        result = left.mergeOverwrite(this.right.applyTypeInfo(state));
        break;
      case '&&': {
        if (left.isNull() || leftValue === false) {
          result = TypeDef.boolean();
        } else if (leftValue === true) {
          result = this.right.applyTypeInfo(state).withKind(Kind.boolean());
        } else {
          const nullOrBoolean = Kind.null().orBoolean();
          result = left
            .fallibleUnless(nullOrBoolean)
            .union(maybeRight().fallibleUnless(nullOrBoolean))
            .withKind(Kind.boolean());
        }
        break;
      }
      case '==':
      case '!=':
        result = left.union(this.right.applyTypeInfo(state)).withKind(Kind.boolean());
        break;
      case '>':
      case '>=':
      case '<':
      case '<=': {
        const right = this.right.applyTypeInfo(state);
        if ((left.isBytes() && right.isBytes()) || (left.isTimestamp() && right.isTimestamp())) {
          result = left.union(right).withKind(Kind.boolean());
        } else {
          result = left.fallibleUnless(numbers).union(right.fallibleUnless(numbers)).withKind(Kind.boolean());
        }
        break;
      }
      case '/': {
        const divisor = this.right.resolveConstant(state);
        const float = TypeDef.float();
        if (divisor !== undefined && (left.isFloat() || left.isInteger())) {
          const tag = tagOf(divisor);
          const number = isNumberValue(divisor) ? numberOfValue(divisor) : Number.NaN;
          const normal =
            tag === Tag.Float
              ? Number.isFinite(number) && number !== 0 && Math.abs(number) >= 2.2250738585072014e-308
              : false;
          result =
            (tag === Tag.Float && normal) || (tag === Tag.Integer && number !== 0)
              ? float.infallible()
              : float.fallible();
        } else {
          result = float.fallible();
        }
        break;
      }
      default: {
        const rightValue = this.right.resolveConstant(state);
        const right = this.right.applyTypeInfo(state);
        const nan = constantProducesNaN(this.operator, leftValue, rightValue);
        const bytesOrNull = Kind.bytes().orNull();
        if (this.operator === '+' && (left.isBytes() || right.isBytes())) {
          result = left
            .fallibleUnless(bytesOrNull)
            .union(right.fallibleUnless(bytesOrNull))
            .withKind(Kind.bytes());
        } else if (left.isFloat() || right.isFloat()) {
          result = left.fallibleUnless(numbers).union(right.fallibleUnless(numbers)).withKind(Kind.float());
          if (nan) result = result.fallible();
        } else if (left.isInteger() && right.isInteger()) {
          result = left.union(right).withKind(Kind.integer());
        } else if (this.operator === '*' && left.isBytes() && right.isInteger()) {
          result = left.union(right).withKind(Kind.bytes());
        } else if (this.operator === '*' && left.isInteger() && right.isBytes()) {
          result = left.union(right).withKind(Kind.bytes());
        } else if (this.operator === '+' || this.operator === '*') {
          result = left.union(right).fallible().withKind(Kind.bytes().orInteger().orFloat());
        } else {
          result = left.union(right).fallible().withKind(Kind.integer().orFloat());
        }
      }
    }
    left = result;
    return { state, result: left };
  }

  /** The constant of an operation on literals only, computed once (chains would make it quadratic). */
  private literalConstant: { value: Value | undefined } | undefined;

  override resolveConstant(state: TypeState): Value | undefined {
    if (!['*', '/', '+', '-'].includes(this.operator)) return undefined;
    if (this.literalConstant !== undefined) return this.literalConstant.value;
    const value = this.computeConstant(state);
    if (onlyLiterals(this.left) && onlyLiterals(this.right)) this.literalConstant = { value };
    return value;
  }

  private computeConstant(state: TypeState): Value | undefined {
    const left = this.left.resolveConstant(state);
    const right = this.right.resolveConstant(state);
    if (left === undefined || right === undefined || !isNumberValue(left) || !isNumberValue(right))
      return undefined;
    try {
      switch (this.operator) {
        case '*':
          return multiply(left, right);
        case '/':
          return divide(left, right);
        case '+':
          return add(left, right);
        default:
          return subtract(left, right);
      }
    } catch {
      return undefined;
    }
  }

  toString(): string {
    return `${this.left} ${this.operator} ${this.right}`;
  }

  emit(context: EmitContext): Evaluate {
    const left = this.operator === '??' ? this.left.emitErrorDropped(context) : this.left.emit(context);
    const right = this.right.emit(context);
    switch (this.operator) {
      case '??':
        return (runtime) => {
          try {
            return left(runtime);
          } catch (error) {
            if (error instanceof Interruption) return right(runtime);
            throw error;
          }
        };
      case '||':
        return (runtime) => {
          const value = left(runtime);
          if (value !== null && value !== false) return value;
          try {
            return right(runtime);
          } catch (error) {
            if (error instanceof Interruption) {
              throw new RuntimeError(`can't apply an OR to these types - ${error.message}`);
            }
            throw error;
          }
        };
      case '&&':
        return (runtime) => {
          const value = left(runtime);
          if (value === null || value === false) return false;
          return and(value, right(runtime));
        };
      case '*':
        return (runtime) => multiply(left(runtime), right(runtime));
      case '/':
        return (runtime) => divide(left(runtime), right(runtime));
      case '+':
        return (runtime) => {
          const a = left(runtime);
          const b = right(runtime);
          if (typeof a === 'string' && typeof b === 'string') return a + b;
          return add(a, b);
        };
      case '-':
        return (runtime) => subtract(left(runtime), right(runtime));
      case '==':
        return (runtime) => equalsLossy(left(runtime), right(runtime));
      case '!=':
        return (runtime) => !equalsLossy(left(runtime), right(runtime));
      case '>':
      case '>=':
      case '<':
      case '<=': {
        const operator = this.operator;
        return (runtime) => compare(operator, left(runtime), right(runtime));
      }
      default:
        return (runtime) => mergeObjects(left(runtime), right(runtime));
    }
  }

  override isFresh(): boolean {
    if (this.operator === '??' || this.operator === '||') return this.left.isFresh() && this.right.isFresh();
    if (this.operator === '|') return this.left.isFresh() && this.right.isFresh();
    return true;
  }
}

// ---------------------------------------------------------------------------------------------

export type AssignTarget =
  | { type: 'noop' }
  | { type: 'internal'; name: string; path: Segment[] }
  | { type: 'external'; prefix: 'event' | 'metadata'; path: Segment[] };

export function formatTarget(target: AssignTarget): string {
  if (target.type === 'noop') return '_';
  if (target.type === 'internal') {
    if (target.path.length === 0) return target.name;
    const path = formatPath(target.path);
    return 'field' in (target.path[0] as Segment) ? `${target.name}.${path}` : `${target.name}${path}`;
  }
  return `${target.prefix === 'event' ? '.' : '%'}${formatPath(target.path)}`;
}

/** Records a new type (and known value) for an assignment target (VRL's `insert_type_def`). */
function insertTypeDef(
  state: TypeState,
  target: AssignTarget,
  typeDef: TypeDef,
  value: Value | undefined,
): void {
  if (target.type === 'noop') return;
  if (target.type === 'internal') {
    const existing = state.local.variable(target.name)?.typeDef ?? TypeDef.never();
    state.local = state.local.with(target.name, {
      typeDef: existing.withTypeInserted(target.path, typeDef),
      value,
    });
    return;
  }
  if (target.prefix === 'event') {
    state.external = state.external.withTarget({
      typeDef: state.external.target.typeDef.withTypeInserted(target.path, typeDef),
      value,
    });
    return;
  }
  const metadata = state.external.metadata.clone();
  metadata.insert(target.path, typeDef.kind);
  state.external = state.external.withMetadata(metadata);
}

/** Stores a value into a target at runtime. */
function emitStore(target: AssignTarget, context: EmitContext): (runtime: Context, value: Value) => void {
  if (target.type === 'noop') return () => {};
  const path = target.path;
  if (target.type === 'internal') {
    const slot = context.slot(target.name);
    if (path.length === 0) {
      return (runtime, value) => {
        runtime.variables[slot] = value;
      };
    }
    return (runtime, value) => {
      runtime.variables[slot] = insertPath(runtime.variables[slot], path, value);
    };
  }
  // Replacing the root leaves the caller's event as it was; changing inside it needs it writable.
  if (target.prefix === 'event') {
    if (path.length === 0) {
      return (runtime, value) => {
        runtime.event = value;
      };
    }
    if (path.length === 1 && 'field' in (path[0] as Segment)) {
      const field = (path[0] as { field: string }).field;
      return (runtime, value) => {
        const event = writableEvent(runtime);
        if (isObjectValue(event)) setOwnField(event, field, value);
        else runtime.event = insertPath(event, path, value);
      };
    }
    return (runtime, value) => {
      runtime.event = insertPath(writableEvent(runtime), path, value);
    };
  }
  if (path.length === 0) {
    return (runtime, value) => {
      runtime.metadata = value;
    };
  }
  return (runtime, value) => {
    runtime.metadata = insertPath(writableMetadata(runtime), path, value);
  };
}

/** The value an `ok` target gets when the expression fails: the type's zero value. */
function defaultValueOf(kind: Kind): Value {
  if (kind.isBytes()) return '';
  if (kind.isInteger()) return 0;
  if (kind.isFloat()) return floatValue(0);
  if (kind.isBoolean()) return false;
  if (kind.isTimestamp()) return new Date(0);
  if (kind.isRegex()) return VrlRegex.compile('');
  if (kind.isArray()) return [];
  if (kind.isObject()) return {};
  return null;
}

export class AssignmentExpr extends Expr {
  readonly kindName = 'assignment';
  readonly defaultValue: Value;

  constructor(
    span: Span,
    readonly variant: 'single' | 'infallible',
    readonly target: AssignTarget,
    readonly errorTarget: AssignTarget | undefined,
    readonly value: Expr,
    /** The right side's type, for the default of an infallible assignment. */
    valueType: TypeDef | undefined,
  ) {
    super(span);
    this.defaultValue = valueType === undefined ? null : defaultValueOf(valueType.kind);
  }

  typeInfo(input: TypeState): TypeInfo {
    const state = input.clone();
    if (this.variant === 'single') {
      const result = this.value.applyTypeInfo(state).impure();
      const constant = this.value.resolveConstant(state);
      insertTypeDef(state, this.target, result, constant);
      return { state, result };
    }
    const result = this.value.applyTypeInfo(state);
    const okType = result.union(TypeDef.of(kindOfValue(this.defaultValue))).infallible();
    const constant = this.value.resolveConstant(state);
    insertTypeDef(state, this.target, okType, constant);
    insertTypeDef(state, this.errorTarget as AssignTarget, TypeDef.of(Kind.bytes().orNull()), undefined);
    return { state, result: result.infallible().impure().orBytes() };
  }

  toString(): string {
    if (this.variant === 'single') return `${formatTarget(this.target)} = ${this.value}`;
    return `${formatTarget(this.target)}, ${formatTarget(this.errorTarget as AssignTarget)} = ${this.value}`;
  }

  emit(context: EmitContext): Evaluate {
    const value = emitOwned(this.value, context);
    const store = emitStore(this.target, context);
    if (this.variant === 'single') {
      return (runtime) => {
        const result = value(runtime);
        store(runtime, result);
        return result;
      };
    }
    const storeError = emitStore(this.errorTarget as AssignTarget, context);
    const defaultValue = this.defaultValue;
    return (runtime) => {
      let result: Value;
      try {
        result = value(runtime);
      } catch (error) {
        if (!(error instanceof Interruption)) throw error;
        store(runtime, cloneValue(defaultValue));
        const message = error.message;
        storeError(runtime, message);
        return message;
      }
      store(runtime, result);
      storeError(runtime, null);
      return result;
    };
  }
}
