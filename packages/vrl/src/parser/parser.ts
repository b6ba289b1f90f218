import { Diagnostic, Label } from '../diagnostic/diagnostic.js';
import type { Segment } from '../type/kind.js';
import type {
  Assignment,
  AssignmentTarget,
  Closure,
  Container,
  Expression,
  FunctionArgument,
  FunctionCall,
  IfStatement,
  Opcode,
  Predicate,
  Program,
  Query,
  RootExpression,
  Span,
  TemplateSegment,
} from './ast.js';
import { LexError, type Token, type TokenType, tokenDisplayName, tokenize, unescapeString } from './lexer.js';

/**
 * How deep expressions may nest (brackets, blocks, operator chains): deeper programs are refused
 * with a syntax error instead of exhausting the stack of the compiler's recursive passes.
 */
export const MAX_NESTING_DEPTH = 200;

/** A syntax error: the root expression is dropped and parsing resumes at the next one. */
class ParseFailure extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** The result of parsing: the program, or the lexer error that refused all of it. */
export type ParseResult = { program: Program } | { error: Diagnostic };

/**
 * Parses a VRL program (the grammar of `vrl/src/parser/parser.lalrpop`, by recursive descent).
 * Syntax errors are kept as root expressions, as VRL's error recovery does, so the compiler
 * reports them with its own diagnostics; an invalid literal refuses the whole program.
 */
export function parse(source: string): ParseResult {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch (error) {
    if (error instanceof LexError) return { error: error.diagnostic };
    throw error;
  }
  return { program: new Parser(tokens).program() };
}

const EXPRESSION_START: readonly string[] = [
  '"!"',
  '"("',
  '"["',
  '"abort"',
  '"false"',
  '"float literal"',
  '"function call"',
  '"identifier"',
  '"if"',
  '"integer literal"',
  '"null"',
  '"path literal"',
  '"raw string literal"',
  '"regex literal"',
  '"return"',
  '"string literal"',
  '"timestamp literal"',
  '"true"',
  '"{"',
];

const FIELD_TOKENS = new Set<TokenType>([
  'identifier',
  'path field',
  'string literal',
  'reserved identifier',
  'if',
  'else',
  'null',
  'true',
  'false',
  'abort',
  'return',
]);

const ANY_IDENTIFIER = new Set<TokenType>([
  'identifier',
  'reserved identifier',
  'if',
  'else',
  'null',
  'true',
  'false',
  'abort',
  'return',
]);

const LITERALS = new Set<TokenType>([
  'string literal',
  'raw string literal',
  'integer literal',
  'float literal',
  'true',
  'false',
  'null',
  'regex literal',
  'timestamp literal',
]);

const BINARY_LEVELS: readonly (readonly Opcode[])[] = [
  ['??'],
  ['||', '&&'],
  ['!=', '=='],
  ['>=', '>', '<=', '<'],
  ['|'],
  ['+', '-'],
  ['*', '/'],
];

