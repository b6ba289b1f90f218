import { Diagnostic, Label } from '../diagnostic/diagnostic.js';

/**
 * VRL's tokens, as its lexer (`vrl/src/parser/lex.rs`) cuts them: a run of operator characters is
 * one token (`==-` is one unknown operator, as in VRL), `-5` is a negative literal, an identifier
 * right before `(` or `!` is a function call, `1e5` is an identifier. Offsets are UTF-16 indices.
 */
export type TokenType =
  | 'identifier'
  | 'path field'
  | 'function call'
  | 'reserved identifier'
  | 'string literal'
  | 'raw string literal'
  | 'integer literal'
  | 'float literal'
  | 'regex literal'
  | 'timestamp literal'
  | 'if'
  | 'else'
  | 'null'
  | 'true'
  | 'false'
  | 'abort'
  | 'return'
  | ';'
  | '\n'
  | '='
  | '|='
  | ','
  | '_'
  | ':'
  | '.'
  | '&'
  | '!'
  | '->'
  | '%'
  | '?'
  | '\\'
  | 'operator'
  | '['
  | '{'
  | '('
  | ']'
  | '}'
  | ')'
  | 'invalid token'
  | 'end';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** The identifier, the operator, the literal's source between its quotes. */
  text: string;
  /** A number literal's value. */
  number?: number | bigint;
}

/** VRL's name of a token kind in "unexpected syntax token" (its `Token` Display). */
export function tokenDisplayName(token: Token): string {
  const names: Partial<Record<TokenType, string>> = {
    identifier: 'Identifier',
    'path field': 'PathField',
    'function call': 'FunctionCall',
    operator: 'Operator',
    'string literal': 'StringLiteral',
    'raw string literal': 'RawStringLiteral',
    'integer literal': 'IntegerLiteral',
    'float literal': 'FloatLiteral',
    'regex literal': 'RegexLiteral',
    'timestamp literal': 'TimestampLiteral',
    'reserved identifier': 'ReservedIdentifier',
    'invalid token': 'InvalidToken',
    else: 'Else',
    false: 'False',
    if: 'If',
    null: 'Null',
    true: 'True',
    abort: 'Abort',
    return: 'Return',
    ':': 'Colon',
    ',': 'Comma',
    '.': 'Dot',
    '{': 'LBrace',
    '[': 'LBracket',
    '(': 'LParen',
    '\n': 'Newline',
    '}': 'RBrace',
    ']': 'RBracket',
    ')': 'RParen',
    ';': 'SemiColon',
    _: 'Underscore',
    '\\': 'Escape',
    '->': 'Arrow',
    '&': 'Ampersand',
    '%': 'Percent',
    '=': 'Equals',
    '|=': 'MergeEquals',
    '!': 'Bang',
    '?': 'Question',
  };
  return names[token.type] ?? token.type;
}

const RESERVED = new Set([
  'array',
  'bool',
  'boolean',
  'break',
  'continue',
  'do',
  'emit',
  'float',
  'for',
  'forall',
  'foreach',
  'all',
  'each',
  'any',
  'try',
  'undefined',
  'int',
  'integer',
  'iter',
  'object',
  'regex',
  'string',
  'traverse',
  'timestamp',
  'duration',
  'unless',
  'walk',
  'while',
  'loop',
]);

const KEYWORDS = new Set(['if', 'else', 'true', 'false', 'null', 'abort', 'return']);

