import { Diagnostic, Label, Note } from '../diagnostic/diagnostic.js';
import {
  type Argument,
  type ClosureInput,
  type CompileCall,
  type CompiledCall,
  FunctionCompileError,
  functionCompileLabels,
  functionCompileNotes,
  invalidArgument,
  invalidEnumVariant,
  kind as kindFlags,
  kindOfFlags,
  type Parameter,
  type QueryReference,
  unexpectedExpression,
  type VrlFunction,
} from '../function.js';
import type * as Ast from '../parser/ast.js';
import { type Evaluate, writableEvent, writableMetadata } from '../runtime/context.js';
import { getPath, removePath } from '../runtime/path.js';
import { Kind, type Segment } from '../type/kind.js';
import type { TypeState } from '../type/state.js';
import { TypeDef } from '../type/type-def.js';
import { floatValue } from '../value/markers.js';
import { RegexSyntaxError, VrlRegex } from '../value/regex.js';
import { type Value, valuesEqual } from '../value/value.js';
import {
  type InvalidArgumentContext,
  invalidArgumentKind,
  type PendingFallibility,
  pendingDiagnostic,
  undefinedFunction,
  undefinedVariable,
  unsupportedFunction,
} from './diagnostics.js';
import {
  AbortExpr,
  ArrayExpr,
  AssignmentExpr,
  type AssignTarget,
  BlockExpr,
  type EmitContext,
  type Expr,
  formatPath,
  GroupExpr,
  IfExpr,
  LiteralExpr,
  NoopExpr,
  NotExpr,
  ObjectExpr,
  OpExpr,
  PredicateExpr,
  QueryExpr,
  type QueryTarget,
  ReturnExpr,
  StringLiteralExpr,
  VariableExpr,
} from './expressions.js';
import { CompiledClosure, FunctionCallExpr } from './function-call.js';
import { parseTimestampLiteral } from './timestamp.js';

/** A path that assignments must not change (VRL's `CompileConfig::set_read_only_path`). */
export interface ReadOnlyPath {
  prefix: 'event' | 'metadata';
  path: Segment[];
  /** Whether everything under the path is read-only too. */
  recursive: boolean;
}

export interface CompilerOptions {
  functions: ReadonlyMap<string, VrlFunction>;
  /** VRL's function names, in VRL's order: "did you mean", and refusal by name of those not provided. */
  knownFunctionNames: readonly string[];
  readOnlyPaths?: readonly ReadOnlyPath[];
  /** Maps a UTF-16 offset of the program to a UTF-8 byte offset (VRL's spans are bytes). */
  byteOffset: (offset: number) => number;
}

export interface CompilerResult {
  root: BlockExpr | undefined;
  diagnostics: Diagnostic[];
  /** Whether the program may abort at runtime (`!` calls, `abort`). */
  fallible: boolean;
  abortable: boolean;
  closures: CompiledClosure[];
  /** Variables changed in place somewhere (a closure binding one of them copies the value). */
  mutatedVariables: Set<string>;
  /** Whether the program reads or writes the metadata (`%`). */
  usesMetadata: boolean;
  /**
   * Whether a regex value may reach a variable, the event or the metadata: a regex literal used
   * anywhere but as an argument that only takes a pattern (`parse_regex(.m, r'…')`). Otherwise no
   * value a run leaves holds a regex.
   */
  mayHoldRegex: boolean;
}

type Node = Ast.Expression;

/** The kinds of a parameter that only takes a pattern: a regex literal given to it goes no further. */
const PATTERN_KINDS = kindFlags.BYTES | kindFlags.REGEX;

/**
 * The compiler of `vrl/src/compiler/compiler.rs`: type-checks the parsed program, reports VRL's
 * diagnostics (with VRL's rules for which fallibility a parent handles), and builds the tree of
 * {@link Expr} nodes that `emit()` turns into closures.
 */
export class Compiler {
  private readonly diagnostics: Diagnostic[] = [];
  private fallible = false;
  private abortable = false;
  private pending: PendingFallibility[] = [];
  private readonly skipMissing: string[] = [];
  private readonly closures: CompiledClosure[] = [];
  private readonly mutatedVariables = new Set<string>();
  private readonly slots = new Map<string, number>();
  private usesMetadata = false;
  private readonly regexLiterals = new Set<Expr>();
  /** Regex literals passed to a parameter that takes only a pattern (bytes or regex). */
  private readonly patternArguments = new Set<Expr>();
  /** Slots are given as names appear, so arguments are emitted as soon as their call compiles. */
  readonly emitContext: EmitContext = {
    slot: (name) => {
      let slot = this.slots.get(name);
      if (slot === undefined) {
        slot = this.slots.size;
        this.slots.set(name, slot);
      }
      return slot;
    },
    mutatedVariables: this.mutatedVariables,
  };

  constructor(private readonly options: CompilerOptions) {}

  /** The number of variable slots the program uses. */
  get slotCount(): number {
    return this.slots.size;
  }

  compile(program: Ast.Program, initialState: TypeState): CompilerResult {
    const state = initialState.clone();
    const expressions: Expr[] = [];
    for (const root of program.expressions) {
      if (root.type === 'error') {
        this.diagnostics.push(root.diagnostic);
        continue;
      }
      this.pending = [];
      const compiled = this.compileExpr(root.expression, state);
      for (const pending of this.pending) this.diagnostics.push(pendingDiagnostic(pending));
      this.pending = [];
      if (compiled !== undefined) expressions.push(compiled);
    }
    if (expressions.length === 0) expressions.push(new NoopExpr({ start: 0, end: 0 }));
    const hasErrors = this.diagnostics.some((diagnostic) => diagnostic.isError);
    const first = expressions[0] as Expr;
    const last = expressions[expressions.length - 1] as Expr;
    return {
      root: hasErrors
        ? undefined
        : new BlockExpr({ start: first.span.start, end: last.span.end }, expressions, false),
      diagnostics: this.diagnostics,
      fallible: this.fallible,
      abortable: this.abortable,
      closures: this.closures,
      mutatedVariables: this.mutatedVariables,
      usesMetadata: this.usesMetadata,
      mayHoldRegex: [...this.regexLiterals].some((literal) => !this.patternArguments.has(literal)),
    };
  }

  /** Runs `body` and drops the fallibilities it left pending (the caller's check covers them). */
  private consumingFallibility<Result>(body: () => Result): Result {
    const snapshot = this.pending.length;
    try {
      return body();
    } finally {
      this.pending.length = snapshot;
    }
  }

  private compileExprs(nodes: readonly Node[], state: TypeState): Expr[] | undefined {
    const expressions: Expr[] = [];
    for (const node of nodes) {
      const expression = this.compileExpr(node, state);
      if (expression === undefined) return undefined;
      expressions.push(expression);
    }
    return expressions;
  }

