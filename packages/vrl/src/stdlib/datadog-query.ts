/**
 * Datadog Search Syntax, parsed as VRL's pest grammar (`src/datadog/search/grammar.pest`) does:
 * a PEG read by recursive descent with pest's rules for whitespace (skipped between the parts
 * of non-atomic rules only), then turned into a query tree as VRL's `QueryVisitor` does.
 */

export type Comparison = 'gt' | 'lt' | 'gte' | 'lte';

export type ComparisonValue =
  | { type: 'unbounded' }
  | { type: 'string'; value: string }
  | { type: 'integer'; value: bigint }
  | { type: 'float'; value: number };

export type QueryNode =
  | { type: 'all' }
  | { type: 'none' }
  | { type: 'exists'; attr: string }
  | { type: 'missing'; attr: string }
  | {
      type: 'range';
      attr: string;
      lower: ComparisonValue;
      lowerInclusive: boolean;
      upper: ComparisonValue;
      upperInclusive: boolean;
    }
  | { type: 'comparison'; attr: string; comparator: Comparison; value: ComparisonValue }
  | { type: 'term'; attr: string; value: string }
  | { type: 'phrase'; attr: string; phrase: string }
  | { type: 'prefix'; attr: string; prefix: string }
  | { type: 'wildcard'; attr: string; wildcard: string }
  | { type: 'not'; node: QueryNode }
  | { type: 'and' | 'or'; nodes: QueryNode[] };

export const DEFAULT_FIELD = '_default_';

/** The query's parse error, with where it happened. */
export class QueryParseError extends Error {}

type Item =
  | { type: 'node'; node: QueryNode }
  | { type: 'conjunction'; or: boolean }
  | { type: 'modifier'; not: boolean };

type ValuePart =
  | { rule: 'star' }
  | { rule: 'phrase' | 'prefix' | 'term' | 'glob'; text: string }
  | { rule: 'comparison'; operator: Comparison; numeric: boolean; text: string }
  | { rule: 'range'; brackets: [string, string]; values: [string, string] };

const WHITESPACE = new Set([' ', '\r', '\n', '\t']);
const INVALID_TERM_STARTS = new Set([
  '"',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '+',
  '-',
  '!',
  ':',
  '~',
  '^',
  '?',
  '*',
  '\\',
  '>',
  '=',
  '<',
]);

/** Removes backslash escapes (`\x` is `x`). */
export function removeEscapes(input: string): string {
  let output = '';
  let escaped = false;
  for (const character of input) {
    if (escaped) {
      output += character;
      escaped = false;
    } else if (character === '\\') escaped = true;
    else output += character;
  }
  return output;
}

/** VRL's `ComparisonValue::from`: `*`, an i64, an f64, else a string (surrounding quotes dropped). */
export function comparisonValue(text: string): ComparisonValue {
  let value = removeEscapes(text);
  const quoted = /^"([\s\S]+)"$/.exec(value);
  if (quoted !== null) value = quoted[1] as string;
  if (value === '*') return { type: 'unbounded' };
  if (/^[+-]?[0-9]+$/.test(value)) {
    const integer = BigInt(value);
    if (integer >= -(2n ** 63n) && integer < 2n ** 63n) return { type: 'integer', value: integer };
  }
  const lower = value.toLowerCase().replace(/^[+-]/, '');
  if (
    /^([0-9]+\.?[0-9]*|\.[0-9]+)(e[+-]?[0-9]+)?$/.test(lower) ||
    ['inf', 'infinity', 'nan'].includes(lower)
  ) {
    return {
      type: 'float',
      value: lower === 'nan' ? Number.NaN : Number(value.replace(/inf(inity)?$/i, 'Infinity')),
    };
  }
  return { type: 'string', value };
}

class Parser {
  private position = 0;

  constructor(private readonly input: string) {}

  parse(): QueryNode {
    const node = this.query(DEFAULT_FIELD);
    this.skip();
    if (node === undefined || this.position < this.input.length) {
      const at = this.position;
      const line = this.input.slice(0, at).split('\n').length;
      const column = at - this.input.lastIndexOf('\n', at - 1);
      throw new QueryParseError(` --> ${line}:${column}\n  |\n  = expected query`);
    }
    return node;
  }

  // Characters and tokens (atomic).

  private at(text: string): boolean {
    return this.input.startsWith(text, this.position);
  }

  private eat(text: string): boolean {
    if (!this.at(text)) return false;
    this.position += text.length;
    return true;
  }