export function isIdentStart(character: string | undefined): boolean {
  if (character === undefined) return false;
  const code = character.charCodeAt(0);
  return character === '@' || character === '_' || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

export function isIdentContinue(character: string | undefined): boolean {
  return isIdentStart(character) || isDigit(character);
}

function isDigit(character: string | undefined): boolean {
  if (character === undefined) return false;
  const code = character.charCodeAt(0);
  return code >= 48 && code <= 57;
}

const OPERATOR_CHARACTERS = new Set(['!', '&', '*', '+', '-', '/', '<', '=', '>', '?', '|']);

function isOperator(character: string | undefined): boolean {
  return character !== undefined && OPERATOR_CHARACTERS.has(character);
}

function isWhitespace(character: string): boolean {
  return /\s/u.test(character);
}

/** A lexer error: the whole program is refused with this one diagnostic, as VRL does. */
export class LexError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** Cuts a program into tokens; throws {@link LexError} on an invalid literal. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const length = source.length;
  // VRL's lexer looks ahead through `[…]`, `{…}` and `name(…)` for path queries and reports an
  // unterminated literal found there one character later: these delimiters are tracked for that.
  const delimiters: boolean[] = [];
  const scanned = (): boolean => delimiters.includes(true);
  const push = (type: TokenType, start: number, end: number, text = source.slice(start, end)): void => {
    tokens.push({ type, start, end, text });
  };

  while (index < length) {
    const start = index;
    const character = source[index] as string;
    const next = source[index + 1];
    switch (character) {
      case '"':
        index = readString(source, start, scanned());
        push('string literal', start, index, source.slice(start + 1, index - 1));
        continue;
      case ';':
        push(';', start, ++index);
        continue;
      case '\n':
        index++;
        if (!nextSignificantIsElse(source, index)) push('\n', start, index);
        continue;
      case '\\':
        push('\\', start, ++index);
        continue;
      case '(':
      case '[':
      case '{':
        delimiters.push(character !== '(' || followsFunctionName(tokens));
        push(character as TokenType, start, ++index);
        continue;
      case '}':
      case ']':
      case ')':
        delimiters.pop();
        push(character as TokenType, start, ++index);
        continue;
      case '.':
      case '%':
      case ':':
      case ',':
        push(character as TokenType, start, ++index);
        continue;
      case '#':
        while (index < length && source[index] !== '\n') index++;
        continue;
      default:
        break;
    }
    if (character === '&' && next !== '&') {
      push('&', start, ++index);
      continue;
    }
    if (character === '_' && !isIdentContinue(next)) {
      push('_', start, ++index);
      continue;
    }
    if (character === '!' && (next === '!' || !isOperator(next))) {
      push('!', start, ++index);
      continue;
    }
    if (character === '-' && next === '>') {
      index += 2;
      push('->', start, index);
      continue;
    }
    if ((character === 'r' || character === 's' || character === 't') && next === "'") {
      index = readQuoted(source, start, scanned());
      const content = source.slice(start + 2, index - 1);
      if (character === 's') push('raw string literal', start, index, content);
      else
        push(
          character === 'r' ? 'regex literal' : 'timestamp literal',
          start,
          index,
          content.replaceAll("\\'", "'"),
        );
      continue;
    }
    if (isIdentStart(character)) {
      while (index < length && isIdentContinue(source[index])) index++;
      const name = source.slice(start, index);
      const following = source[index];
      if (following === '(' || following === '!') push('function call', start, index, name);
      else push(identifierType(name), start, index, name);
      continue;
    }
    if (isDigit(character) || (character === '-' && isDigit(next))) {
      index = readNumber(source, start, tokens);
      continue;
    }
    if (isOperator(character)) {
      while (index < length && isOperator(source[index])) index++;
      const operator = source.slice(start, index);
      if (operator === '=') push('=', start, index);
      else if (operator === '|=') push('|=', start, index);
      else if (operator === '?') push('?', start, index);
      else push('operator', start, index, operator);
      continue;
    }
    if (isWhitespace(character)) {
      index++;
      continue;
    }
    const codePoint = String.fromCodePoint(source.codePointAt(index) as number);
    index += codePoint.length;
    push('invalid token', start, index, codePoint);
  }
  tokens.push({ type: 'end', start: length, end: length, text: '' });
  return tokens;
}

/** Whether the last tokens are a function name (`name` or `name!`), before its `(`. */
function followsFunctionName(tokens: Token[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last?.type === 'function call') return true;
  return last?.type === '!' && tokens[tokens.length - 2]?.type === 'function call';
}

function identifierType(name: string): TokenType {
  if (KEYWORDS.has(name)) return name as TokenType;
  if (RESERVED.has(name)) return 'reserved identifier';
  if (name.includes('@')) return 'path field';
  return 'identifier';
}

/** Whether the next token after whitespace, comments and newlines is `else` (VRL joins the lines). */
function nextSignificantIsElse(source: string, from: number): boolean {
  let index = from;
  while (index < source.length) {
    const character = source[index] as string;
    if (isWhitespace(character)) {
      index++;
    } else if (character === '#') {
      while (index < source.length && source[index] !== '\n') index++;
    } else {
      return source.startsWith('else', index) && !isIdentContinue(source[index + 4]);
    }
  }
  return false;
}

function lexError(code: number, message: string, labels: Label[]): LexError {
  return new LexError(new Diagnostic('error', code, message, labels, []));
}

/** Reads a `"…"` literal from its opening quote; returns the index after the closing quote. */
function readString(source: string, start: number, lookahead: boolean): number {
  let index = start + 1;
  while (index < source.length) {
    const character = source[index];
    if (character === '"') return index + 1;
    if (character === '\\') {
      index = checkEscape(source, index);
      continue;
    }
    index++;
  }
  const at = lookahead ? start + 1 : start;
  throw lexError(207, 'invalid string literal', [Label.primary('invalid string literal', at, at + 1)]);
}

