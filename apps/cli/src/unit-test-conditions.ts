import { getFieldAt, type PathSegment } from '@sluice/basic-components';
import { type FieldMap, type FieldValue, FloatValue, floatValue, numberOf } from '@sluice/component-api';

/*
 * The conditions of `sluice test`: a small, exact subset of VRL (Vector's language), enough for
 * what Sluice's transforms can produce and what Vector's own unit tests check. Anything outside it
 * is an error naming the expression when the test is built: never a silent pass.
 *
 * Subset: paths (`.a.b[0]."x-y"`, `.` for the whole event), string/raw string/timestamp/integer/
 * float/boolean/null/array/object literals, `== != < <= > >=`, `! && ||`, parentheses, local
 * variables (`ok = exists(.a)`), statements on separate lines or separated by `;`, `#` comments,
 * and the functions of FUNCTIONS. As in VRL, the program's value is its last expression's.
 */

type Value = FieldValue;

type Expression = { start: number; end: number } & (
  | { kind: 'literal'; value: Value }
  | { kind: 'path'; segments: PathSegment[] }
  | { kind: 'variable'; name: string }
  | { kind: 'array'; items: Expression[] }
  | { kind: 'object'; entries: Array<[string, Expression]> }
  | { kind: 'not'; operand: Expression }
  | { kind: 'binary'; operator: string; left: Expression; right: Expression }
  | { kind: 'call'; name: string; arguments: Expression[] }
);

type Statement =
  | { kind: 'assign'; name: string; value: Expression }
  | { kind: 'expression'; value: Expression };

/** A condition of a unit test, checked against one output event. */
export interface Condition {
  /** Undefined when the event passes; otherwise why not (Vector's wording). */
  check(fields: FieldMap): string | undefined;
}

export interface CompiledCondition {
  condition: Condition;
  /** What VRL would warn about too (an expression whose value is not used). */
  warnings: string[];
}

/** A condition of a unit test's `conditions`: a VRL string, or a table with `type`. Throws what is not supported. */
export function compileCondition(config: string | { type: string; source?: string }): CompiledCondition {
  if (typeof config === 'string') return compileVrl(config);
  switch (config.type) {
    case 'vrl':
      return compileVrl(config.source ?? '');
    case 'is_log':
      return { condition: { check: () => undefined }, warnings: [] };
    case 'is_metric':
    case 'is_trace': {
      const message = `event is not a ${config.type.slice(3)} type`;
      return { condition: { check: () => message }, warnings: [] };
    }
    default:
      throw new Error(`condition type \`${config.type}\` is not supported by sluice test (only vrl)`);
  }
}

const KEYWORDS = new Set(['if', 'else', 'for', 'abort', 'return', 'break', 'continue']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '??', '|=', '->', '<', '>', '!', '=', '(', ')', '['];
const PUNCTUATION = [']', '{', '}', ',', ':', ';', '+', '-', '*', '/', '|', '%', '&', '?', '@', '^'];

type Token = { start: number; end: number } & (
  | { kind: 'path'; segments: PathSegment[] }
  | { kind: 'identifier'; name: string; abort: boolean }
  | { kind: 'literal'; value: Value }
  | { kind: 'operator'; text: string }
  | { kind: 'newline' }
  | { kind: 'end' }
);

/** A condition outside the subset, or malformed: the test cannot be built. */
class ConditionError extends Error {}

const SEGMENT = /[A-Za-z0-9_@$]/;