class Parser {
  private position = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.position] as Token;
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)] as Token;
  }

  private advance(): Token {
    const token = this.token;
    if (token.type !== 'end') this.position++;
    return token;
  }

  private at(type: TokenType): boolean {
    return this.token.type === type;
  }

  private atOperator(operator: string): boolean {
    return this.token.type === 'operator' && this.token.text === operator;
  }

  private skipNewlines(): void {
    while (this.at('\n')) this.advance();
  }

  private expect(type: TokenType, expected: readonly string[]): Token {
    if (!this.at(type)) throw this.unexpected(expected);
    return this.advance();
  }

  private unexpected(expected: readonly string[]): ParseFailure {
    const token = this.token;
    const list = `expected one of: ${expected.join(', ')}`;
    if (token.type === 'end') {
      return new ParseFailure(
        new Diagnostic(
          'error',
          204,
          'syntax error',
          [
            Label.primary('unexpected end of program', token.start, token.start),
            Label.context(list, token.start, token.start),
          ],
          [],
        ),
      );
    }
    if (token.type === 'reserved identifier') {
      return new ParseFailure(
        new Diagnostic(
          'error',
          205,
          'reserved keyword',
          [
            Label.primary(
              'this identifier name is reserved for future use in the language',
              token.start,
              token.end,
            ),
            Label.context('use a different name instead', token.start, token.end),
          ],
          [],
        ),
      );
    }
    return new ParseFailure(
      new Diagnostic(
        'error',
        203,
        'syntax error',
        [
          Label.primary(`unexpected syntax token: "${tokenDisplayName(token)}"`, token.start, token.end),
          Label.context(list, token.start, token.end),
        ],
        [],
      ),
    );
  }

  private enter(span: Span): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      throw new ParseFailure(
        new Diagnostic(
          'error',
          203,
          'syntax error',
          [
            Label.primary(
              `expressions nest more than ${MAX_NESTING_DEPTH} levels deep`,
              span.start,
              span.end,
            ),
          ],
          [],
        ),
      );
    }
  }

  program(): Program {
    const expressions: RootExpression[] = [];
    this.skipNewlines();
    while (!this.at('end')) {
      const start = this.position;
      try {
        this.depth = 0;
        const expression = this.expression();
        if (!this.at('end')) this.endOfExpression();
        expressions.push({ type: 'expression', expression });
      } catch (error) {
        if (!(error instanceof ParseFailure)) throw error;
        expressions.push({ type: 'error', diagnostic: error.diagnostic });
        this.recover(start);
      }
    }
    return { expressions };
  }

  /** Drops tokens up to the end of the broken root expression (a newline or `;` outside brackets). */
  private recover(start: number): void {
    let nesting = 0;
    if (this.position === start) this.advance();
    while (!this.at('end')) {
      const type = this.token.type;
      if (nesting <= 0 && (type === '\n' || type === ';')) {
        this.advance();
        this.skipNewlines();
        return;
      }
      if (type === '(' || type === '[' || type === '{') nesting++;
      if (type === ')' || type === ']' || type === '}') nesting--;
      this.advance();
    }
  }

  private endOfExpression(): void {
    if (this.at('\n')) {
      this.skipNewlines();
      return;
    }
    if (this.at(';')) {
      this.advance();
      this.skipNewlines();
      return;
    }
    throw this.unexpected(['"\\n"', '";"', ...binaryOperatorsAfter()]);
  }

  /** `Expr`: an if statement, `abort`, `return`, an assignment or an operation. */
  private expression(): Expression {
    const start = this.token;
    this.enter(start);
    try {
      if (this.at('if')) return this.ifStatement();
      if (this.at('abort')) {
        const abort = this.advance();
        if (this.startsExpression()) {
          const message = this.expression();
          return { type: 'abort', message, start: abort.start, end: message.end };
        }
        return { type: 'abort', message: undefined, start: abort.start, end: abort.end };
      }
      if (this.at('return')) {
        const keyword = this.advance();
        const value = this.expression();
        return { type: 'return', value, start: keyword.start, end: value.end };
      }
      return this.assignmentExpression();
    } finally {
      this.depth--;
    }
  }

  private startsExpression(): boolean {
    const type = this.token.type;
    if (LITERALS.has(type)) return true;
    return (
      type === 'identifier' ||
      type === 'path field' ||
      type === 'function call' ||
      type === 'if' ||
      type === 'abort' ||
      type === 'return' ||
      type === '.' ||
      type === '%' ||
      type === '(' ||
      type === '[' ||
      type === '{' ||
      type === '!' ||
      type === '_'
    );
  }

  private assignmentExpression(): Expression {
    if (this.at('_')) {
      const noop = this.advance();
      return this.assignmentRest({ type: 'noop', span: { start: noop.start, end: noop.end } });
    }
    const expression = this.arithmetic();
    if (this.at('=') || this.at('|=') || this.at(',')) {
      const target = this.toTarget(expression);
      if (target === undefined) throw this.unexpected(['"\\n"', '";"', ...binaryOperatorsAfter()]);
      return this.assignmentRest(target);
    }
    return expression;
  }

  private assignmentRest(first: AssignmentTarget): Expression {
    if (this.at(',')) {
      this.advance();
      const errorTarget = this.assignmentTarget();
      const operator = this.assignmentOperator();
      this.skipNewlines();
      const value = this.expression();
      const assignment: Assignment = { type: 'infallible', ok: first, error: errorTarget, operator, value };
      return { type: 'assignment', assignment, start: first.span.start, end: value.end };
    }
    const operator = this.assignmentOperator();
    this.skipNewlines();
    const value = this.expression();
    return {
      type: 'assignment',
      assignment: { type: 'single', target: first, operator, value },
      start: first.span.start,
      end: value.end,
    };
  }

  private assignmentOperator(): '=' | '|=' {
    if (this.at('=')) {
      this.advance();
      return '=';
    }
    if (this.at('|=')) {
      this.advance();
      return '|=';
    }
    throw this.unexpected(['"="', '"|="']);
  }

  private assignmentTarget(): AssignmentTarget {
    if (this.at('_')) {
      const noop = this.advance();
      return { type: 'noop', span: { start: noop.start, end: noop.end } };
    }
    const expression = this.term();
    const target = this.toTarget(expression);
    if (target === undefined) throw this.unexpected(['"="', '"|="']);
    return target;
  }

  private toTarget(expression: Expression): AssignmentTarget | undefined {
    const span = { start: expression.start, end: expression.end };
    if (expression.type === 'variable') return { type: 'internal', name: expression.name, span };
    if (expression.type === 'query') return { type: 'query', query: expression.query, span };
    return undefined;
  }

  /** `ArithmeticExpr`: binary operators by precedence, left-associative. */
  private arithmetic(level = 0): Expression {
    const operators = BINARY_LEVELS[level];
    if (operators === undefined) return this.not();
    let left = this.arithmetic(level + 1);
    let chain = 0;
    while (this.token.type === 'operator' && operators.includes(this.token.text as Opcode)) {
      const operatorToken = this.advance();
      this.skipNewlines();
      const right = this.arithmetic(level + 1);
      chain++;
      if (this.depth + chain > MAX_NESTING_DEPTH) this.enter(operatorToken);
      left = {
        type: 'op',
        left,
        operator: operatorToken.text as Opcode,
        operatorSpan: { start: operatorToken.start, end: operatorToken.end },
        right,
        start: left.start,
        end: right.end,
      };
    }
    return left;
  }

  private not(): Expression {
    if (this.at('!')) {
      const bang = this.advance();
      this.enter(bang);
      try {
        const operand = this.not();
        return {
          type: 'not',
          bangSpan: { start: bang.start, end: bang.end },
          operand,
          start: bang.start,
          end: operand.end,
        };
      } finally {
        this.depth--;
      }
    }
    return this.term();
  }

  /** A literal, container, query, function call or variable. */
  private term(): Expression {
    const token = this.token;
    if (LITERALS.has(token.type)) return this.literal();
    switch (token.type) {
      case '.':
      case '%':
        return this.externalQuery();
      case 'identifier': {
        this.advance();
        const variable: Expression = {
          type: 'variable',
          name: token.text,
          start: token.start,
          end: token.end,
        };
        return this.queryRest({ type: 'internal', name: token.text }, variable);
      }
      case 'function call': {
        const call = this.functionCall();
        return this.queryRest({ type: 'call', call: call.call }, call.expression);
      }
      case '(':
      case '[':
      case '{': {
        const container = this.container();
        return this.queryRest({ type: 'container', container: container.container }, container.expression);
      }
      default:
        throw this.unexpected(EXPRESSION_START);
    }
  }

  private literal(): Expression {
    const token = this.advance();
    const span = { start: token.start, end: token.end };
    switch (token.type) {
      case 'string literal':
        return { type: 'literal', literal: { type: 'string', segments: templateSegments(token) }, ...span };
      case 'raw string literal':
        return { type: 'literal', literal: { type: 'raw string', value: token.text }, ...span };
      case 'integer literal':
        return {
          type: 'literal',
          literal: { type: 'integer', value: token.number as number | bigint },
          ...span,
        };
      case 'float literal':
        return { type: 'literal', literal: { type: 'float', value: token.number as number }, ...span };
      case 'true':
      case 'false':
        return { type: 'literal', literal: { type: 'boolean', value: token.type === 'true' }, ...span };
      case 'null':
        return { type: 'literal', literal: { type: 'null' }, ...span };
      case 'regex literal':
        return { type: 'literal', literal: { type: 'regex', pattern: token.text }, ...span };
      default:
        return { type: 'literal', literal: { type: 'timestamp', text: token.text }, ...span };
    }
  }

  /** `.`, `%`, `.path`, `%path`. */
  private externalQuery(): Expression {
    const prefixToken = this.advance();
    const prefix = prefixToken.type === '.' ? 'event' : 'metadata';
    const targetSpan = { start: prefixToken.start, end: prefixToken.end };
    const next = this.token;
    const adjacent = next.start === prefixToken.end;
    if (adjacent && (FIELD_TOKENS.has(next.type) || next.type === '[')) {
      // The first segment follows the prefix without a dot.
      const path: Segment[] = [];
      const pathStart = next.start;
      this.segment(path, false);
      const end = this.pathRest(path);
      const query: Query = {
        target: { type: 'external', prefix },
        targetSpan,
        path,
        pathSpan: { start: pathStart, end },
      };
      return { type: 'query', query, start: prefixToken.start, end };
    }
    if (adjacent && next.type === '.') {
      const path: Segment[] = [];
      const end = this.pathRest(path);
      const query: Query = {
        target: { type: 'external', prefix },
        targetSpan,
        path,
        pathSpan: { start: next.start, end },
      };
      return { type: 'query', query, start: prefixToken.start, end };
    }
    const query: Query = { target: { type: 'external', prefix }, targetSpan, path: [], pathSpan: targetSpan };
    return { type: 'query', query, ...targetSpan };
  }

  /** A path segment: a field (after an optional `.`) or `[index]`. */
  private segment(path: Segment[], allowDot: boolean): void {
    if (this.at('[')) {
      this.advance();
      const index = this.expect('integer literal', ['"integer literal"']);
      this.expect(']', ['"]"']);
      path.push({ index: Number(index.number) });
      return;
    }
    const dot = allowDot && this.at('.') ? this.advance() : undefined;
    const token = this.token;
    if (!FIELD_TOKENS.has(token.type)) {
      const expected = ['"identifier"', '"path field"', '"string literal"', '"abort"', '"return"'];
      // A path that stops after its `.`: VRL points at the dot.
      if (dot !== undefined && (token.type === 'end' || token.start === dot.end)) {
        throw new ParseFailure(
          new Diagnostic(
            'error',
            203,
            'syntax error',
            [
              Label.primary('unexpected end of query path', dot.start, dot.end),
              Label.context(`expected one of: ${expected.join(', ')}`, dot.start, dot.end),
            ],
            [],
          ),
        );
      }
      throw this.unexpected(expected);
    }
    this.advance();
    path.push({ field: token.type === 'string literal' ? unescapeString(token.text) : token.text });
  }

  /** Further segments while they touch the previous token; returns the path's end. */
  private pathRest(path: Segment[]): number {
    for (;;) {
      const previous = this.peek(-1);
      const token = this.token;
      if (token.start !== previous.end || (token.type !== '.' && token.type !== '[')) return previous.end;
      this.segment(path, true);
    }
  }

  private queryRest(target: Query['target'], expression: Expression): Expression {
    const token = this.token;
    if (token.start !== expression.end || (token.type !== '.' && token.type !== '[')) return expression;
    if (token.type === '.' && !FIELD_TOKENS.has(this.peek().type) && this.peek().start === token.end)
      return expression;
    const path: Segment[] = [];
    const end = this.pathRest(path);
    const query: Query = {
      target,
      targetSpan: { start: expression.start, end: expression.end },
      path,
      pathSpan: { start: token.start, end },
    };
    return { type: 'query', query, start: expression.start, end };
  }

  private functionCall(): { call: FunctionCall; expression: Expression } {
    const name = this.advance();
    let abortOnError = false;
    if (this.at('!')) {
      this.advance();
      abortOnError = true;
    }
    this.expect('(', ['"("']);
    this.enter(name);
    try {
      this.skipNewlines();
      const args: FunctionArgument[] = [];
      if (!this.at(')')) {
        for (;;) {
          args.push(this.functionArgument());
          this.skipNewlines();
          if (!this.at(',')) break;
          this.advance();
          this.skipNewlines();
          if (this.at(')')) break;
        }
      }
      const close = this.expect(')', ['")"', '","']);
      let closure: Closure | undefined;
      let end = close.end;
      if (this.at('->')) {
        closure = this.closure();
        end = closure.span.end;
      }
      const call: FunctionCall = {
        name: name.text,
        nameSpan: { start: name.start, end: name.end },
        abortOnError,
        arguments: args,
        closure,
      };
      return { call, expression: { type: 'call', call, start: name.start, end } };
    } finally {
      this.depth--;
    }
  }

  private functionArgument(): FunctionArgument {
    let keyword: FunctionArgument['keyword'];
    const start = this.token.start;
    if (ANY_IDENTIFIER.has(this.token.type) && this.peek().type === ':') {
      const name = this.advance();
      this.advance();
      keyword = { name: name.text, span: { start: name.start, end: name.end } };
    }
    const value = this.arithmetic();
    return { keyword, value, span: { start, end: value.end } };
  }

  private closure(): Closure {
    const arrow = this.advance();
    const variables: Closure['variables'] = [];
    const variablesStart = this.token.start;
    if (this.atOperator('||')) {
      this.advance();
    } else if (this.atOperator('|')) {
      this.advance();
      this.skipNewlines();
      while (!this.atOperator('|')) {
        const variable = this.token;
        if (variable.type === 'identifier')
          variables.push({ name: variable.text, span: { start: variable.start, end: variable.end } });
        else if (variable.type === '_')
          variables.push({ name: '', span: { start: variable.start, end: variable.end } });
        else throw this.unexpected(['"_"', '"identifier"', '"|"']);
        this.advance();
        this.skipNewlines();
        if (this.at(',')) {
          this.advance();
          this.skipNewlines();
        } else if (!this.atOperator('|')) {
          throw this.unexpected(['","', '"|"']);
        }
      }
      this.advance();
    } else {
      throw this.unexpected(['"|"', '"||"']);
    }
    const variablesEnd = this.peek(-1).end;
    this.skipNewlines();
    const block = this.block();
    return {
      variables,
      variablesSpan: { start: variablesStart, end: variablesEnd },
      block,
      span: { start: arrow.start, end: block.span.end },
    };
  }

  /** `{ exprs }`. */
  private block(): { expressions: Expression[]; span: Span } {
    const open = this.expect('{', ['"{"']);
    this.skipNewlines();
    const expressions = this.expressionsUntil('}');
    const close = this.expect('}', ['"}"']);
    return { expressions, span: { start: open.start, end: close.end } };
  }

  /** Expressions separated by newlines or `;`, up to (not including) `closing`. */
  private expressionsUntil(closing: TokenType): Expression[] {
    const expressions: Expression[] = [this.expression()];
    for (;;) {
      if (this.at(closing)) return expressions;
      if (!this.at('\n') && !this.at(';')) throw this.unexpected(['"\\n"', '";"', `"${closing}"`]);
      this.endOfExpression();
      if (this.at(closing)) return expressions;
      expressions.push(this.expression());
    }
  }

  private container(): { container: Container; expression: Expression } {
    const open = this.token;
    this.enter(open);
    try {
      if (open.type === '(') {
        this.advance();
        const expression = this.assignmentExpression();
        const close = this.expect(')', ['")"']);
        const container: Container = { type: 'group', expression };
        return { container, expression: { type: 'container', container, start: open.start, end: close.end } };
      }
      if (open.type === '[') {
        this.advance();
        this.skipNewlines();
        const items: Expression[] = [];
        while (!this.at(']')) {
          items.push(this.arithmetic());
          this.skipNewlines();
          if (!this.at(',')) break;
          this.advance();
          this.skipNewlines();
        }
        const close = this.expect(']', ['"]"', '","']);
        const container: Container = { type: 'array', items };
        return { container, expression: { type: 'container', container, start: open.start, end: close.end } };
      }
      // `{`: an object when empty or when a string key and `:` follow, else a block.
      let lookahead = 1;
      while (this.peek(lookahead).type === '\n') lookahead++;
      const first = this.peek(lookahead);
      if (first.type === '}' || (first.type === 'string literal' && this.peek(lookahead + 1).type === ':')) {
        return this.object();
      }
      const block = this.block();
      const container: Container = { type: 'block', expressions: block.expressions, span: block.span };
      return { container, expression: { type: 'container', container, ...block.span } };
    } finally {
      this.depth--;
    }
  }

  private object(): { container: Container; expression: Expression } {
    const open = this.advance();
    this.skipNewlines();
    const entries: Extract<Container, { type: 'object' }>['entries'] = [];
    while (!this.at('}')) {
      const key = this.expect('string literal', ['"string literal"', '"}"']);
      this.expect(':', ['":"']);
      const value = this.arithmetic();
      entries.push({ key: unescapeString(key.text), keySpan: { start: key.start, end: key.end }, value });
      this.skipNewlines();
      if (!this.at(',')) break;
      this.advance();
      this.skipNewlines();
    }
    const close = this.expect('}', ['"}"', '","']);
    const container: Container = { type: 'object', entries };
    return { container, expression: { type: 'container', container, start: open.start, end: close.end } };
  }

  private ifStatement(): Expression {
    const keyword = this.advance();
    const predicate = this.predicate();
    this.skipNewlines();
    const consequent = this.block();
    const elseIfs: {
      predicate: ReturnType<Parser['predicate']>;
      block: ReturnType<Parser['block']>;
      start: number;
    }[] = [];
    let alternative: IfStatement['alternative'];
    while (this.at('else')) {
      const elseToken = this.advance();
      this.skipNewlines();
      if (this.at('if')) {
        this.advance();
        const elsePredicate = this.predicate();
        this.skipNewlines();
        elseIfs.push({ predicate: elsePredicate, block: this.block(), start: elseToken.start });
        continue;
      }
      alternative = this.block();
      break;
    }
    // `else if` chains become nested if statements inside else blocks, as in VRL.
    for (let position = elseIfs.length - 1; position >= 0; position--) {
      const elseIf = elseIfs[position] as (typeof elseIfs)[number];
      const end = alternative?.span.end ?? elseIf.block.span.end;
      const nested: Expression = {
        type: 'if',
        statement: {
          predicate: elseIf.predicate.predicate,
          predicateSpan: elseIf.predicate.span,
          consequent: elseIf.block,
          alternative,
        },
        start: elseIf.start,
        end,
      };
      alternative = { expressions: [nested], span: { start: elseIf.start, end } };
    }
    const statement: IfStatement = {
      predicate: predicate.predicate,
      predicateSpan: predicate.span,
      consequent,
      alternative,
    };
    return { type: 'if', statement, start: keyword.start, end: alternative?.span.end ?? consequent.span.end };
  }

  private predicate(): { predicate: Predicate; span: Span } {
    if (this.at('(')) {
      const saved = this.position;
      const open = this.advance();
      this.skipNewlines();
      const first = this.assignmentExpression();
      if (this.at('\n') || this.at(';')) {
        const expressions = [first];
        for (;;) {
          while (this.at('\n') || this.at(';')) this.advance();
          if (this.at(')')) break;
          expressions.push(this.assignmentExpression());
          if (this.at(')')) break;
          if (!this.at('\n') && !this.at(';')) throw this.unexpected(['"\\n"', '";"', '")"']);
        }
        const close = this.advance();
        return { predicate: { type: 'many', expressions }, span: { start: open.start, end: close.end } };
      }
      this.position = saved;
    }
    const expression = this.arithmetic();
    return { predicate: { type: 'one', expression }, span: { start: expression.start, end: expression.end } };
  }
}

