import { formatPath } from '../compiler/expressions.js';
import { formatFloat } from '../value/display.js';
import type { AssignmentTarget, Expression, FunctionCall, Literal, Query } from './ast.js';

/** An expression as VRL's parser prints it (its AST `Display`), for warnings that quote source. */
export function displayAst(expression: Expression): string {
  switch (expression.type) {
    case 'literal':
      return displayLiteral(expression.literal);
    case 'container': {
      const container = expression.container;
      switch (container.type) {
        case 'group':
          return `(${displayAst(container.expression)})`;
        case 'block':
          return `{\n${container.expressions.map((item) => `\t${displayAst(item)}`).join('\n')}\n}`;
        case 'array':
          return `[${container.items.map(displayAst).join(', ')}]`;
        default: {
          const entries = [...new Map(container.entries.map((entry) => [entry.key, entry.value]))]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([key, value]) => `"${key}": ${displayAst(value)}`);
          return `{ ${entries.join(', ')} }`;
        }
      }
    }
    case 'if': {
      const statement = expression.statement;
      const predicate =
        statement.predicate.type === 'one'
          ? displayAst(statement.predicate.expression)
          : `(${statement.predicate.expressions.map(displayAst).join('; ')})`;
      const block = (expressions: Expression[]): string =>
        `{\n${expressions.map((item) => `\t${displayAst(item)}`).join('\n')}\n}`;
      let text = `if ${predicate} ${block(statement.consequent.expressions)}`;
      if (statement.alternative !== undefined) text += ` else${block(statement.alternative.expressions)}`;
      return text;
    }
    case 'op':
      return `${displayAst(expression.left)} ${expression.operator} ${displayAst(expression.right)}`;
    case 'assignment': {
      const assignment = expression.assignment;
      if (assignment.type === 'single') {
        return `${displayTarget(assignment.target)} ${assignment.operator} ${displayAst(assignment.value)}`;
      }
      return `${displayTarget(assignment.ok)}, ${displayTarget(assignment.error)} ${assignment.operator} ${displayAst(assignment.value)}`;
    }
    case 'query':
      return displayQuery(expression.query);
    case 'call':
      return displayCall(expression.call);
    case 'variable':
      return expression.name;
    case 'not':
      return `!${displayAst(expression.operand)}`;
    case 'abort':
      return expression.message === undefined ? 'abort' : `abort: ${displayAst(expression.message)}`;
    default:
      return `return ${displayAst(expression.value)}`;
  }
}

export function displayLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'string':
      return `"${literal.segments.map((segment) => (segment.type === 'text' ? segment.value : `{{ ${segment.name} }}`)).join('')}"`;
    case 'raw string':
      return `s'${literal.value}'`;
    case 'integer':
      return String(literal.value);
    case 'float':
      return formatFloat(literal.value);
    case 'boolean':
      return String(literal.value);
    case 'regex':
      return `r'${literal.pattern}'`;
    case 'timestamp':
      return `t'${literal.text}'`;
    default:
      return 'null';
  }
}

function displayQuery(query: Query): string {
  const target = query.target;
  const path = formatPath(query.path);
  switch (target.type) {
    case 'external':
      return `${target.prefix === 'event' ? '.' : '&'}${path}`;
    case 'internal':
      return `${target.name}${path}`;
    case 'call':
      return `${displayCall(target.call)}${path}`;
    default:
      return `${displayAst({ type: 'container', container: target.container, ...query.targetSpan })}${path}`;
  }
}

function displayTarget(target: AssignmentTarget): string {
  if (target.type === 'noop') return '_';
  if (target.type === 'internal') return target.name;
  return displayQuery(target.query);
}

export function displayCall(call: FunctionCall): string {
  const argumentsText = call.arguments
    .map(
      (argument) =>
        `${argument.keyword === undefined ? '' : `${argument.keyword.name}: `}${displayAst(argument.value)}`,
    )
    .join(', ');
  let text = `${call.name}(${argumentsText})`;
  if (call.closure !== undefined) {
    const variables = call.closure.variables.map((variable) => variable.name).join(', ');
    const body = call.closure.block.expressions.map((item) => `\t${displayAst(item)}`).join('\n');
    text += ` -> |${variables}| {\n${body}\n}`;
  }
  return text;
}