/** Reads a quoted string at `start` (the opening quote); returns its value and where it ends. */
function readString(text: string, start: number, quote: string): { value: string; end: number } {
  let value = '';
  let index = start + 1;
  // Raw (s'…') and timestamp (t'…') literals only escape their quote.
  const escapes: Record<string, string> =
    quote === '"'
      ? { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', '{': '{', '}': '}' }
      : { "'": "'" };
  while (index < text.length && text[index] !== quote) {
    if (text[index] === '\\' && index + 1 < text.length) {
      const next = text[index + 1] as string;
      const escaped = escapes[next];
      if (escaped === undefined && quote === '"')
        throw new ConditionError(`invalid escape \\${next} at ${index}`);
      value += escaped ?? `\\${next}`;
      index += 2;
    } else {
      value += text[index];
      index += 1;
    }
  }
  if (index >= text.length) throw new ConditionError(`unterminated string starting at ${start}`);
  return { value, end: index + 1 };
}

/** Reads path segments after a `.` at `start`: `a.b[0]."x-y"`; returns them and where they end. */
function readSegments(text: string, start: number): { segments: PathSegment[]; end: number } {
  const segments: PathSegment[] = [];
  let index = start;
  let expectName = true;
  for (;;) {
    const character = text[index];
    if (expectName && character === '"') {
      const string = readString(text, index, '"');
      segments.push(string.value);
      index = string.end;
    } else if (expectName && character !== undefined && SEGMENT.test(character)) {
      let name = '';
      while (index < text.length && SEGMENT.test(text[index] as string)) name += text[index++];
      segments.push(name);
    } else if (character === '[') {
      const match = /^\[(\d+)\]/.exec(text.slice(index));
      if (match === null)
        throw new ConditionError(`only non-negative array indexes are supported in paths (at ${index})`);
      segments.push(Number(match[1]));
      index += match[0].length;
    } else if (expectName && segments.length > 0) {
      throw new ConditionError(`a path field is missing after "." (at ${index})`);
    } else {
      return { segments, end: index };
    }
    if (text[index] === '.' && (SEGMENT.test(text[index + 1] ?? '') || text[index + 1] === '"')) {
      index += 1;
      expectName = true;
    } else {
      expectName = false;
    }
  }
}

/**
 * A path of VRL's syntax as segments: `.a.b[0]` in a condition, `a.b[0]` or `labels."x-y"` as a
 * `log_fields` key of a test input (Vector parses both the same way).
 */
export function parsePath(path: string): PathSegment[] {
  const text = path.startsWith('.') ? path.slice(1) : path;
  const { segments, end } = readSegments(text, 0);
  if (end !== text.length) throw new ConditionError(`invalid path "${path}"`);
  return segments;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index] as string;
    const start = index;
    if (character === '\n') {
      if (tokens.at(-1)?.kind !== 'newline') tokens.push({ kind: 'newline', start, end: start + 1 });
      index += 1;
    } else if (/\s/.test(character)) {
      index += 1;
    } else if (character === '#') {
      while (index < text.length && text[index] !== '\n') index += 1;
    } else if (character === '.' && !/\d/.test(text[index + 1] ?? '')) {
      const { segments, end } = readSegments(text, index + 1);
      tokens.push({ kind: 'path', segments, start, end });
      index = end;
    } else if (/\d/.test(character)) {
      const match = /^\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?/.exec(text.slice(index)) as RegExpExecArray;
      const digits = match[0].replaceAll('_', '');
      const isFloat = match[1] !== undefined || match[2] !== undefined;
      const integer = isFloat ? undefined : BigInt(digits);
      tokens.push({
        kind: 'literal',
        // As VRL: `2.0` is a float, `2` an integer (exact up to i64).
        value: isFloat
          ? floatValue(Number(digits))
          : Number.isSafeInteger(Number(integer))
            ? Number(integer)
            : (integer as bigint),
        start,
        end: start + match[0].length,
      });
      index += match[0].length;
    } else if (character === '"') {
      const string = readString(text, index, '"');
      tokens.push({ kind: 'literal', value: string.value, start, end: string.end });
      index = string.end;
    } else if (/[A-Za-z_]/.test(character)) {
      let name = '';
      while (index < text.length && /\w/.test(text[index] as string)) name += text[index++];
      if (text[index] === "'" && (name === 's' || name === 't')) {
        const string = readString(text, index, "'");
        const value = name === 's' ? string.value : new Date(string.value);
        if (value instanceof Date && Number.isNaN(value.getTime()))
          throw new ConditionError(`invalid timestamp t'${string.value}'`);
        tokens.push({ kind: 'literal', value, start, end: string.end });
        index = string.end;
      } else if (text[index] === "'") {
        throw new ConditionError(`${name}'…' literals are not supported by sluice test (only s'…' and t'…')`);
      } else {
        const abort = text[index] === '!' && text[index + 1] === '(';
        if (abort) index += 1;
        tokens.push({ kind: 'identifier', name, abort, start, end: index });
      }
    } else {
      const operator = [...OPERATORS, ...PUNCTUATION].find((candidate) => text.startsWith(candidate, index));
      if (operator === undefined) throw new ConditionError(`unexpected character "${character}" at ${index}`);
      tokens.push({ kind: 'operator', text: operator, start, end: start + operator.length });
      index += operator.length;
    }
  }
  tokens.push({ kind: 'end', start: text.length, end: text.length });
  return tokens;
}

