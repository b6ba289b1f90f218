import { formatTimestamp } from './display.js';
import { floatValue } from './markers.js';
import type { VrlRegex } from './regex.js';
import {
  integerValue,
  numberOfValue,
  type ObjectValue,
  setOwnField,
  sortedKeys,
  Tag,
  tagOf,
  type Value,
} from './value.js';

/**
 * JSON as VRL reads and writes it (serde_json): a number without a fraction or exponent is an
 * integer (beyond i64, a float), any other a float (`1.0` stays a float); nesting deeper than
 * 128 levels is refused; errors say where, as serde_json does ("… at line 1 column 3").
 */
export class JsonSyntaxError extends Error {
  constructor(reason: string, line: number, column: number) {
    super(`${reason} at line ${line} column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

const RECURSION_LIMIT = 128;

export function parseJson(text: string): Value {
  // The engine's JSON.parse is several times faster; it is exact unless a number is a whole
  // float (`1.0`) or an integer beyond 2^53, or nesting passes the limit. A value without whole
  // numbers within the limit is exact (the usual log line: strings); otherwise a scan tells.
  let parsed: Value;
  try {
    parsed = JSON.parse(text) as Value;
  } catch {
    // serde_json's error message comes from the reader below.
    return new JsonReader(text).document();
  }
  if (holdsNoWholeNumber(parsed, 1) || nativeParseIsExact(text)) return parsed;
  return new JsonReader(text).document();
}

/**
 * Whether a parsed value holds no whole number (which may have been `1.0` or a rounded big
 * integer in the text) and nests within the limit (`depth`: the value's level, 1 at the top).
 */
function holdsNoWholeNumber(value: Value, depth: number): boolean {
  if (typeof value === 'number') return !Number.isInteger(value);
  if (value === null || typeof value !== 'object') return true;
  if (depth > RECURSION_LIMIT) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!holdsNoWholeNumber(item, depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    const item = (value as ObjectValue)[key] as Value;
    // Strings, the usual field, without a call.
    if (typeof item !== 'string' && !holdsNoWholeNumber(item, depth + 1)) return false;
  }
  return true;
}

/** Whether `JSON.parse` reads the text as serde_json would (numbers, depth); a scan outside strings. */
function nativeParseIsExact(text: string): boolean {
  let depth = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      // Skip the string.
      for (index++; index < length; index++) {
        const inner = text.charCodeAt(index);
        if (inner === 0x5c) index++;
        else if (inner === 0x22) break;
      }
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > RECURSION_LIMIT) return false;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      const start = index;
      let fraction = false;
      while (index + 1 < length) {
        const next = text.charCodeAt(index + 1);
        if (next === 0x2e || next === 0x65 || next === 0x45) fraction = true;
        else if (!(next >= 0x30 && next <= 0x39) && next !== 0x2b && next !== 0x2d) break;
        index++;
      }
      if (fraction) {
        if (Number.isInteger(Number(text.slice(start, index + 1)))) return false;
      } else if (index - start >= 15) {
        return false;
      }
    }
  }
  return true;
}

class JsonReader {
  private index = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): Value {
    const value = this.value();
    this.skipWhitespace();
    if (this.index < this.text.length) throw this.error('trailing characters', this.index + 1);
    return value;
  }

  /**
   * serde_json's position: `offset` is the 1-based column target (the index after the offending
   * character), capped at the end of the text; the column counts from the line's start.
   */
  private error(reason: string, offset = this.index): JsonSyntaxError {
    const at = Math.min(offset, this.text.length);
    let line = 1;
    let lineStart = 0;
    for (let position = 0; position < at; position++) {
      if (this.text.charCodeAt(position) === 0x0a) {
        line++;
        lineStart = position + 1;
      }
    }
    return new JsonSyntaxError(reason, line, at - lineStart);
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (this.index < text.length) {
      const code = text.charCodeAt(this.index);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return;
      this.index++;
    }
  }

  private value(): Value {
    this.skipWhitespace();
    const character = this.text[this.index];
    switch (character) {
      case undefined:
        throw this.error('EOF while parsing a value', this.index + 1);
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.keyword('true', true);
      case 'f':
        return this.keyword('false', false);
      case 'n':
        return this.keyword('null', null);
      default:
        if (character === '-' || (character >= '0' && character <= '9')) return this.number();
        throw this.error('expected value', this.index + 1);
    }
  }

  private keyword(word: string, value: Value): Value {
    for (let offset = 0; offset < word.length; offset++) {
      const character = this.text[this.index + offset];
      if (character === undefined) throw this.error('EOF while parsing a value', this.index + offset + 1);
      if (character !== word[offset]) throw this.error('expected ident', this.index + offset + 1);
    }
    this.index += word.length;
    return value;
  }

  private enter(): void {
    if (++this.depth > RECURSION_LIMIT) throw this.error('recursion limit exceeded', this.index + 1);
  }

  private object(): Value {
    this.enter();
    this.index++;
    const object: ObjectValue = {};
    this.skipWhitespace();
    if (this.text[this.index] === '}') {
      this.index++;
      this.depth--;
      return object;
    }
    for (;;) {
      this.skipWhitespace();
      const character = this.text[this.index];
      if (character === undefined) throw this.error('EOF while parsing an object', this.index + 1);
      if (character !== '"') throw this.error('key must be a string', this.index + 1);
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.index] === undefined)
        throw this.error('EOF while parsing an object', this.index + 1);
      if (this.text[this.index] !== ':') throw this.error('expected `:`', this.index + 1);
      this.index++;
      setOwnField(object, key, this.value());
      this.skipWhitespace();
      const next = this.text[this.index];
      if (next === ',') {
        this.index++;
        this.skipWhitespace();
        if (this.text[this.index] === '}') throw this.error('trailing comma', this.index + 1);
        continue;
      }
      if (next === '}') {
        this.index++;
        this.depth--;
        return object;
      }
      if (next === undefined) throw this.error('EOF while parsing an object', this.index + 1);
      throw this.error('expected `,` or `}`', this.index + 1);
    }
  }

  private array(): Value {
    this.enter();
    this.index++;
    const array: Value[] = [];
    this.skipWhitespace();
    if (this.text[this.index] === ']') {
      this.index++;
      this.depth--;
      return array;
    }
    for (;;) {
      array.push(this.value());
      this.skipWhitespace();
      const next = this.text[this.index];
      if (next === ',') {
        this.index++;
        this.skipWhitespace();
        if (this.text[this.index] === ']') throw this.error('trailing comma', this.index + 1);
        continue;
      }
      if (next === ']') {
        this.index++;
        this.depth--;
        return array;
      }
      if (next === undefined) throw this.error('EOF while parsing a list', this.index + 1);
      throw this.error('expected `,` or `]`', this.index + 1);
    }
  }

  private string(): string {
    const text = this.text;
    let index = this.index + 1;
    let output = '';
    let chunkStart = index;
    for (;;) {
      if (index >= text.length) throw this.error('EOF while parsing a string', index + 1);
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        output += text.slice(chunkStart, index);
        this.index = index + 1;
        return output;
      }
      if (code < 0x20)
        throw this.error('control character (\\u0000-\\u001F) found while parsing a string', index + 1);
      if (code !== 0x5c) {
        index++;
        continue;
      }
      output += text.slice(chunkStart, index);
      const escaped = text[index + 1];
      index += 2;
      switch (escaped) {
        case '"':
          output += '"';
          break;
        case '\\':
          output += '\\';
          break;
        case '/':
          output += '/';
          break;
        case 'b':
          output += '\b';
          break;
        case 'f':
          output += '\f';
          break;
        case 'n':
          output += '\n';
          break;
        case 'r':
          output += '\r';
          break;
        case 't':
          output += '\t';
          break;
        case 'u': {
          const hex = text.slice(index, index + 4);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw this.error('invalid escape', index + 1);
          // Lone surrogates are kept as they are (JavaScript strings can hold them).
          output += String.fromCharCode(Number.parseInt(hex, 16));
          index += 4;
          break;
        }
        case undefined:
          throw this.error('EOF while parsing a string', index);
        default:
          throw this.error('invalid escape', index);
      }
      chunkStart = index;
    }
  }

  private number(): Value {
    const text = this.text;
    const start = this.index;
    let index = start;
    if (text[index] === '-') index++;
    const digitsStart = index;
    while (isDigit(text.charCodeAt(index))) index++;
    if (index === digitsStart) throw this.error('invalid number', index + 1);
    if (text[digitsStart] === '0' && index - digitsStart > 1)
      throw this.error('invalid number', digitsStart + 2);
    let float = false;
    if (text[index] === '.') {
      float = true;
      index++;
      const fractionStart = index;
      while (isDigit(text.charCodeAt(index))) index++;
      if (index === fractionStart) throw this.error('EOF while parsing a value', index + 1);
    }
    if (text[index] === 'e' || text[index] === 'E') {
      float = true;
      index++;
      if (text[index] === '+' || text[index] === '-') index++;
      const exponentStart = index;
      while (isDigit(text.charCodeAt(index))) index++;
      if (index === exponentStart) throw this.error('EOF while parsing a value', index + 1);
    }
    this.index = index;
    const literal = text.slice(start, index);
    if (!float) {
      const integer = BigInt(literal);
      if (integer >= -(2n ** 63n) && integer < 2n ** 63n) return integerValue(integer);
      return Number(literal);
    }
    const value = Number(literal);
    if (!Number.isFinite(value)) throw this.error('number out of range', index);
    return floatValue(value);
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A float as serde_json writes it (ryu): `1.0`, `0.001`, `1e21`, `1.5e-7`. */
export function formatJsonFloat(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const length = digits.length;
  const exponent = Number(exponentText) - (length - 1);
  const scale = length + exponent;
  let text: string;
  if (exponent >= 0 && scale <= 16) text = `${digits}${'0'.repeat(exponent)}.0`;
  else if (scale > 0 && scale <= 16) text = `${digits.slice(0, scale)}.${digits.slice(scale)}`;
  else if (scale > -5 && scale <= 0) text = `0.${'0'.repeat(-scale)}${digits}`;
  else if (length === 1) text = `${digits}e${scale - 1}`;
  else text = `${digits[0]}.${digits.slice(1)}e${scale - 1}`;
  return negative ? `-${text}` : text;
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A string as serde_json writes it: `"`, `\` and control characters escaped, the rest as is. */
export function quoteJsonString(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point.
  if (!/["\\\u0000-\u001f]/.test(text)) return `"${text}"`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point.
  const escaped = text.replace(/["\\\u0000-\u001f]/g, (character) => {
    return ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

/**
 * A value as VRL's JSON encoding writes it: object keys sorted (VRL objects are ordered maps),
 * timestamps as RFC 3339, regexes as their pattern; `pretty` indents by two spaces.
 */
export function encodeJson(value: Value | undefined, pretty = false): string {
  return write(value, pretty ? '\n' : '');
}

function write(value: Value | undefined, newline: string): string {
  switch (tagOf(value)) {
    case Tag.Bytes:
      return quoteJsonString(value as string);
    case Tag.Integer:
      return String(value);
    case Tag.Float:
      return formatJsonFloat(numberOfValue(value as Value));
    case Tag.Boolean:
      return String(value);
    case Tag.Timestamp:
      return quoteJsonString(formatTimestamp(value as Date));
    case Tag.Regex:
      return quoteJsonString((value as VrlRegex).pattern);
    case Tag.Null:
      return 'null';
    case Tag.Array: {
      const array = value as Value[];
      if (array.length === 0) return '[]';
      const inner = newline === '' ? '' : `${newline}  `;
      const items = array.map((item) => write(item, inner));
      return newline === '' ? `[${items.join(',')}]` : `[${inner}${items.join(`,${inner}`)}${newline}]`;
    }
    default: {
      const object = value as ObjectValue;
      const keys = sortedKeys(object);
      if (keys.length === 0) return '{}';
      const inner = newline === '' ? '' : `${newline}  `;
      const separator = newline === '' ? ':' : ': ';
      const fields = keys.map((key) => `${quoteJsonString(key)}${separator}${write(object[key], inner)}`);
      return newline === '' ? `{${fields.join(',')}}` : `{${inner}${fields.join(`,${inner}`)}${newline}}`;
    }
  }
}