function binaryOperatorsAfter(): string[] {
  return [
    '"!="',
    '"&&"',
    '"*"',
    '"+"',
    '"-"',
    '"/"',
    '"<"',
    '"<="',
    '"=="',
    '">"',
    '">="',
    '"??"',
    '"|"',
    '"||"',
  ];
}

/** Splits a `"…"` literal into text and `{{ variable }}` templates, as VRL's `template()` does. */
function templateSegments(token: Token): TemplateSegment[] {
  const raw = token.text;
  const base = token.start + 1;
  const segments: TemplateSegment[] = [];
  let current = '';
  let currentStart = 0;
  let template = false;
  let position = 0;
  while (position < raw.length) {
    const character = raw[position] as string;
    if (template && character === '}' && raw[position + 1] === '}') {
      if (current !== '') {
        segments.push({
          type: 'template',
          name: current.trim(),
          span: { start: base + currentStart - 2, end: base + position + 2 },
        });
        current = '';
      }
      template = false;
      position += 2;
      currentStart = position;
    } else if (!template && character === '\\' && raw[position + 1] === '{' && raw[position + 2] === '{') {
      current += '{{';
      position += 3;
    } else if (!template && character === '\\' && raw[position + 1] === '}' && raw[position + 2] === '}') {
      current += '}}';
      position += 3;
    } else if (!template && character === '{' && raw[position + 1] === '{') {
      if (current !== '') {
        segments.push({
          type: 'text',
          value: unescapeString(current),
          span: { start: base + currentStart, end: base + position },
        });
        current = '';
      }
      template = true;
      position += 2;
      currentStart = position;
    } else {
      if (current === '') currentStart = position;
      current += character;
      position++;
    }
  }
  if (!template && current !== '') {
    segments.push({
      type: 'text',
      value: unescapeString(current),
      span: { start: base + currentStart, end: base + position },
    });
  }
  return segments;
}
