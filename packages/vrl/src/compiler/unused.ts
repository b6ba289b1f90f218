import { Diagnostic, Label } from '../diagnostic/diagnostic.js';
import type * as Ast from '../parser/ast.js';
import { displayAst, displayCall, displayLiteral } from '../parser/display.js';

/**
 * VRL's unused-expression check (`unused_expression_checker.rs`): warnings (E900) for a literal,
 * an object or a function result nobody uses, and for a variable assigned but never read.
 * Programs still compile; Vector logs the warnings.
 */

const SIDE_EFFECT_FUNCTIONS = new Set(['del', 'log', 'assert', 'assert_eq', 'set_semantic_meaning']);

interface IdentState {
  span: Ast.Span;
  pendingUsage: boolean;
  usedInClosure: boolean;
}

class VisitorState {
  level = 0;
  readonly expectingResult = new Map<number, boolean>();
  readonly withinBlock = new Map<number, boolean>();
  readonly identifiers = new Map<string, IdentState>();
  visitingClosure = false;
  readonly diagnostics: Diagnostic[] = [];

  isUnused(): boolean {
    return this.expectingResult.get(this.level) !== true;
  }

  isWithinBlock(): boolean {
    return this.withinBlock.get(this.level) === true;
  }

  enterBlock(): void {
    this.level++;
    this.withinBlock.set(this.level, true);
  }

  exitingBlock(): void {
    this.withinBlock.set(this.level, false);
    this.level--;
  }

  markPendingUsage(name: string, span: Ast.Span): void {
    if (name === '' || name.startsWith('_') || this.identifiers.has(name)) return;
    this.identifiers.set(name, { span, pendingUsage: true, usedInClosure: this.visitingClosure });
  }

  markUsed(name: string): void {
    if (name === '' || name.startsWith('_')) return;
    const state = this.identifiers.get(name);
    if (state === undefined) return;
    state.pendingUsage = false;
    if (this.visitingClosure) state.usedInClosure = true;
  }

  warn(message: string, span: Ast.Span): void {
    this.diagnostics.push(
      new Diagnostic(
        'warning',
        900,
        message,
        [Label.primary('help: use the result of this expression or remove it', span.start, span.end)],
        ['this expression has no side-effects'],
      ),
    );
  }

  scoped(body: () => void): void {
    this.level++;
    this.expectingResult.set(this.level, true);
    body();
    this.expectingResult.set(this.level, false);
    this.level--;
  }
}

export function unusedExpressionWarnings(program: Ast.Program): Diagnostic[] {
  const state = new VisitorState();
  const roots = program.expressions;
  roots.forEach((root, index) => {
    const last = index === roots.length - 1;
    if (last) {
      state.level++;
      state.expectingResult.set(state.level, true);
    }
    if (root.type === 'expression') visit(root.expression, state);
    if (last) {
      state.level--;
      state.expectingResult.set(state.level, false);
    }
  });
  const names = [...state.identifiers.keys()].sort();
  for (const name of names) {
    const identifier = state.identifiers.get(name) as IdentState;
    if (identifier.pendingUsage && !identifier.usedInClosure)
      state.warn(`unused variable \`${name}\``, identifier.span);
  }
  return state.diagnostics;
}