  /** The code point at the position, or undefined at the end. */
  private peek(): string | undefined {
    const code = this.input.codePointAt(this.position);
    return code === undefined ? undefined : String.fromCodePoint(code);
  }

  private any(): boolean {
    const character = this.peek();
    if (character === undefined) return false;
    this.position += character.length;
    return true;
  }

  /** Runs a rule; on failure the position goes back to where it was. */
  private attempt<T>(rule: () => T | undefined): T | undefined {
    const start = this.position;
    const result = rule();
    if (result === undefined) this.position = start;
    return result;
  }

  /** A lookahead: whether the rule would match here (nothing is consumed). */
  private ahead(rule: () => unknown): boolean {
    const start = this.position;
    const matched = rule() !== undefined;
    this.position = start;
    return matched;
  }

  private skip(): void {
    while (WHITESPACE.has(this.peek() ?? '')) this.position++;
  }

  private whitespace(): true | undefined {
    if (!WHITESPACE.has(this.peek() ?? '')) return undefined;
    this.position++;
    return true;
  }

  private and(): true | undefined {
    return this.eat('AND') || this.eat('&&') ? true : undefined;
  }

  private or(): true | undefined {
    return this.eat('OR') || this.eat('||') ? true : undefined;
  }

  private not(): true | undefined {
    return this.eat('NOT') || this.eat('-') ? true : undefined;
  }

  private escapeCharacter(): true | undefined {
    const start = this.position;
    if (this.eat('\\') && this.any()) return true;
    this.position = start;
    return undefined;
  }

  private termStartCharacter(): true | undefined {
    if (this.escapeCharacter()) return true;
    const character = this.peek();
    if (
      character === undefined ||
      WHITESPACE.has(character) ||
      INVALID_TERM_STARTS.has(character) ||
      this.at('UNICODE3000')
    ) {
      return undefined;
    }
    return this.any() ? true : undefined;
  }

  private termCharacter(): true | undefined {
    return this.termStartCharacter() ?? (this.eat('-') || this.eat('+') || this.eat('=') ? true : undefined);
  }

  private termEnd(): boolean {
    const character = this.peek();
    return (
      character === undefined ||
      WHITESPACE.has(character) ||
      character === ')' ||
      character === ']' ||
      character === '}'
    );
  }

  /** TERM: not AND/OR/NOT, a start character, then term characters. Gives the text. */
  private term(): string | undefined {
    return this.attempt(() => {
      const start = this.position;
      if (this.ahead(() => this.and() ?? this.or() ?? this.not())) return undefined;
      if (!this.termStartCharacter()) return undefined;
      while (this.termCharacter());
      return this.input.slice(start, this.position);
    });
  }

  private termPrefix(): string | undefined {
    return this.attempt(() => {
      const start = this.position;
      if (!this.termStartCharacter()) return undefined;
      while (this.termCharacter());
      if (!this.eat('*') || !this.termEnd()) return undefined;
      return this.input.slice(start, this.position);
    });
  }

  private termGlob(): string | undefined {
    return this.attempt(() => {
      const start = this.position;
      if (!(this.termStartCharacter() || this.eat('*') || this.eat('?'))) return undefined;
      while (this.termCharacter() || this.eat('*') || this.eat('?'));
      return this.termEnd() ? this.input.slice(start, this.position) : undefined;
    });
  }

  private phrase(): string | undefined {
    return this.attempt(() => {
      const start = this.position;
      if (!this.eat('"')) return undefined;
      for (;;) {
        if (this.escapeCharacter()) continue;
        if (this.at('"') || !this.any()) break;
      }
      return this.eat('"') ? this.input.slice(start, this.position) : undefined;
    });
  }

  private numberValue(): true | undefined {
    return this.attempt(() => {
      if (!this.eat('-')) this.eat('\\-');
      const digits = (): boolean => {
        const start = this.position;
        while (/[0-9]/.test(this.peek() ?? '')) this.position++;
        return this.position > start;
      };
      if (!digits()) return undefined;
      this.attempt(() => (this.eat('.') && digits() ? true : undefined));
      return true;
    });
  }

  private numericTerm(): string | undefined {
    const start = this.position;
    if (!this.numberValue()) return undefined;
    this.attempt(() => (this.eat('E') && this.numberValue() ? true : undefined));
    return this.input.slice(start, this.position);
  }

  // Rules.

