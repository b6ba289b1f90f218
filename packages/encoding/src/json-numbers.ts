import { type FieldValue, floatValue, NESTING_LIMIT, nestsTooDeep } from '@sluice/component-api';

/**
 * JSON read with its numbers as Vector reads them (serde_json into vrl's Value): `2.0` stays a
 * float (a `FloatValue`), an integer beyond 2^53 stays exact (a `bigint`, up to i64), a number
 * beyond f64 is an error. `JSON.parse` makes every number a double, so it is kept for the common
 * case: only a text that holds a whole float, an exponent, a long number or `-0` (a cheap scan,
 * strings included) is read by the parser below, which is exact.
 */
const NEEDS_EXACT = /\.0+(?![1-9])|\.\d{15}|\d[eE]|\d{16}|-0(?![.\deE])/;

/**
 * What becomes of an integer beyond i64 that fits u64: Vector's json decoder makes it a string
 * (`From<serde_json::Value>`), its config (serde's visitor) a float. Beyond u64 both make a float.
 */
export type UnsignedBeyondI64 = 'string' | 'float';

export interface ExactJsonOptions {
  unsignedBeyondI64: UnsignedBeyondI64;
}

/** Whether `JSON.parse` reads `text` as Vector does (no whole float, big integer or exponent in it). */
export function jsonNeedsExactNumbers(text: string): boolean {
  return NEEDS_EXACT.test(text);
}

/**
 * `JSON.parse` with Vector's numbers and serde_json's nesting limit (`NESTING_LIMIT`: arrays and
 * objects nested 128 deep are refused); throws a SyntaxError as JSON.parse does.
 */
export function parseJsonExact(text: string, options: ExactJsonOptions): unknown {
  if (NEEDS_EXACT.test(text)) return new ExactParser(text, options).parseDocument();
  const value = JSON.parse(text);
  // Each level takes two characters at least: a shorter text cannot nest that deep.
  if (text.length >= 2 * NESTING_LIMIT && nestsTooDeep(value)) throw recursionLimitExceeded();
  return value;
}

/** serde_json's message for the same refusal. */
function recursionLimitExceeded(position?: number): SyntaxError {
  return new SyntaxError(
    `recursion limit exceeded${position === undefined ? '' : ` in JSON at position ${position}`} (arrays and objects may nest ${NESTING_LIMIT - 1} deep)`,
  );
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings.
const STRING = /"(?:[^"\\\u0000-\u001f]+|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class ExactParser {
  #at = 0;
  /** Arrays and objects open around the current position. */
  #depth = 0;

  constructor(
    readonly text: string,
    readonly options: ExactJsonOptions,
  ) {}

  parseDocument(): unknown {
    const value = this.#value();
    this.#space();
    if (this.#at < this.text.length) this.#fail();
    return value;
  }

  #fail(message?: string): never {
    if (message !== undefined) throw new SyntaxError(`${message} in JSON at position ${this.#at}`);
    const character = this.text[this.#at];
    throw new SyntaxError(
      character === undefined
        ? 'Unexpected end of JSON input'
        : `Unexpected token ${character} in JSON at position ${this.#at}`,
    );
  }

  #space(): void {
    const text = this.text;
    let at = this.#at;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code !== 32 && code !== 10 && code !== 13 && code !== 9) break;
      at += 1;
    }
    this.#at = at;
  }

  #value(): unknown {
    this.#space();
    const character = this.text[this.#at];
    if (character === '{') return this.#object();
    if (character === '[') return this.#array();
    if (character === '"') return this.#string();
    if (character === '-' || (character !== undefined && character >= '0' && character <= '9'))
      return this.#number();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.#at)) {
        this.#at += word.length;
        return value;
      }
    }
    return this.#fail();
  }

  /** Opens an array or an object: refused at the nesting limit, so the recursion stays bounded. */
  #enter(): void {
    this.#depth += 1;
    if (this.#depth >= NESTING_LIMIT) throw recursionLimitExceeded(this.#at);
  }

  #object(): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    this.#enter();
    this.#at += 1;
    this.#space();
    if (this.text[this.#at] === '}') {
      this.#at += 1;
      this.#depth -= 1;
      return object;
    }
    for (;;) {
      this.#space();
      if (this.text[this.#at] !== '"') this.#fail();
      const key = this.#string();
      this.#space();
      if (this.text[this.#at] !== ':') this.#fail();
      this.#at += 1;
      const value = this.#value();
      // As JSON.parse: a key `__proto__` is a field, not the prototype.
      if (key === '__proto__')
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
      this.#space();
      const next = this.text[this.#at];
      this.#at += 1;
      if (next === '}') {
        this.#depth -= 1;
        return object;
      }
      if (next !== ',') {
        this.#at -= 1;
        this.#fail();
      }
    }
  }

  #array(): unknown[] {
    const array: unknown[] = [];
    this.#enter();
    this.#at += 1;
    this.#space();
    if (this.text[this.#at] === ']') {
      this.#at += 1;
      this.#depth -= 1;
      return array;
    }
    for (;;) {
      array.push(this.#value());
      this.#space();
      const next = this.text[this.#at];
      this.#at += 1;
      if (next === ']') {
        this.#depth -= 1;
        return array;
      }
      if (next !== ',') {
        this.#at -= 1;
        this.#fail();
      }
    }
  }

  #string(): string {
    STRING.lastIndex = this.#at;
    const match = STRING.exec(this.text);
    if (match === null) this.#fail('Bad string');
    this.#at += match[0].length;
    return match[0].includes('\\') ? (JSON.parse(match[0]) as string) : match[0].slice(1, -1);
  }

  #number(): FieldValue {
    NUMBER.lastIndex = this.#at;
    const match = NUMBER.exec(this.text);
    if (match === null) return this.#fail();
    const token = match[0];
    this.#at += token.length;
    if (match[1] !== undefined || match[2] !== undefined || token === '-0') {
      // serde_json reads `-0` as the float -0.0.
      const value = Number(token);
      if (!Number.isFinite(value)) this.#fail('Number out of range');
      return floatValue(value);
    }
    if (token.length < 16) return Number(token);
    const integer = BigInt(token);
    if (integer >= -(2n ** 53n) + 1n && integer <= 2n ** 53n - 1n) return Number(integer);
    if (integer >= I64_MIN && integer <= I64_MAX) return integer;
    if (integer > 0n && integer <= U64_MAX && this.options.unsignedBeyondI64 === 'string') return token;
    const value = Number(token);
    if (!Number.isFinite(value)) this.#fail('Number out of range');
    return value;
  }
}