interface FunctionSpec {
  parameters: readonly string[];
  required: number;
  run(values: Value[], fail: (message: string) => never, call: Expression & { kind: 'call' }): Value;
}

function kindOf(value: Value | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return 'timestamp';
  if (value instanceof FloatValue) return 'float';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'bigint') return 'integer';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** A number literal negated, keeping its kind; undefined for anything else. */
function negate(value: Value | undefined): Value | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return -value;
  return value instanceof FloatValue ? new FloatValue(-value.value) : undefined;
}

/**
 * Numbers compared as VRL compares them: an integer and a float are equal by value at the top of
 * `==` (`eq_lossy`), never inside arrays and objects, where the kinds must match too.
 */
function numbersEqual(a: Value, b: Value, lossy: boolean): boolean | undefined {
  const left = kindOf(a);
  const right = kindOf(b);
  if ((left !== 'integer' && left !== 'float') || (right !== 'integer' && right !== 'float'))
    return undefined;
  if (left !== right && !lossy) return false;
  if (typeof a === 'bigint' || typeof b === 'bigint')
    return left === 'integer' && right === 'integer' ? BigInt(a as number) === BigInt(b as number) : false;
  return numberOf(a) === numberOf(b);
}

/** A value as VRL prints it (in assertion messages). */
export function formatValue(value: Value | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `t'${value.toISOString()}'`;
  if (value instanceof FloatValue) return `${value.value}.0`;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter((entry) => entry[1] !== undefined);
    return entries.length === 0
      ? '{}'
      : `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${formatValue(item)}`).join(', ')} }`;
  }
  return String(value);
}

function equal(left: Value | undefined, right: Value | undefined, lossy = false): boolean {
  const a = left ?? null;
  const b = right ?? null;
  const numbers = numbersEqual(a, b, lossy);
  if (numbers !== undefined) return numbers;
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]))
    );
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a).filter((key) => (a as FieldMap)[key] !== undefined);
    const other = Object.keys(b).filter((key) => (b as FieldMap)[key] !== undefined);
    return (
      keys.length === other.length && keys.every((key) => equal((a as FieldMap)[key], (b as FieldMap)[key]))
    );
  }
  return a === b;
}

const typeCheck = (kind: string): FunctionSpec => ({
  parameters: ['value'],
  required: 1,
  run: ([value]) => kindOf(value) === kind,
});

/** A VRL "type assertion" function: the value when it has the kind, else an error. */
const typeAssertion = (...kinds: string[]): FunctionSpec => ({
  parameters: ['value'],
  required: 1,
  run: ([value], fail) =>
    kinds.includes(kindOf(value))
      ? (value as Value)
      : fail(`expected ${kinds.join(' or ')}, got ${kindOf(value)}`),
});

function stringOf(value: Value | undefined, fail: (message: string) => never, name = 'value'): string {
  return typeof value === 'string' ? value : fail(`${name}: expected string, got ${kindOf(value)}`);
}

/** `starts_with`, `ends_with`, `contains`: a string test with VRL's `case_sensitive` (default true). */
const substringTest = (test: (value: string, part: string) => boolean): FunctionSpec => ({
  parameters: ['value', 'substring', 'case_sensitive'],
  required: 2,
  run: ([value, part, caseSensitive], fail) => {
    const text = stringOf(value, fail);
    const search = stringOf(part, fail, 'substring');
    return caseSensitive === false ? test(text.toLowerCase(), search.toLowerCase()) : test(text, search);
  },
});

function assertionText(call: Expression & { kind: 'call' }, source: string): string {
  const condition = call.arguments[0];
  return condition === undefined ? '' : `: ${source.slice(condition.start, condition.end)}`;
}

/** The VRL functions `sluice test` has; any other is an error naming it. `exists` is the parser's. */
function functionsFor(source: string): Record<string, FunctionSpec> {
  return {
    assert: {
      parameters: ['condition', 'message'],
      required: 1,
      run: ([condition, message], fail, call) => {
        if (condition === true) return true;
        if (condition !== false) fail(`condition: expected boolean, got ${kindOf(condition)}`);
        return fail(typeof message === 'string' ? message : `assertion failed${assertionText(call, source)}`);
      },
    },
    assert_eq: {
      parameters: ['left', 'right', 'message'],
      required: 2,
      run: ([left, right, message], fail) =>
        equal(left, right) ||
        fail(
          typeof message === 'string'
            ? message
            : `assertion failed: ${formatValue(left)} == ${formatValue(right)}`,
        ),
    },
    is_string: typeCheck('string'),
    is_integer: typeCheck('integer'),
    is_float: typeCheck('float'),
    is_boolean: typeCheck('boolean'),
    is_null: typeCheck('null'),
    is_array: typeCheck('array'),
    is_object: typeCheck('object'),
    is_timestamp: typeCheck('timestamp'),
    is_nullish: {
      parameters: ['value'],
      required: 1,
      run: ([value]) =>
        value === null || value === undefined || (typeof value === 'string' && /^(\s*|-)$/.test(value)),
    },
    is_empty: {
      parameters: ['value'],
      required: 1,
      run: ([value], fail) => {
        if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
        if (kindOf(value) === 'object') return Object.keys(value as FieldMap).length === 0;
        return fail(`expected string, array or object, got ${kindOf(value)}`);
      },
    },
    length: {
      parameters: ['value'],
      required: 1,
      run: ([value], fail) => {
        // VRL counts a string's bytes.
        if (typeof value === 'string') return Buffer.byteLength(value);
        if (Array.isArray(value)) return value.length;
        if (kindOf(value) === 'object') return Object.keys(value as FieldMap).length;
        return fail(`expected string, array or object, got ${kindOf(value)}`);
      },
    },
    contains: substringTest((value, part) => value.includes(part)),
    starts_with: substringTest((value, part) => value.startsWith(part)),
    ends_with: substringTest((value, part) => value.endsWith(part)),
    includes: {
      parameters: ['value', 'item'],
      required: 2,
      run: ([value, item], fail) =>
        Array.isArray(value)
          ? value.some((element) => equal(element, item))
          : fail(`expected array, got ${kindOf(value)}`),
    },
    upcase: {
      parameters: ['value'],
      required: 1,
      run: ([value], fail) => stringOf(value, fail).toUpperCase(),
    },
    downcase: {
      parameters: ['value'],
      required: 1,
      run: ([value], fail) => stringOf(value, fail).toLowerCase(),
    },
    to_string: {
      parameters: ['value'],
      required: 1,
      run: ([value], fail) => {
        if (value === null || value === undefined) return '';
        if (value instanceof Date) return value.toISOString();
        if (typeof value === 'object') return fail(`can't convert ${kindOf(value)} to string`);
        return String(value);
      },
    },
    string: typeAssertion('string'),
    int: typeAssertion('integer'),
    float: typeAssertion('float'),
    bool: typeAssertion('boolean'),
    array: typeAssertion('array'),
    object: typeAssertion('object'),
    timestamp: typeAssertion('timestamp'),
  };
}