  /** `multitermlookahead`: a TERM not followed by `:`, `*` or whitespace then AND/OR. */
  private multitermAhead(): boolean {
    return this.ahead(() => {
      if (this.term() === undefined) return undefined;
      if (this.at(':') || this.at('*')) return undefined;
      const followedByConjunction = this.ahead(() => {
        if (!this.whitespace()) return undefined;
        while (this.whitespace());
        return this.and() ?? this.or();
      });
      return followedByConjunction ? undefined : true;
    });
  }

  private multiterm(): string[] | undefined {
    const terms: string[] = [];
    for (;;) {
      const next = this.attempt(() => {
        if (terms.length > 0) this.skip();
        if (!this.multitermAhead()) return undefined;
        return this.term();
      });
      if (next === undefined) break;
      terms.push(next);
    }
    return terms.length > 0 ? terms : undefined;
  }

  private field(): string | undefined {
    return this.attempt(() => {
      const term = this.term();
      return term !== undefined && this.eat(':') ? term : undefined;
    });
  }

  private operator(): Comparison | undefined {
    if (this.eat('>=')) return 'gte';
    if (this.eat('<=')) return 'lte';
    if (this.eat('>')) return 'gt';
    if (this.eat('<')) return 'lt';
    return undefined;
  }

  private rangeValue(): string | undefined {
    const start = this.position;
    for (;;) {
      const character = this.peek();
      if (character === undefined || WHITESPACE.has(character) || character === ']' || character === '}')
        break;
      this.position += character.length;
    }
    return this.position > start ? this.input.slice(start, this.position) : undefined;
  }

  private range(): ValuePart | undefined {
    return this.attempt(() => {
      const open = this.peek();
      if (open !== '[' && open !== '{') return undefined;
      this.position++;
      this.skip();
      const lower = this.rangeValue();
      if (lower === undefined) return undefined;
      this.skip();
      if (!this.eat('TO')) return undefined;
      this.skip();
      const upper = this.rangeValue();
      if (upper === undefined) return undefined;
      this.skip();
      const close = this.peek();
      if (close !== ']' && close !== '}') return undefined;
      this.position++;
      return { rule: 'range', brackets: [open, close], values: [lower, upper] };
    });
  }

  private value(): ValuePart | undefined {
    const star = this.attempt(() => (this.eat('*') && this.termEnd() ? true : undefined));
    if (star) return { rule: 'star' };
    const phrase = this.phrase();
    if (phrase !== undefined) return { rule: 'phrase', text: phrase };
    const prefix = this.termPrefix();
    if (prefix !== undefined) return { rule: 'prefix', text: prefix };
    const comparison = this.attempt((): ValuePart | undefined => {
      const operator = this.operator();
      if (operator === undefined) return undefined;
      const numeric = this.numericTerm();
      if (numeric !== undefined) return { rule: 'comparison', operator, numeric: true, text: numeric };
      const term = this.term();
      return term === undefined ? undefined : { rule: 'comparison', operator, numeric: false, text: term };
    });
    if (comparison !== undefined) return comparison;
    const range = this.range();
    if (range !== undefined) return range;
    const term = this.attempt(() => {
      const text = this.term();
      return text !== undefined && this.termEnd() ? text : undefined;
    });
    if (term !== undefined) return { rule: 'term', text: term };
    const glob = this.termGlob();
    return glob === undefined ? undefined : { rule: 'glob', text: glob };
  }

  /** `clause`: `*:*`, `[field:]value` or `[field:](query)`. */
  private clause(defaultField: string): QueryNode | undefined {
    if (this.attempt(() => (this.eat('*') && this.eat(':') && this.eat('*') ? true : undefined)))
      return { type: 'all' };
    const withValue = this.attempt(() => {
      const field = this.field();
      this.skip();
      const value = this.value();
      return value === undefined ? undefined : clauseNode(field ?? defaultField, value);
    });
    if (withValue !== undefined) return withValue;
    return this.attempt(() => {
      const field = this.field();
      this.skip();
      if (!this.eat('(')) return undefined;
      this.skip();
      const query = this.query(field ?? defaultField);
      if (query === undefined) return undefined;
      this.skip();
      return this.eat(')') ? query : undefined;
    });
  }

  private modifier(): Item | undefined {
    if (this.eat('+')) return { type: 'modifier', not: false };
    return this.not() ? { type: 'modifier', not: true } : undefined;
  }

  private conjunction(): Item | undefined {
    if (this.and()) return { type: 'conjunction', or: false };
    return this.or() ? { type: 'conjunction', or: true } : undefined;
  }