  compileExpr(node: Node, state: TypeState): Expr | undefined {
    const originalState = state.clone();
    const pendingBefore = this.pending.length;
    const expression = this.compileNode(node, state);
    if (expression === undefined) return undefined;
    // The outermost fallible expression of a chain records the fallibility, once.
    if (expression.typeInfo(originalState).result.isFallible() && this.pending.length === pendingBefore) {
      this.pending.push({ type: 'expression', span: { start: node.start, end: node.end } });
    }
    return expression;
  }

  private compileNode(node: Node, state: TypeState): Expr | undefined {
    switch (node.type) {
      case 'literal':
        return this.compileLiteral(node, state);
      case 'container':
        return this.compileContainer(node.container, node, state);
      case 'if':
        return this.compileIf(node.statement, node, state);
      case 'op':
        return this.compileOp(node, state);
      case 'assignment':
        return this.compileAssignment(node.assignment, node, state);
      case 'query':
        return this.compileQuery(node.query, node, state);
      case 'call': {
        const call = this.compileFunctionCall(node.call, node, state);
        return call;
      }
      case 'variable':
        return this.compileVariable(node.name, node, state);
      case 'not':
        return this.compileNot(node, state);
      case 'abort':
        return this.compileAbort(node, state);
      default:
        return this.compileReturn(node, state);
    }
  }

  private compileLiteral(node: Extract<Node, { type: 'literal' }>, state: TypeState): Expr | undefined {
    const literal = node.literal;
    const span = { start: node.start, end: node.end };
    switch (literal.type) {
      case 'string': {
        const segments = literal.segments;
        if (segments.length === 1 && segments[0]?.type === 'text')
          return new StringLiteralExpr(span, segments[0].value);
        return this.compileExpr(templateToExpression(segments, span), state);
      }
      case 'raw string':
        return new StringLiteralExpr(span, literal.value);
      case 'integer':
        return new LiteralExpr(span, literal.value);
      case 'float':
        return new LiteralExpr(span, floatValue(literal.value));
      case 'boolean':
        return new LiteralExpr(span, literal.value);
      case 'null':
        return new LiteralExpr(span, null);
      case 'regex':
        try {
          const regex = new LiteralExpr(span, VrlRegex.compile(literal.pattern));
          this.regexLiterals.add(regex);
          return regex;
        } catch (error) {
          if (!(error instanceof RegexSyntaxError)) throw error;
          this.diagnostics.push(
            new Diagnostic(
              'error',
              101,
              'invalid regular expression',
              [Label.primary(`regex parse error: ${error.reason}: ${literal.pattern}`, span.start, span.end)],
              [Note.seeDocs('regular expressions', Note.expressionDocs('#regular-expression'))],
            ),
          );
          return undefined;
        }
      default: {
        const parsed = parseTimestampLiteral(literal.text);
        if (typeof parsed === 'string') {
          this.diagnostics.push(
            new Diagnostic(
              'error',
              601,
              'invalid timestamp',
              [Label.primary(`invalid timestamp format: ${parsed}`, span.start, span.end)],
              [Note.seeDocs('timestamps', Note.expressionDocs('#timestamp'))],
            ),
          );
          return undefined;
        }
        return new LiteralExpr(span, parsed);
      }
    }
  }