/** Functions whose call is a statement of its own (VRL does not warn that their value is unused). */
const SIDE_EFFECTS = new Set(['assert', 'assert_eq']);

class Parser {
  #index = 0;
  readonly #variables = new Set<string>();

  constructor(
    readonly tokens: Token[],
    readonly source: string,
    readonly functions: Record<string, FunctionSpec>,
  ) {}

  #peek(): Token {
    return this.tokens[this.#index] as Token;
  }

  #isOperator(text: string, token = this.#peek()): boolean {
    return token.kind === 'operator' && token.text === text;
  }

  #skipNewlines(): void {
    while (this.#peek().kind === 'newline') this.#index += 1;
  }

  #expect(text: string): Token {
    this.#skipNewlines();
    if (!this.#isOperator(text)) throw this.#unexpected(`"${text}"`);
    return this.tokens[this.#index++] as Token;
  }

  #unexpected(expected: string): Error {
    const token = this.#peek();
    if (token.kind === 'end')
      return new ConditionError(`unexpected end of the condition, expected ${expected}`);
    const text = this.source.slice(token.start, token.end);
    if (
      token.kind === 'operator' &&
      !COMPARISONS.has(token.text) &&
      !['(', ')', ',', ']', '}', ';', ':'].includes(token.text)
    )
      return new ConditionError(`operator \`${text}\` is not supported by sluice test`);
    return new ConditionError(`unexpected \`${text}\` at ${token.start}, expected ${expected}`);
  }

  program(): { statements: Statement[]; warnings: string[] } {
    const statements: Statement[] = [];
    const warnings: string[] = [];
    for (;;) {
      while (this.#peek().kind === 'newline' || this.#isOperator(';')) this.#index += 1;
      if (this.#peek().kind === 'end') break;
      statements.push(this.#statement());
      if (this.#peek().kind !== 'newline' && this.#peek().kind !== 'end' && !this.#isOperator(';'))
        throw this.#unexpected('the end of the statement');
    }
    if (statements.length === 0) throw new ConditionError('the condition is empty');
    for (const statement of statements.slice(0, -1)) {
      const { value } = statement;
      if (statement.kind === 'expression' && !(value.kind === 'call' && SIDE_EFFECTS.has(value.name))) {
        const line = this.source.slice(0, value.start).split('\n').length;
        warnings.push(
          `line ${line}: the value of \`${this.source.slice(value.start, value.end)}\` is not used: a VRL condition is decided by its last expression; use assert!(…) or join the checks with &&`,
        );
      }
    }
    return { statements, warnings };
  }

  #statement(): Statement {
    const token = this.#peek();
    const next = this.tokens[this.#index + 1] as Token;
    if (token.kind === 'identifier' && KEYWORDS.has(token.name))
      throw new ConditionError(`VRL \`${token.name}\` is not supported by sluice test`);
    if (token.kind === 'path' && this.#isOperator('=', next))
      throw new ConditionError(
        `a condition cannot change the event (\`${this.source.slice(token.start, token.end)} = …\`)`,
      );
    if (token.kind === 'identifier' && !token.abort && this.#isOperator('=', next)) {
      this.#index += 2;
      this.#skipNewlines();
      const value = this.#expression();
      this.#variables.add(token.name);
      return { kind: 'assign', name: token.name, value };
    }
    return { kind: 'expression', value: this.#expression() };
  }

  #expression(): Expression {
    return this.#binary(['||'], () => this.#binary(['&&'], () => this.#comparison()));
  }

  #binary(operators: string[], operand: () => Expression): Expression {
    let left = operand();
    while (operators.some((operator) => this.#isOperator(operator))) {
      const operator = (this.tokens[this.#index++] as Token & { kind: 'operator' }).text;
      this.#skipNewlines();
      const right = operand();
      left = { kind: 'binary', operator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  #comparison(): Expression {
    const left = this.#unary();
    const token = this.#peek();
    if (token.kind !== 'operator' || !COMPARISONS.has(token.text)) return left;
    this.#index += 1;
    this.#skipNewlines();
    const right = this.#unary();
    return { kind: 'binary', operator: token.text, left, right, start: left.start, end: right.end };
  }

  #unary(): Expression {
    const token = this.#peek();
    if (this.#isOperator('!')) {
      this.#index += 1;
      const operand = this.#unary();
      return { kind: 'not', operand, start: token.start, end: operand.end };
    }
    const next = this.tokens[this.#index + 1];
    const negated = this.#isOperator('-') && next?.kind === 'literal' ? negate(next.value) : undefined;
    if (negated !== undefined && next !== undefined) {
      this.#index += 2;
      return { kind: 'literal', value: negated, start: token.start, end: next.end };
    }
    return this.#primary();
  }

  #primary(): Expression {
    const token = this.#peek();
    const { start } = token;
    const end = () => (this.tokens[this.#index - 1] as Token).end;
    if (token.kind === 'literal') {
      this.#index += 1;
      return { kind: 'literal', value: token.value, start, end: token.end };
    }
    if (token.kind === 'path') {
      this.#index += 1;
      return { kind: 'path', segments: token.segments, start, end: token.end };
    }
    if (token.kind === 'identifier') {
      this.#index += 1;
      if (this.#isOperator('(')) return this.#call(token);
      if (token.abort) throw this.#unexpected('"("');
      if (['true', 'false', 'null'].includes(token.name))
        return {
          kind: 'literal',
          value: token.name === 'null' ? null : token.name === 'true',
          start,
          end: token.end,
        };
      if (KEYWORDS.has(token.name))
        throw new ConditionError(`VRL \`${token.name}\` is not supported by sluice test`);
      if (!this.#variables.has(token.name)) throw new ConditionError(`undefined variable \`${token.name}\``);
      return { kind: 'variable', name: token.name, start, end: token.end };
    }
    if (this.#isOperator('(')) {
      this.#index += 1;
      this.#skipNewlines();
      const inner = this.#expression();
      this.#expect(')');
      return { ...inner, start, end: end() };
    }
    if (this.#isOperator('[')) {
      this.#index += 1;
      const items = this.#list(']', () => this.#expression());
      return { kind: 'array', items, start, end: end() };
    }
    if (this.#isOperator('{')) {
      this.#index += 1;
      const entries = this.#list('}', () => {
        const key = this.#peek();
        if (key.kind !== 'literal' || typeof key.value !== 'string') throw this.#unexpected('a quoted key');
        this.#index += 1;
        this.#expect(':');
        this.#skipNewlines();
        return [key.value, this.#expression()] as [string, Expression];
      });
      return { kind: 'object', entries, start, end: end() };
    }
    throw this.#unexpected('a value, a path or a function call');
  }

  /** Items separated by commas up to `close`, newlines allowed anywhere, a trailing comma too. */
  #list<Item>(close: string, item: () => Item): Item[] {
    const items: Item[] = [];
    for (;;) {
      this.#skipNewlines();
      if (this.#isOperator(close)) break;
      items.push(item());
      this.#skipNewlines();
      if (!this.#isOperator(',')) break;
      this.#index += 1;
    }
    this.#expect(close);
    return items;
  }

  #call(name: Token & { kind: 'identifier' }): Expression {
    this.#index += 1;
    const positional: Expression[] = [];
    const named = new Map<string, Expression>();
    this.#list(')', () => {
      const token = this.#peek();
      if (token.kind === 'identifier' && this.#isOperator(':', this.tokens[this.#index + 1])) {
        this.#index += 2;
        this.#skipNewlines();
        named.set(token.name, this.#expression());
      } else {
        positional.push(this.#expression());
      }
    });
    const call = { start: name.start, end: (this.tokens[this.#index - 1] as Token).end };
    if (name.name === 'exists') {
      const [path] = positional;
      if (path?.kind !== 'path' || positional.length !== 1 || named.size > 0)
        throw new ConditionError('exists() takes one path, such as exists(.field)');
      return { kind: 'call', name: 'exists', arguments: [path], ...call };
    }
    const spec = this.functions[name.name];
    if (spec === undefined)
      throw new ConditionError(`VRL function \`${name.name}\` is not supported by sluice test`);
    const values = [...positional];
    for (const [parameter, value] of named) {
      const position = spec.parameters.indexOf(parameter);
      if (position < 0) throw new ConditionError(`${name.name}() has no parameter \`${parameter}\``);
      values[position] = value;
    }
    if (values.length > spec.parameters.length)
      throw new ConditionError(`${name.name}() takes at most ${spec.parameters.length} arguments`);
    for (let position = 0; position < spec.required; position += 1)
      if (values[position] === undefined)
        throw new ConditionError(`${name.name}() needs its argument \`${spec.parameters[position]}\``);
    return { kind: 'call', name: name.name, arguments: values, ...call };
  }
}

class ExecutionError extends Error {}

function truth(value: Value, operator: string): boolean {
  if (value === null) return false;
  if (typeof value !== 'boolean')
    throw new ExecutionError(`\`${operator}\` needs booleans, got ${kindOf(value)}`);
  return value;
}

function compare(operator: string, left: Value, right: Value): boolean {
  const numeric = (value: Value) => kindOf(value) === 'integer' || kindOf(value) === 'float';
  if (numeric(left) && numeric(right)) {
    const [a, b] = [numberOf(left) as number, numberOf(right) as number];
    if (operator === '<') return a < b;
    if (operator === '<=') return a <= b;
    if (operator === '>') return a > b;
    return a >= b;
  }
  const comparable =
    (typeof left === 'string' && typeof right === 'string') ||
    (left instanceof Date && right instanceof Date);
  if (!comparable)
    throw new ExecutionError(`can't compare ${kindOf(left)} and ${kindOf(right)} with \`${operator}\``);
  const [a, b] = left instanceof Date ? [left.getTime(), (right as Date).getTime()] : [left, right];
  if (operator === '<') return (a as number) < (b as number);
  if (operator === '<=') return (a as number) <= (b as number);
  if (operator === '>') return (a as number) > (b as number);
  return (a as number) >= (b as number);
}

/** Compiles a VRL condition of the subset; throws an error naming what is not supported. */
export function compileVrl(source: string): CompiledCondition {
  const functions = functionsFor(source);
  const { statements, warnings } = new Parser(tokenize(source), source, functions).program();

  const evaluate = (expression: Expression, fields: FieldMap, variables: Map<string, Value>): Value => {
    switch (expression.kind) {
      case 'literal':
        return expression.value;
      case 'path':
        return getFieldAt(fields, expression.segments) ?? null;
      case 'variable':
        return variables.get(expression.name) ?? null;
      case 'array':
        return expression.items.map((item) => evaluate(item, fields, variables));
      case 'object':
        return Object.fromEntries(
          expression.entries.map(([key, item]) => [key, evaluate(item, fields, variables)]),
        );
      case 'not':
        return !truth(evaluate(expression.operand, fields, variables), '!');
      case 'binary': {
        const { operator } = expression;
        const left = evaluate(expression.left, fields, variables);
        if (operator === '||')
          return left === null || left === false ? evaluate(expression.right, fields, variables) : left;
        if (operator === '&&')
          return truth(left, '&&') && truth(evaluate(expression.right, fields, variables), '&&');
        const right = evaluate(expression.right, fields, variables);
        if (operator === '==') return equal(left, right, true);
        if (operator === '!=') return !equal(left, right, true);
        return compare(operator, left, right);
      }
      case 'call': {
        if (expression.name === 'exists')
          return (
            getFieldAt(fields, (expression.arguments[0] as Expression & { kind: 'path' }).segments) !==
            undefined
          );
        const values = expression.arguments.map((argument) =>
          argument === undefined ? null : evaluate(argument, fields, variables),
        );
        const fail = (message: string): never => {
          throw new ExecutionError(
            `function call error for "${expression.name}" at (${expression.start}:${expression.end}): ${message}`,
          );
        };
        return (functions[expression.name] as FunctionSpec).run(values, fail, expression);
      }
    }
  };

  return {
    warnings,
    condition: {
      check(fields) {
        const variables = new Map<string, Value>();
        let result: Value = null;
        try {
          for (const statement of statements) {
            result = evaluate(statement.value, fields, variables);
            if (statement.kind === 'assign') variables.set(statement.name, result);
          }
        } catch (error) {
          if (error instanceof ExecutionError) return `source execution failed: ${error.message}`;
          throw error;
        }
        if (result === true) return undefined;
        return result === false
          ? 'source execution resolved to false'
          : 'source execution resolved to a non-boolean value';
      },
    },
  };
}