  /** One element of a query: a multiterm, or [conjunction] [modifier] clause. */
  private element(defaultField: string, first: boolean): Item[] | undefined {
    const terms = this.multiterm();
    if (terms !== undefined)
      return [{ type: 'node', node: { type: 'term', attr: defaultField, value: terms.join(' ') } }];
    return this.attempt(() => {
      const items: Item[] = [];
      if (!first) {
        const conjunction = this.attempt(() => this.conjunction());
        if (conjunction !== undefined) {
          items.push(conjunction);
          this.skip();
        }
      }
      const modifier = this.attempt(() => this.modifier());
      if (modifier !== undefined) {
        items.push(modifier);
        this.skip();
      }
      const clause = this.clause(defaultField);
      if (clause === undefined) return undefined;
      items.push({ type: 'node', node: clause });
      return items;
    });
  }

  /** `query`, visited as VRL's `visit_query`: AND binds tighter than OR, NOT applies to the next node. */
  private query(defaultField: string): QueryNode | undefined {
    const first = this.element(defaultField, true);
    if (first === undefined) return undefined;
    const items = [...first];
    for (;;) {
      const next = this.attempt(() => {
        this.skip();
        return this.element(defaultField, false);
      });
      if (next === undefined) break;
      items.push(...next);
    }
    const andGroups: QueryNode[] = [];
    let andGroup: QueryNode[] = [];
    let negate = false;
    for (const item of items) {
      if (item.type === 'conjunction') {
        if (item.or) {
          andGroups.push(booleanNode('and', andGroup));
          andGroup = [];
        }
      } else if (item.type === 'modifier') {
        if (item.not) negate = true;
      } else {
        andGroup.push(negate ? { type: 'not', node: item.node } : item.node);
        negate = false;
      }
    }
    andGroups.push(booleanNode('and', andGroup));
    const node = booleanNode('or', andGroups);
    if (node.type === 'not' && node.node.type === 'all') return { type: 'none' };
    return node;
  }
}

function booleanNode(type: 'and' | 'or', nodes: QueryNode[]): QueryNode {
  return nodes.length === 1 ? (nodes[0] as QueryNode) : { type, nodes };
}

const BRACKETS: Record<string, Comparison> = { '[': 'gte', ']': 'lte', '{': 'gt', '}': 'lt' };

function clauseNode(field: string, value: ValuePart): QueryNode {
  if (value.rule === 'phrase' || value.rule === 'term') {
    const text = value.rule === 'phrase' ? removeEscapes(value.text.slice(1, -1)) : removeEscapes(value.text);
    if (field === '_exists_') return { type: 'exists', attr: text };
    if (field === '_missing_') return { type: 'missing', attr: text };
  }
  const attr = removeEscapes(field);
  switch (value.rule) {
    case 'star':
      return field === DEFAULT_FIELD ? { type: 'all' } : { type: 'wildcard', attr, wildcard: '*' };
    case 'term':
      return { type: 'term', attr, value: removeEscapes(value.text) };
    case 'phrase':
      return { type: 'phrase', attr, phrase: removeEscapes(value.text.slice(1, -1)) };
    case 'prefix':
      return { type: 'prefix', attr, prefix: removeEscapes(value.text.slice(0, -1)) };
    case 'glob':
      return { type: 'wildcard', attr, wildcard: removeEscapes(value.text) };
    case 'comparison':
      return {
        type: 'comparison',
        attr,
        comparator: value.operator,
        value: value.numeric
          ? comparisonValue(value.text)
          : { type: 'string', value: removeEscapes(value.text) },
      };
    default: {
      const lower = BRACKETS[value.brackets[0]] as Comparison;
      const upper = BRACKETS[value.brackets[1]] as Comparison;
      const inclusive = lower === 'gte' && upper === 'lte';
      // VRL panics on mixed brackets (`[1 TO 2}`); here the query is refused.
      if (!inclusive && !(lower === 'gt' && upper === 'lt'))
        throw new QueryParseError('invalid range comparison');
      return {
        type: 'range',
        attr,
        lower: comparisonValue(value.values[0]),
        lowerInclusive: inclusive,
        upper: comparisonValue(value.values[1]),
        upperInclusive: inclusive,
      };
    }
  }
}

/** Parses a query (an empty or blank one matches everything). */
export function parseQuery(query: string): QueryNode {
  if (query.trim() === '') return { type: 'all' };
  return new Parser(query).parse();
}