function visit(node: Ast.Expression, state: VisitorState): void {
  const span = { start: node.start, end: node.end };
  switch (node.type) {
    case 'literal':
      if (node.literal.type === 'string') {
        for (const segment of node.literal.segments)
          if (segment.type === 'template') state.markUsed(segment.name);
      }
      if (state.isUnused()) state.warn(`unused literal \`${displayLiteral(node.literal)}\``, span);
      return;
    case 'container':
      visitContainer(node, state);
      return;
    case 'if':
      state.scoped(() => visitIf(node.statement, state));
      return;
    case 'op':
      visit(node.left, state);
      state.scoped(() => visit(node.right, state));
      return;
    case 'not':
      visit(node.operand, state);
      return;
    case 'assignment':
      visitAssignment(node.assignment, state);
      return;
    case 'query': {
      const target = node.query.target;
      if (target.type === 'internal') {
        if (!state.isUnused()) state.markUsed(target.name);
      } else if (target.type === 'call') {
        visitCall(target.call, node.query.targetSpan, state);
      }
      return;
    }
    case 'call':
      visitCall(node.call, span, state);
      return;
    case 'variable':
      state.markUsed(node.name);
      return;
    case 'abort':
      return;
    default: {
      state.level++;
      const level = state.level;
      state.expectingResult.set(level, true);
      visit(node.value, state);
      state.expectingResult.set(level, false);
      state.level--;
    }
  }
}

function visitContainer(node: Extract<Ast.Expression, { type: 'container' }>, state: VisitorState): void {
  const container = node.container;
  switch (container.type) {
    case 'group':
      visit(container.expression, state);
      return;
    case 'block':
      visitBlock(container.expressions, state);
      return;
    case 'array':
      for (const item of container.items) visit(item, state);
      return;
    default: {
      if (state.isUnused())
        state.warn(`unused object \`${displayAst(node)}\``, { start: node.start, end: node.end });
      const values = [...new Map(container.entries.map((entry) => [entry.key, entry.value]))]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, value]) => value);
      for (const value of values) state.scoped(() => visit(value, state));
    }
  }
}

function visitBlock(expressions: readonly Ast.Expression[], state: VisitorState): void {
  if (expressions.length === 0) return;
  state.enterBlock();
  expressions.forEach((expression, index) => {
    if (index === expressions.length - 1) state.exitingBlock();
    visit(expression, state);
  });
}

function visitIf(statement: Ast.IfStatement, state: VisitorState): void {
  if (statement.predicate.type === 'one') visit(statement.predicate.expression, state);
  else for (const expression of statement.predicate.expressions) visit(expression, state);
  state.scoped(() => visitBlock(statement.consequent.expressions, state));
  const alternative = statement.alternative;
  if (alternative !== undefined) state.scoped(() => visitBlock(alternative.expressions, state));
}

function visitAssignment(assignment: Ast.Assignment, state: VisitorState): void {
  state.level++;
  const level = state.level;
  state.expectingResult.set(level, true);
  const targets = assignment.type === 'single' ? [assignment.target] : [assignment.ok, assignment.error];
  for (const target of targets) {
    if (target.type === 'query') {
      if (target.query.target.type === 'internal')
        state.markPendingUsage(target.query.target.name, target.query.targetSpan);
    } else if (target.type === 'internal') {
      if (assignment.operator === '=') state.markPendingUsage(target.name, target.span);
      else state.markUsed(target.name);
    }
  }
  visit(assignment.value, state);
  state.expectingResult.set(level, false);
  state.level--;
}

function visitCall(call: Ast.FunctionCall, span: Ast.Span, state: VisitorState): void {
  for (const argument of call.arguments) {
    state.level++;
    state.expectingResult.set(state.level, true);
    visit(argument.value, state);
    state.expectingResult.set(state.level, false);
    state.level--;
  }
  const inBlock = !call.abortOnError && state.isWithinBlock();
  if (inBlock) state.expectingResult.set(state.level, true);
  if (!SIDE_EFFECT_FUNCTIONS.has(call.name)) {
    const closure = call.closure;
    if (closure !== undefined) {
      state.visitingClosure = true;
      for (const variable of closure.variables) state.markPendingUsage(variable.name, variable.span);
      state.expectingResult.set(state.level, true);
      visitBlock(closure.block.expressions, state);
      state.expectingResult.set(state.level, false);
    } else if (state.isUnused()) {
      state.warn(`unused result for function call \`${displayCall(call)}\``, span);
    }
    state.visitingClosure = false;
  }
  if (inBlock) state.expectingResult.set(state.level, false);
}