/** Checks the escape at `index` (the backslash); returns the index after it. */
function checkEscape(source: string, index: number): number {
  const escaped = source[index + 1];
  if (escaped === undefined) {
    throw lexError(209, 'invalid escape character: \\', [
      Label.primary('invalid escape character: none', index, index + 1),
    ]);
  }
  if ('\n\'"\\nrt{}0'.includes(escaped)) return index + 2;
  if (escaped === 'u') return checkUnicodeEscape(source, index);
  const position = index + 1;
  throw lexError(209, `invalid escape character: \\${escaped}`, [
    Label.primary(`invalid escape character: ${escaped}`, position, position + 1),
  ]);
}

function checkUnicodeEscape(source: string, start: number): number {
  let index = start + 2;
  if (source[index] !== '{') {
    const character = source[index];
    if (character === undefined) {
      throw lexError(209, 'invalid escape character: \\', [
        Label.primary('invalid escape character: none', start, start + 1),
      ]);
    }
    throw lexError(209, `invalid escape character: \\${character}`, [
      Label.primary(`invalid escape character: ${character}`, index, index + 1),
    ]);
  }
  index++;
  const hexStart = index;
  while (index < source.length && /[0-9A-Fa-f]/.test(source[index] as string)) index++;
  if (source[index] === '}') {
    const end = index + 1;
    const hex = source.slice(hexStart, index);
    const codePoint = hex === '' ? Number.NaN : Number.parseInt(hex, 16);
    if (
      hex.length === 0 ||
      hex.length > 8 ||
      codePoint > 0x10ffff ||
      (codePoint >= 0xd800 && codePoint <= 0xdfff)
    ) {
      throw lexError(211, 'invalid unicode escape sequence', [
        Label.primary('invalid unicode escape sequence', start, end),
      ]);
    }
    return end;
  }
  const character = source[index];
  if (character === undefined) {
    throw lexError(209, 'invalid escape character: \\', [
      Label.primary('invalid escape character: none', start, start + 1),
    ]);
  }
  throw lexError(209, `invalid escape character: \\${character}`, [
    Label.primary(`invalid escape character: ${character}`, index, index + 1),
  ]);
}

/** Reads `r'…'`, `s'…'`, `t'…'` (a backslash escapes the next character); returns the end. */
function readQuoted(source: string, start: number, lookahead: boolean): number {
  let index = start + 2;
  while (index < source.length) {
    const character = source[index];
    if (character === '\\') {
      index += 2;
      continue;
    }
    if (character === "'") return index + 1;
    index++;
  }
  const at = lookahead ? start + 1 : start;
  throw lexError(208, 'invalid literal', [Label.primary('invalid literal', at, at + 1)]);
}

function readNumber(source: string, start: number, tokens: Token[]): number {
  let index = start + 1;
  while (index < source.length && (isDigit(source[index]) || source[index] === '_')) index++;
  const negative = source[start] === '-';
  const following = source[index];
  if (isIdentContinue(following) && !negative) {
    while (index < source.length && isIdentContinue(source[index])) index++;
    const name = source.slice(start, index);
    tokens.push({ type: identifierType(name), start, end: index, text: name });
    return index;
  }
  if (following === '.') {
    index++;
    while (index < source.length && (isDigit(source[index]) || source[index] === '_')) index++;
    const text = source.slice(start, index);
    const value = Number(text.replaceAll('_', ''));
    tokens.push({ type: 'float literal', start, end: index, text, number: value });
    return index;
  }
  const text = source.slice(start, index);
  const digits = text.replaceAll('_', '');
  const value = BigInt(digits === '-' ? '0' : digits);
  if (value < I64_MIN || value > I64_MAX) {
    const reason =
      value < 0n ? 'number too small to fit in target type' : 'number too large to fit in target type';
    throw lexError(206, 'invalid numeric literal', [
      Label.primary(`invalid numeric literal: ${reason}`, start, index),
    ]);
  }
  const number = value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
  tokens.push({ type: 'integer literal', start, end: index, text, number });
  return index;
}

/** The value of a `"…"` literal's source: escapes resolved, `\` + newline + indentation dropped. */
export function unescapeString(text: string): string {
  if (!text.includes('\\')) return text;
  let output = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index] as string;
    if (character !== '\\') {
      output += character;
      index++;
      continue;
    }
    const escaped = text[index + 1] as string;
    index += 2;
    switch (escaped) {
      case '\n':
        while (index < text.length && isWhitespace(text[index] as string)) index++;
        break;
      case 'u': {
        const close = text.indexOf('}', index);
        output += String.fromCodePoint(Number.parseInt(text.slice(index + 1, close), 16));
        index = close + 1;
        break;
      }
      case 'n':
        output += '\n';
        break;
      case 'r':
        output += '\r';
        break;
      case 't':
        output += '\t';
        break;
      case '0':
        output += '\0';
        break;
      default:
        output += escaped;
    }
  }
  return output;
}