  private compileContainer(container: Ast.Container, node: Ast.Span, state: TypeState): Expr | undefined {
    const span = { start: node.start, end: node.end };
    switch (container.type) {
      case 'group': {
        const inner = this.compileExpr(container.expression, state);
        return inner === undefined ? undefined : new GroupExpr(span, inner);
      }
      case 'block':
        return this.compileBlock(container.expressions, span, state)?.block;
      case 'array': {
        const items = this.compileExprs(container.items, state);
        return items === undefined ? undefined : new ArrayExpr(span, items);
      }
      default: {
        const compiled: [string, Expr | undefined][] = container.entries.map((entry) => [
          entry.key,
          this.compileExpr(entry.value, state),
        ]);
        if (compiled.some(([, value]) => value === undefined)) return undefined;
        const entries = new Map<string, Expr>();
        for (const [key, value] of compiled) entries.set(key, value as Expr);
        return new ObjectExpr(
          span,
          [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        );
      }
    }
  }

  private compileBlock(
    nodes: readonly Node[],
    span: Ast.Span,
    state: TypeState,
  ): { block: BlockExpr; typeDef: TypeDef } | undefined {
    const originalState = state.clone();
    const expressions = this.compileExprs(nodes, state);
    if (expressions === undefined) return undefined;
    const block = new BlockExpr(span, expressions, true);
    state.assign(originalState);
    const typeDef = block.applyTypeInfo(state);
    return { block, typeDef };
  }

  private compileIf(statement: Ast.IfStatement, node: Ast.Span, state: TypeState): Expr | undefined {
    const originalState = state.clone();
    const predicate = this.compilePredicate(statement.predicate, statement.predicateSpan, state);
    if (predicate === undefined) return undefined;
    const afterPredicate = state.clone();
    const consequent = this.compileBlock(statement.consequent.expressions, statement.consequent.span, state);
    if (consequent === undefined) return undefined;
    let alternative: BlockExpr | undefined;
    if (statement.alternative !== undefined) {
      state.assign(afterPredicate);
      const compiled = this.compileBlock(
        statement.alternative.expressions,
        statement.alternative.span,
        state,
      );
      if (compiled === undefined) return undefined;
      alternative = compiled.block;
    }
    const expression = new IfExpr(
      { start: node.start, end: node.end },
      predicate,
      consequent.block,
      alternative,
    );
    state.assign(originalState);
    expression.applyTypeInfo(state);
    return expression;
  }

  private compilePredicate(
    predicate: Ast.Predicate,
    span: Ast.Span,
    state: TypeState,
  ): PredicateExpr | undefined {
    const pendingBefore = this.pending.length;
    return this.consumingFallibility(() => {
      let expressions: Expr[] | undefined;
      if (predicate.type === 'one') {
        const expression = this.compileExpr(predicate.expression, state);
        expressions = expression === undefined ? undefined : [expression];
      } else {
        expressions = this.compileExprs(predicate.expressions, state);
      }
      if (expressions === undefined) return undefined;
      const fallibility = this.pending[pendingBefore];
      if (fallibility !== undefined) {
        const inner = pendingDiagnostic(fallibility);
        this.diagnostics.push(
          new Diagnostic('error', inner.code, 'fallible predicate', inner.labels, inner.notes),
        );
        return undefined;
      }
      const expression = new PredicateExpr({ start: span.start, end: span.end }, expressions);
      const typeDef = expression.typeInfo(state).result;
      if (!typeDef.isBoolean()) {
        this.diagnostics.push(
          new Diagnostic(
            'error',
            102,
            'non-boolean predicate',
            [
              Label.primary('this predicate must resolve to a boolean', span.start, span.end),
              Label.context(`instead it resolves to ${typeDef.kind}`, span.start, span.end),
            ],
            [Note.coerceValue, Note.seeDocs('if expressions', Note.expressionDocs('#if'))],
          ),
        );
        return undefined;
      }
      return expression;
    });
  }

  private compileOp(node: Extract<Node, { type: 'op' }>, state: TypeState): Expr | undefined {
    const originalState = state.clone();
    const pendingBefore = this.pending.length;
    const left = this.compileExpr(node.left, state);
    if (left === undefined) return undefined;
    // `??` handles whatever its left side can fail with.
    if (node.operator === '??') this.pending.length = pendingBefore;
    const right = this.compileExpr(node.right, state);
    if (right === undefined) return undefined;
    const problem = this.checkOp(node, left, right, state);
    if (problem !== undefined) {
      this.pending.length = pendingBefore;
      this.diagnostics.push(problem);
      return undefined;
    }
    const expression = new OpExpr({ start: node.start, end: node.end }, left, node.operator, right);
    const info = expression.typeInfo(originalState);
    if (info.result.isInfallible()) this.pending.length = pendingBefore;
    state.assign(info.state);
    return expression;
  }

  /** `Op::new`'s checks: chained comparisons, unnecessary `??`, `|` on non-objects. */
  private checkOp(
    node: Extract<Node, { type: 'op' }>,
    left: Expr,
    right: Expr,
    input: TypeState,
  ): Diagnostic | undefined {
    const state = input.clone();
    const leftType = left.applyTypeInfo(state);
    const rightType = right.applyTypeInfo(state);
    const operatorSpan = node.operatorSpan;
    if (OpExpr.isComparison(node.operator) && left instanceof OpExpr && OpExpr.isComparison(left.operator)) {
      return new Diagnostic(
        'error',
        650,
        "comparison operators can't be chained together",
        [Label.primary('', operatorSpan.start, operatorSpan.end)],
        [Note.seeDocs('comparisons', Note.expressionDocs('#comparison'))],
      );
    }
    if (node.operator === '??' && leftType.isInfallible()) {
      return new Diagnostic(
        'error',
        651,
        'unnecessary error coalescing operation',
        [
          Label.primary("this expression can't fail", node.left.start, node.left.end),
          Label.context('this expression never resolves', node.right.start, node.right.end),
          Label.context('remove this error coalescing operation', operatorSpan.start, operatorSpan.end),
        ],
        [],
      );
    }
    if (node.operator === '|' && !(leftType.isObject() && rightType.isObject())) {
      const labels: Label[] = [];
      if (!leftType.isObject())
        labels.push(
          Label.primary('this expression must resolve to an object', node.left.start, node.left.end),
        );
      if (!rightType.isObject())
        labels.push(
          Label.primary('this expression must resolve to an object', node.right.start, node.right.end),
        );
      return new Diagnostic('error', 652, 'only objects can be merged', labels, []);
    }
    return undefined;
  }

  // Assignments ---------------------------------------------------------------------------------

  private compileAssignment(assignment: Ast.Assignment, node: Ast.Span, state: TypeState): Expr | undefined {
    const originalState = state.clone();
    const pendingBefore = this.pending.length;
    const valueSpan = { start: assignment.value.start, end: assignment.value.end };
    const span = { start: node.start, end: node.end };

    const compileValue = (target: Ast.AssignmentTarget): Expr | undefined =>
      assignment.operator === '='
        ? this.compileExpr(assignment.value, state)
        : this.compileMerge(target, assignment.value, valueSpan, state);

    let expression: AssignmentExpr | undefined;
    if (assignment.type === 'single') {
      const value = compileValue(assignment.target);
      if (value === undefined) {
        this.skipMissingTarget(assignment.target);
        return undefined;
      }
      const rhsFallibility = this.pending[pendingBefore];
      expression = this.checkSingle(assignment.target, value, valueSpan, span, state, rhsFallibility);
    } else {
      const value = compileValue(assignment.ok);
      if (value === undefined) {
        this.skipMissingTarget(assignment.ok);
        this.skipMissingTarget(assignment.error);
        return undefined;
      }
      this.pending.length = pendingBefore;
      expression = this.checkInfallible(assignment, value, valueSpan, span, state);
    }
    this.pending.length = pendingBefore;
    if (expression === undefined) return undefined;
    state.assign(originalState);
    expression.applyTypeInfo(state);
    return expression;
  }

  /** `a |= b` is `a = a | b`. */
  private compileMerge(
    target: Ast.AssignmentTarget,
    value: Node,
    valueSpan: Ast.Span,
    state: TypeState,
  ): Expr | undefined {
    const targetExpression: Node =
      target.type === 'noop'
        ? { type: 'literal', literal: { type: 'null' }, start: valueSpan.start, end: valueSpan.end }
        : target.type === 'query'
          ? { type: 'query', query: target.query, start: target.span.start, end: target.span.end }
          : { type: 'variable', name: target.name, start: target.span.start, end: target.span.end };
    return this.compileOp(
      {
        type: 'op',
        left: targetExpression,
        operator: '|',
        operatorSpan: valueSpan,
        right: value,
        start: valueSpan.start,
        end: valueSpan.end,
      },
      state,
    );
  }

  private skipMissingTarget(target: Ast.AssignmentTarget): void {
    if (target.type === 'noop') return;
    if (target.type === 'internal') this.skipMissing.push(`variable:${target.name}`);
    else this.skipMissing.push(queryKey(target.query));
  }

  private checkSingle(
    target: Ast.AssignmentTarget,
    value: Expr,
    valueSpan: Ast.Span,
    span: Ast.Span,
    state: TypeState,
    rhsFallibility: PendingFallibility | undefined,
  ): AssignmentExpr | undefined {
    const assignmentSpan = { start: target.span.start, end: valueSpan.start - 1 };
    if (rhsFallibility !== undefined) {
      this.diagnostics.push(
        fallibleAssignment(
          formatAstTarget(target),
          value.toString(),
          valueSpan,
          assignmentSpan,
          rhsFallibility,
        ),
      );
      return undefined;
    }
    if (target.type === 'noop') {
      this.diagnostics.push(unnecessaryNoop(target.span, valueSpan, assignmentSpan));
      return undefined;
    }
    const resolved = this.resolveTarget(target);
    if (resolved === undefined) return undefined;
    if (!this.verifyMutable(resolved, assignmentSpan)) return undefined;
    if (!this.verifyOverwritable(resolved, target.span, state, value)) return undefined;
    this.recordMutation(resolved);
    return new AssignmentExpr(span, 'single', resolved, undefined, value, undefined);
  }

  private checkInfallible(
    assignment: Extract<Ast.Assignment, { type: 'infallible' }>,
    value: Expr,
    valueSpan: Ast.Span,
    span: Ast.Span,
    state: TypeState,
  ): AssignmentExpr | undefined {
    const { ok, error } = assignment;
    const assignmentSpan = { start: ok.span.start, end: error.span.end };
    const typeDef = value.typeInfo(state).result;
    if (typeDef.isInfallible()) {
      this.diagnostics.push(
        new Diagnostic(
          'error',
          104,
          'unnecessary error assignment',
          [
            Label.primary('this error assignment is unnecessary', error.span.start, error.span.end),
            Label.context("because this expression can't fail", valueSpan.start, valueSpan.end),
            Label.context(`use: ${formatAstTarget(ok)} = ${value}`, ok.span.start, ok.span.end),
          ],
          [Note.seeErrorDocs],
        ),
      );
      return undefined;
    }
    if (ok.type === 'noop' && error.type === 'noop') {
      this.diagnostics.push(unnecessaryNoop(ok.span, valueSpan, assignmentSpan));
      return undefined;
    }
    const okTarget = this.resolveTarget(ok);
    if (okTarget === undefined) return undefined;
    if (!this.verifyMutable(okTarget, ok.span)) return undefined;
    if (!this.verifyOverwritable(okTarget, ok.span, state, value)) return undefined;
    const errorTarget = this.resolveTarget(error);
    if (errorTarget === undefined) return undefined;
    if (!this.verifyMutable(errorTarget, error.span)) return undefined;
    if (!this.verifyOverwritable(errorTarget, error.span, state, value)) return undefined;
    this.recordMutation(okTarget);
    this.recordMutation(errorTarget);
    return new AssignmentExpr(span, 'infallible', okTarget, errorTarget, value, typeDef.infallible());
  }

  private recordMutation(target: AssignTarget): void {
    if (target.type === 'internal' && target.path.length > 0) this.mutatedVariables.add(target.name);
  }

  private resolveTarget(target: Ast.AssignmentTarget): AssignTarget | undefined {
    if (target.type === 'noop') return { type: 'noop' };
    if (target.type === 'internal') return { type: 'internal', name: target.name, path: [] };
    const query = target.query;
    if (query.target.type === 'internal')
      return { type: 'internal', name: query.target.name, path: query.path };
    if (query.target.type === 'external') {
      if (query.target.prefix === 'metadata') this.usesMetadata = true;
      return { type: 'external', prefix: query.target.prefix, path: query.path };
    }
    const span = { start: query.targetSpan.start, end: query.pathSpan.end };
    this.diagnostics.push(
      new Diagnostic(
        'error',
        641,
        'invalid assignment target',
        [
          Label.primary('invalid assignment target', span.start, span.end),
          Label.context('use one of variable or path', span.start, span.end),
        ],
        [],
      ),
    );
    return undefined;
  }

  private isReadOnlyPath(target: AssignTarget): boolean {
    if (target.type !== 'external') return false;
    return (this.options.readOnlyPaths ?? []).some((readOnlyPath) => {
      if (readOnlyPath.prefix !== target.prefix) return false;
      if (startsWith(readOnlyPath.path, target.path)) return true;
      return readOnlyPath.recursive
        ? startsWith(target.path, readOnlyPath.path)
        : samePath(target.path, readOnlyPath.path);
    });
  }

  private verifyMutable(target: AssignTarget, span: Ast.Span): boolean {
    if (!this.isReadOnlyPath(target)) return true;
    this.diagnostics.push(
      new Diagnostic(
        'error',
        315,
        'mutation of read-only value',
        [Label.primary('mutation of read-only value', span.start, span.end)],
        [],
      ),
    );
    return false;
  }

  /** E642: a path through something that is surely not an object (or array). */
  private verifyOverwritable(
    target: AssignTarget,
    targetSpan: Ast.Span,
    state: TypeState,
    value: Expr,
  ): boolean {
    if (target.type === 'noop') return true;
    const path = [...target.path];
    const rootKind =
      target.type === 'internal'
        ? (state.local.variable(target.name)?.typeDef.kind ?? Kind.any())
        : state.external.targetKind();
    let parentEnd = targetSpan.end;
    let remainder = '';
    while (path.length > 0) {
      const last = path.pop() as Segment;
      const parentKind = rootKind.atPath(path);
      let variant: 'object' | 'array';
      let segmentSpan: Ast.Span;
      let valid: boolean;
      if ('field' in last) {
        const text = formatPath([last]);
        const segmentStart = Math.max(parentEnd - text.length, 0);
        segmentSpan = { start: segmentStart, end: parentEnd };
        parentEnd = Math.max(segmentStart - 1, 0);
        remainder = `.${text}${remainder}`;
        variant = 'object';
        valid = parentKind.containsObject();
      } else {
        const text = `[${last.index}]`;
        const segmentStart = Math.max(parentEnd - text.length, 0);
        segmentSpan = { start: segmentStart, end: parentEnd };
        parentEnd = segmentStart;
        remainder = `${text}${remainder}`;
        variant = 'array';
        valid = parentKind.containsArray();
      }
      if (valid) continue;
      let parentText: string;
      if (target.type === 'internal') {
        parentText = `${target.name}${formatPath(path)}`;
      } else {
        if (path.length === 0 && remainder.startsWith('.')) remainder = remainder.slice(1);
        parentText = `.${formatPath(path)}`;
      }
      const parentSpan = { start: targetSpan.start, end: parentEnd };
      this.diagnostics.push(
        new Diagnostic(
          'error',
          642,
          'parent path segment rejects this mutation',
          [
            Label.primary(
              variant === 'object'
                ? 'querying a field of a non-object type is unsupported'
                : 'indexing into a non-array type is unsupported',
              segmentSpan.start,
              segmentSpan.end,
            ),
            Label.context(
              `this path resolves to a value of type ${parentKind}`,
              parentSpan.start,
              parentSpan.end,
            ),
          ],
          [
            ...Note.solution(`change parent value to ${variant}, before assignment`, [
              `${parentText} = ${variant === 'object' ? '{}' : '[]'}`,
              `${parentText}${remainder} = ${value}`,
            ]),
            Note.seeErrorDocs,
          ],
        ),
      );
      return false;
    }
    return true;
  }

  // Queries and variables -----------------------------------------------------------------------

  private compileQuery(query: Ast.Query, node: Ast.Span, state: TypeState): Expr | undefined {
    if (this.skipMissing.includes(queryKey(query))) return undefined;
    let target: QueryTarget;
    const source = query.target;
    switch (source.type) {
      case 'external':
        if (source.prefix === 'metadata') this.usesMetadata = true;
        target = { type: 'external', prefix: source.prefix };
        break;
      case 'internal': {
        const variable = this.compileVariable(source.name, query.targetSpan, state);
        if (variable === undefined) return undefined;
        target = { type: 'internal', variable };
        break;
      }
      case 'call': {
        const call = this.compileFunctionCall(source.call, query.targetSpan, state);
        if (call === undefined) return undefined;
        target = { type: 'expression', expression: call };
        break;
      }
      default: {
        const container = this.compileContainer(source.container, query.targetSpan, state);
        if (container === undefined) return undefined;
        target = { type: 'expression', expression: container };
      }
    }
    return new QueryExpr({ start: node.start, end: node.end }, target, query.path);
  }

  private compileVariable(name: string, span: Ast.Span, state: TypeState): VariableExpr | undefined {
    if (this.skipMissing.includes(`variable:${name}`)) return undefined;
    if (state.local.variable(name) === undefined) {
      this.diagnostics.push(undefinedVariable(name, span, state.local.names()));
      return undefined;
    }
    return new VariableExpr({ start: span.start, end: span.end }, name);
  }

  private compileNot(node: Extract<Node, { type: 'not' }>, state: TypeState): Expr | undefined {
    const inner = this.compileExpr(node.operand, state);
    if (inner === undefined) return undefined;
    const typeDef = inner.typeInfo(state).result;
    if (!typeDef.isBoolean()) {
      this.diagnostics.push(
        new Diagnostic(
          'error',
          660,
          'non-boolean negation',
          [
            Label.primary('negation only works on boolean values', node.bangSpan.start, node.bangSpan.end),
            Label.context(
              `this expression resolves to ${typeDef.kind}`,
              node.operand.start,
              node.operand.end,
            ),
          ],
          [Note.coerceValue, Note.seeDocs('type coercion', Note.functionDocs('#coerce-functions'))],
        ),
      );
      return undefined;
    }
    return new NotExpr({ start: node.start, end: node.end }, inner);
  }

  private compileAbort(node: Extract<Node, { type: 'abort' }>, state: TypeState): Expr | undefined {
    this.abortable = true;
    const span = { start: node.start, end: node.end };
    return this.consumingFallibility(() => {
      let message: Expr | undefined;
      if (node.message !== undefined) {
        message = this.compileExpr(node.message, state);
        if (message === undefined) return undefined;
        const typeDef = message.typeInfo(state).result;
        const messageSpan = { start: node.message.start, end: node.message.end };
        if (typeDef.isFallible()) {
          this.diagnostics.push(fallibleArgumentOf('abort', messageSpan));
          return undefined;
        }
        if (!typeDef.isBytes()) {
          this.diagnostics.push(
            new Diagnostic(
              'error',
              113,
              'non-string abort message',
              [
                Label.primary(
                  'abort only accepts an expression argument resolving to a string',
                  messageSpan.start,
                  messageSpan.end,
                ),
                Label.context(
                  `this expression resolves to ${typeDef.kind}`,
                  messageSpan.start,
                  messageSpan.end,
                ),
              ],
              [Note.coerceValue, Note.seeDocs('type coercion', Note.functionDocs('#coerce-functions'))],
            ),
          );
          return undefined;
        }
      }
      return new AbortExpr(span, message);
    });
  }

  private compileReturn(node: Extract<Node, { type: 'return' }>, state: TypeState): Expr | undefined {
    const span = { start: node.start, end: node.end };
    return this.consumingFallibility(() => {
      const value = this.compileExpr(node.value, state);
      if (value === undefined) return undefined;
      if (value.typeInfo(state).result.isFallible()) {
        this.diagnostics.push(fallibleArgumentOf('return', { start: node.value.start, end: node.value.end }));
        return undefined;
      }
      return new ReturnExpr(span, value);
    });
  }

  // Function calls ------------------------------------------------------------------------------

  private compileFunctionCall(call: Ast.FunctionCall, node: Ast.Span, state: TypeState): Expr | undefined {
    const callSpan = { start: node.start, end: node.end };
    const originalState = state.clone();
    if (call.abortOnError) this.fallible = true;
    const localSnapshot = state.local;
    const stateBefore = originalState.clone();

    const built = this.consumingFallibility(() => {
      const argumentExpressions: { node: Ast.FunctionArgument; expression: Expr }[] = [];
      for (const argument of call.arguments) {
        const expression = this.compileExpr(argument.value, state);
        if (expression === undefined) return undefined;
        argumentExpressions.push({ node: argument, expression });
      }
      return this.buildCall(call, callSpan, argumentExpressions, stateBefore, state);
    });
    if (built === undefined) return undefined;

    let closureBlock: { block: BlockExpr; typeDef: TypeDef; span: Ast.Span } | undefined;
    if (call.closure !== undefined) {
      const compiled = this.compileBlock(call.closure.block.expressions, call.closure.block.span, state);
      if (compiled === undefined) return undefined;
      closureBlock = { ...compiled, span: call.closure.block.span };
    }

    const expression = this.finishCall(
      call,
      callSpan,
      built,
      closureBlock,
      stateBefore,
      localSnapshot,
      state,
    );
    if (expression === undefined) return undefined;
    state.assign(expression.typeInfo(originalState).state);
    return expression;
  }

  /** `Builder::new`: the function exists, the arguments fit its parameters, the closure fits. */
  private buildCall(
    call: Ast.FunctionCall,
    callSpan: Ast.Span,
    argumentExpressions: { node: Ast.FunctionArgument; expression: Expr }[],
    stateBefore: TypeState,
    state: TypeState,
  ): BuiltCall | undefined {
    const definition = this.options.functions.get(call.name);
    if (definition === undefined) {
      if (this.options.knownFunctionNames.includes(call.name)) {
        this.diagnostics.push(unsupportedFunction(call.name, call.nameSpan));
      } else {
        this.diagnostics.push(undefinedFunction(call.name, call.nameSpan, this.options.knownFunctionNames));
      }
      return undefined;
    }
    const parameters = definition.parameters;
    const argumentsText = argumentExpressions.map(({ expression }) => expression.toString());
    if (argumentExpressions.length > parameters.length) {
      const first = argumentExpressions[0]?.node.span as Ast.Span;
      const last = argumentExpressions[argumentExpressions.length - 1]?.node.span as Ast.Span;
      const max = parameters.length;
      this.diagnostics.push(
        new Diagnostic(
          'error',
          106,
          'wrong number of function arguments',
          [
            Label.primary('too many function arguments', first.start, last.end),
            Label.context(
              `this function takes a maximum of ${max} ${max === 1 ? 'argument' : 'arguments'}`,
              first.start,
              last.end,
            ),
          ],
          [Note.seeDocs('function arguments', Note.expressionDocs('#arguments'))],
        ),
      );
      return undefined;
    }
    let position = 0;
    const list = new Map<string, { expression: Expr; node: Ast.FunctionArgument; parameter: Parameter }>();
    const uncertain: { parameter: Parameter; node: Ast.FunctionArgument; expression: Expr }[] = [];
    for (const { node, expression } of argumentExpressions) {
      let parameter: Parameter | undefined;
      if (node.keyword === undefined) {
        position++;
        parameter = parameters[position - 1];
      } else {
        const index = parameters.findIndex((candidate) => candidate.keyword === node.keyword?.name);
        parameter = parameters[index];
        if (index === position) position++;
      }
      if (parameter === undefined) {
        const keywordSpan = node.keyword?.span ?? node.span;
        this.diagnostics.push(
          new Diagnostic(
            'error',
            108,
            'unknown function argument keyword',
            [
              Label.primary('unknown keyword', keywordSpan.start, keywordSpan.end),
              Label.context(
                `this function accepts the following keywords: ${parameters.map((p) => `"${p.keyword}"`).join(', ')}`,
                call.nameSpan.start,
                call.nameSpan.end,
              ),
            ],
            [],
          ),
        );
        return undefined;
      }
      if ((parameter.kind & ~PATTERN_KINDS) === 0) this.patternArguments.add(expression);
      const typeDef = expression.typeInfo(stateBefore).result;
      const accepted = kindOfFlags(parameter.kind);
      if (!accepted.intersects(typeDef.kind)) {
        this.diagnostics.push(
          invalidArgumentKind({
            functionName: definition.name,
            abortOnError: call.abortOnError,
            argumentsText,
            parameter,
            got: typeDef.kind,
            argumentText: expression.toString(),
            expressionSpan: { start: node.value.start, end: node.value.end },
            argumentSpan: node.span,
          }),
        );
        return undefined;
      }
      if (accepted.isSuperset(typeDef.kind) !== undefined) uncertain.push({ parameter, node, expression });
      if (typeDef.isFallible()) {
        this.diagnostics.push(
          new Diagnostic(
            'error',
            630,
            'fallible argument',
            [
              Label.primary('this expression can fail', node.value.start, node.value.end),
              Label.context(
                'handle the error before passing it in as an argument',
                node.value.start,
                node.value.end,
              ),
            ],
            [Note.seeErrorDocs],
          ),
        );
        return undefined;
      }
      list.set(parameter.keyword, { expression, node, parameter });
    }
    const missing = parameters.findIndex((parameter) => parameter.required && !list.has(parameter.keyword));
    if (missing >= 0) {
      this.diagnostics.push(
        new Diagnostic(
          'error',
          107,
          'missing function argument',
          [
            Label.primary(
              `required argument missing: "${(parameters[missing] as Parameter).keyword}" (position ${missing})`,
              callSpan.start,
              callSpan.end,
            ),
          ],
          [],
        ),
      );
      return undefined;
    }
    const closure = this.checkClosure(definition, call, callSpan, list, state);
    if (closure === false) return undefined;
    return { definition, argumentExpressions, argumentsText, list, uncertain, closure };
  }

  private checkClosure(
    definition: VrlFunction,
    call: Ast.FunctionCall,
    callSpan: Ast.Span,
    list: Map<string, { expression: Expr }>,
    state: TypeState,
  ): { input: ClosureInput; variables: string[] } | undefined | false {
    const closure = call.closure;
    if (definition.closure === undefined) {
      if (closure === undefined) return undefined;
      this.diagnostics.push(
        new Diagnostic(
          'error',
          109,
          'unexpected closure',
          [
            Label.primary('unexpected closure', closure.variablesSpan.start, closure.span.end),
            Label.context('this function does not accept a closure', callSpan.start, callSpan.end),
          ],
          [],
        ),
      );
      return false;
    }
    if (closure === undefined) {
      const example = definition.closure.inputs[0]?.example;
      this.diagnostics.push(
        new Diagnostic(
          'error',
          111,
          'missing closure',
          [Label.primary('this function expects a closure', callSpan.start, callSpan.end)],
          example === undefined ? [] : [Note.example(example)],
        ),
      );
      return false;
    }
    let matched: { input: ClosureInput; target: Expr } | undefined;
    let mismatch: Kind | undefined;
    for (const input of definition.closure.inputs) {
      const argument = list.get(input.parameterKeyword);
      if (argument === undefined) continue;
      const typeDef = argument.expression.typeInfo(state).result;
      if (input.kind.isSuperset(typeDef.kind) !== undefined) {
        mismatch = typeDef.kind;
        continue;
      }
      matched = { input, target: argument.expression };
      break;
    }
    if (matched === undefined) {
      this.diagnostics.push(
        new Diagnostic(
          'error',
          121,
          'type mismatch in closure parameter',
          [
            Label.primary(
              'the closure tied to this function call expects a different input value',
              callSpan.start,
              callSpan.end,
            ),
            Label.context(
              `expression has an inferred type of ${mismatch ?? Kind.any()} where an array or object was expected`,
              callSpan.start,
              callSpan.end,
            ),
          ],
          [],
        ),
      );
      return false;
    }
    const { input, target } = matched;
    const variables = closure.variables;
    if (input.variables.length !== variables.length) {
      const first = variables[0];
      const last = variables[variables.length - 1];
      const span =
        first === undefined || last === undefined
          ? callSpan
          : { start: first.span.start, end: last.span.end };
      this.diagnostics.push(
        new Diagnostic(
          'error',
          120,
          'invalid closure arity',
          [
            Label.primary(
              `this function requires a closure with ${input.variables.length} argument(s)`,
              call.nameSpan.start,
              call.nameSpan.end,
            ),
            Label.context(`but ${variables.length} argument(s) are supplied`, span.start, span.end),
          ],
          [],
        ),
      );
      return false;
    }
    const targetType = target.typeInfo(state).result;
    input.variables.forEach((variable, index) => {
      const name = (variables[index] as { name: string }).name;
      let typeDef: TypeDef;
      let value: Value | undefined;
      switch (variable.type) {
        case 'exact':
          typeDef = TypeDef.of(variable.kind);
          break;
        case 'target':
          typeDef = targetType;
          value = target.resolveConstant(state);
          break;
        case 'target inner value': {
          const kind = targetType.kind;
          typeDef = TypeDef.of(
            kind.object !== undefined
              ? kind.object.reducedKind()
              : kind.array !== undefined
                ? kind.array.reducedKind()
                : Kind.any(),
          );
          break;
        }
        default: {
          const kind = targetType.kind;
          let result = Kind.never();
          if (kind.isCollection()) {
            if (kind.object !== undefined) result.bytes = true;
            if (kind.array !== undefined) result.integer = true;
          } else {
            result = Kind.any();
          }
          typeDef = TypeDef.of(result);
        }
      }
      state.local = state.local.with(name, { typeDef, value });
    });
    return { input, variables: variables.map((variable) => variable.name) };
  }

  /** `Builder::compile`: the closure's block, the function's own compile, the E620 warning. */
  private finishCall(
    call: Ast.FunctionCall,
    callSpan: Ast.Span,
    built: BuiltCall,
    closureBlock: { block: BlockExpr; typeDef: TypeDef; span: Ast.Span } | undefined,
    stateBefore: TypeState,
    localSnapshot: TypeState['local'],
    state: TypeState,
  ): FunctionCallExpr | undefined {
    let compiledClosure: CompiledClosure | undefined;
    let closureFallible = false;
    if (built.closure !== undefined && closureBlock !== undefined) {
      for (const name of built.closure.variables) {
        const previous = localSnapshot.variable(name);
        state.local = previous === undefined ? state.local.without(name) : state.local.with(name, previous);
      }
      closureFallible = closureBlock.typeDef.isFallible();
      const expected = built.closure.input.output;
      const found = closureBlock.typeDef.kind.union(closureBlock.typeDef.returns);
      if (expected.isSuperset(found) !== undefined) {
        const span = closureBlock.span;
        this.diagnostics.push(
          new Diagnostic(
            'error',
            122,
            'type mismatch in closure return type',
            [
              Label.primary('block returns invalid value type', span.start, span.end),
              Label.context(`expected: ${expected}`, span.start, span.end),
              Label.context(`received: ${found}`, span.start, span.end),
            ],
            [],
          ),
        );
        return undefined;
      }
      compiledClosure = new CompiledClosure(built.closure.variables, closureBlock.block);
      this.closures.push(compiledClosure);
    }

    const site = this.compileCallSite(built, callSpan, stateBefore, compiledClosure, closureBlock?.typeDef);
    let compiled: CompiledCall;
    try {
      compiled = built.definition.compile(site);
    } catch (error) {
      if (!(error instanceof FunctionCompileError)) throw error;
      this.diagnostics.push(
        new Diagnostic(
          'error',
          610,
          `function compilation error: error[E${error.code}] ${error.reason}`,
          functionCompileLabels(error, callSpan),
          functionCompileNotes(error),
        ),
      );
      return undefined;
    }
    const byteSpan = {
      start: this.options.byteOffset(callSpan.start),
      end: this.options.byteOffset(callSpan.end),
    };
    const expression = new FunctionCallExpr(
      callSpan,
      built.definition.name,
      byteSpan,
      call.abortOnError,
      built.argumentExpressions.map(({ expression: argument }) => argument),
      built.argumentsText,
      compiled,
      built.uncertain.length > 0,
      closureFallible,
      compiledClosure,
    );

    if (call.abortOnError && built.uncertain.length === 0) {
      const own = typeof compiled.typeDef === 'function' ? compiled.typeDef(stateBefore) : compiled.typeDef;
      const ownInfo = compiled.typeInfo?.(stateBefore.clone()).result ?? own;
      if (!ownInfo.isFallible()) {
        const nameSpan = call.nameSpan;
        this.diagnostics.push(
          new Diagnostic(
            'warning',
            620,
            "can't abort infallible function",
            [
              Label.primary("this function can't fail", nameSpan.start, nameSpan.end),
              Label.context('remove this abort (!) instruction', nameSpan.end, nameSpan.end + 1),
            ],
            [Note.seeErrorDocs],
          ),
        );
      }
    }
    const first = built.uncertain[0];
    if (first !== undefined && !call.abortOnError) {
      const context: InvalidArgumentContext = {
        functionName: built.definition.name,
        abortOnError: false,
        argumentsText: built.argumentsText,
        parameter: first.parameter,
        got: first.expression.typeInfo(stateBefore).result.kind,
        argumentText: first.expression.toString(),
        expressionSpan: { start: first.node.value.start, end: first.node.value.end },
        argumentSpan: first.node.keyword?.span ?? {
          start: first.node.value.start,
          end: first.node.value.end,
        },
      };
      this.pending.push({ type: 'invalid argument', context });
    }
    return expression;
  }

  private compileCallSite(
    built: BuiltCall,
    span: Ast.Span,
    stateBefore: TypeState,
    closure: CompiledClosure | undefined,
    closureTypeDef: TypeDef | undefined,
  ): CompileCall {
    const argumentsByKeyword = new Map<string, Argument>();
    for (const [keyword, { expression, node }] of built.list) {
      // A function given a path into a variable may change it in place (`del(x.y)`).
      if (
        expression instanceof QueryExpr &&
        expression.target.type === 'internal' &&
        expression.path.length > 0
      ) {
        this.mutatedVariables.add(expression.target.variable.name);
      }
      argumentsByKeyword.set(
        keyword,
        new CompiledArgument(keyword, expression, node, stateBefore, this.emitContext),
      );
    }
    const site: CompileCall = {
      name: built.definition.name,
      span,
      state: stateBefore,
      arguments: argumentsByKeyword,
      closure,
      closureTypeDef,
      argument: (keyword) => argumentsByKeyword.get(keyword),
      required: (keyword) => {
        const argument = argumentsByKeyword.get(keyword);
        if (argument === undefined)
          throw new Error(`function ${built.definition.name}: "${keyword}" is not a required parameter`);
        return argument;
      },
      literal: (keyword) => {
        const argument = argumentsByKeyword.get(keyword);
        if (argument === undefined) return undefined;
        if (argument.constant === undefined) {
          throw unexpectedExpression(
            keyword,
            'literal',
            built.list.get(keyword)?.expression.kindName ?? 'expression',
          );
        }
        return argument.constant;
      },
      enumValue: (keyword, variants) => {
        const value = site.literal(keyword);
        if (value === undefined) return undefined;
        if (!variants.some((variant) => valuesEqual(variant, value)))
          throw invalidEnumVariant(keyword, value, variants);
        return value;
      },
      invalidArgument: (keyword, value, error) => invalidArgument(keyword, value, error),
      query: (keyword) => {
        const argument = argumentsByKeyword.get(keyword);
        if (argument?.query === undefined) {
          throw unexpectedExpression(
            keyword,
            'query',
            built.list.get(keyword)?.expression.kindName ?? 'expression',
          );
        }
        return argument.query;
      },
      isReadOnly: (reference) =>
        (reference.kind === 'event' || reference.kind === 'metadata') &&
        this.isReadOnlyPath({ type: 'external', prefix: reference.kind, path: [...reference.path] }),
    };
    return site;
  }
}

interface BuiltCall {
  definition: VrlFunction;
  argumentExpressions: { node: Ast.FunctionArgument; expression: Expr }[];
  argumentsText: string[];
  list: Map<string, { expression: Expr; node: Ast.FunctionArgument; parameter: Parameter }>;
  uncertain: { parameter: Parameter; node: Ast.FunctionArgument; expression: Expr }[];
  closure: { input: ClosureInput; variables: string[] } | undefined;
}

/** An argument as a function's `compile` sees it, its closure already built. */
class CompiledArgument implements Argument {
  readonly typeDef: TypeDef;
  readonly constant: Value | undefined;
  readonly query: QueryReference | undefined;
  readonly text: string;
  readonly span: Ast.Span;
  readonly evaluate: Evaluate;

  constructor(
    readonly keyword: string,
    readonly expression: Expr,
    node: Ast.FunctionArgument,
    state: TypeState,
    emitContext: EmitContext,
  ) {
    this.typeDef = expression.typeInfo(state).result;
    this.constant = expression.resolveConstant(state);
    this.text = expression.toString();
    this.span = { start: node.value.start, end: node.value.end };
    this.query = expression instanceof QueryExpr ? queryReference(expression, emitContext) : undefined;
    this.evaluate = expression.emit(emitContext);
  }
}

function queryReference(query: QueryExpr, emitContext: EmitContext): QueryReference {
  const target = query.target;
  const path = query.path;
  const kind =
    target.type === 'external' ? target.prefix : target.type === 'internal' ? 'variable' : 'expression';
  const slot = target.type === 'internal' ? emitContext.slot(target.variable.name) : -1;
  const expressionRoot = target.type === 'expression' ? target.expression.emit(emitContext) : undefined;
  const reference: QueryReference = {
    kind,
    path,
    get(context) {
      const root =
        target.type === 'external'
          ? target.prefix === 'event'
            ? context.event
            : context.metadata
          : target.type === 'internal'
            ? (context.variables[slot] ?? null)
            : undefined;
      return root === undefined ? undefined : getPath(root, path);
    },
    remove(context, compact) {
      if (target.type === 'expression') return undefined;
      if (target.type === 'internal') {
        const holder = { root: (context.variables[slot] ?? null) as Value };
        const removed = removePath(holder, path, compact);
        context.variables[slot] = holder.root;
        return removed;
      }
      const holder = { root: target.prefix === 'event' ? writableEvent(context) : writableMetadata(context) };
      const removed = removePath(holder, path, compact);
      if (target.prefix === 'event') context.event = holder.root;
      else context.metadata = holder.root;
      return removed;
    },
    deleteType(state, compact) {
      if (target.type !== 'external') return;
      if (target.prefix === 'event') {
        const kind = state.external.target.typeDef.kind.clone();
        kind.remove(path, compact);
        state.external = state.external.withTarget({
          typeDef: state.external.target.typeDef.withKind(kind),
          value: undefined,
        });
      } else {
        const kind = state.external.metadata.clone();
        kind.remove(path, compact);
        state.external = state.external.withMetadata(kind);
      }
    },
    applyTypeInfo(state) {
      return query.applyTypeInfo(state);
    },
    root(context) {
      if (target.type === 'external') return target.prefix === 'event' ? context.event : context.metadata;
      if (target.type === 'internal') return context.variables[slot] ?? null;
      return (expressionRoot as Evaluate)(context);
    },
    rootTypeDef(state) {
      if (target.type === 'external') return TypeDef.of(state.external.kind(target.prefix));
      if (target.type === 'internal') return target.variable.typeDef(state);
      return target.expression.typeInfo(state).result;
    },
  };
  return reference;
}

function fallibleArgumentOf(keyword: 'abort' | 'return', span: Ast.Span): Diagnostic {
  const noun = keyword === 'abort' ? 'an abort message' : 'a return value';
  return new Diagnostic(
    'error',
    631,
    'unhandled fallible expression',
    [
      Label.primary(`${keyword} only accepts an infallible expression argument`, span.start, span.end),
      Label.context(`handle errors before using the expression as ${noun}`, span.start, span.end),
    ],
    [Note.seeErrorDocs],
  );
}

function unnecessaryNoop(targetSpan: Ast.Span, valueSpan: Ast.Span, assignmentSpan: Ast.Span): Diagnostic {
  return new Diagnostic(
    'error',
    640,
    'unnecessary no-op assignment',
    [
      Label.primary('this no-op assignment has no effect', valueSpan.start, valueSpan.end),
      Label.context('either assign to a path or variable here', targetSpan.start, targetSpan.end),
      Label.context('or remove the assignment', assignmentSpan.start, assignmentSpan.end),
    ],
    [],
  );
}

function fallibleAssignment(
  target: string,
  expression: string,
  valueSpan: Ast.Span,
  assignmentSpan: Ast.Span,
  fallibility: PendingFallibility,
): Diagnostic {
  const labels = [
    Label.primary(
      "this expression is fallible because at least one argument's type cannot be verified to be valid",
      valueSpan.start,
      valueSpan.end,
    ),
  ];
  if (fallibility.type === 'invalid argument') {
    const context = fallibility.context;
    const helper = 'update the expression to be infallible by adding a `!`';
    if (context.argumentsText.length === 0) {
      labels.push(Label.primary(helper, valueSpan.start, valueSpan.end));
    } else {
      labels.push(
        Label.primary(
          `\`${context.argumentsText[0]}\` argument type is \`${context.got}\` and this function expected a parameter \`${context.parameter.keyword}\` of type \`${kindOfFlags(context.parameter.kind)}\``,
          valueSpan.start,
          valueSpan.end,
        ),
      );
      const fixed = expression.replace(context.functionName, `${context.functionName}!`);
      labels.push(Label.primary(`${helper}: \`${fixed}\``, valueSpan.start, valueSpan.end));
    }
  }
  labels.push(
    Label.context('or change this to an infallible assignment:', assignmentSpan.start, assignmentSpan.end),
    Label.context(`${target}, err = ${expression}`, assignmentSpan.start, assignmentSpan.end),
  );
  return new Diagnostic('error', 103, 'unhandled fallible assignment', labels, [
    Note.seeErrorDocs,
    Note.seeFunctionCharacteristics,
  ]);
}

/** An assignment target as VRL's parser prints it (`foo.bar` prints as `foobar`, `%` as `&`). */
function formatAstTarget(target: Ast.AssignmentTarget): string {
  if (target.type === 'noop') return '_';
  if (target.type === 'internal') return target.name;
  const query = target.query;
  const path = formatPath(query.path);
  switch (query.target.type) {
    case 'external':
      return `${query.target.prefix === 'event' ? '.' : '&'}${path}`;
    case 'internal':
      return `${query.target.name}${path}`;
    default:
      return path;
  }
}

function queryKey(query: Ast.Query): string {
  const target = query.target;
  const prefix =
    target.type === 'external' ? target.prefix : target.type === 'internal' ? `variable:${target.name}` : '';
  return `${prefix}${JSON.stringify(query.path)}`;
}

function startsWith(path: readonly Segment[], prefix: readonly Segment[]): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((segment, index) => sameSegment(segment, path[index] as Segment));
}

function samePath(a: readonly Segment[], b: readonly Segment[]): boolean {
  return a.length === b.length && startsWith(a, b);
}

function sameSegment(a: Segment, b: Segment): boolean {
  return 'field' in a ? 'field' in b && a.field === b.field : 'index' in b && a.index === b.index;
}

/** Rewrites a template string into concatenations of its texts and variables. */
function templateToExpression(segments: readonly Ast.TemplateSegment[], span: Ast.Span): Node {
  if (segments.length === 0) return { type: 'literal', literal: { type: 'raw string', value: '' }, ...span };
  const parts: Node[] = segments.map((segment) =>
    segment.type === 'text'
      ? { type: 'literal', literal: { type: 'raw string', value: segment.value }, ...segment.span }
      : { type: 'variable', name: segment.name, ...segment.span },
  );
  let result = parts[0] as Node;
  for (let index = 1; index < parts.length; index++) {
    const item = parts[index] as Node;
    result = {
      type: 'op',
      left: result,
      operator: '+',
      operatorSpan: { start: item.start, end: item.end },
      right: item,
      start: result.start,
      end: item.end,
    };
  }
  return result;
}
