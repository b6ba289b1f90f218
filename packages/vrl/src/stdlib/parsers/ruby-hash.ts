import { fail } from '../../runtime/errors.js';
import { floatValue } from '../../value/markers.js';
import { type ObjectValue, setOwnField, type Value } from '../../value/value.js';
import { charError, convertError, type NomError, nomError } from './nom-error.js';
import { rustTrim } from './whitespace.js';

/**
 * VRL's Ruby hash parser (`src/parsing/ruby_hash.rs`), a port of its nom combinators with nom's
 * error handling: an `Error` lets an alternative be tried, a `Failure` (after `cut`) stops the
 * parse; both carry a `VerboseError` that becomes the message.
 */

class Failed {
  constructor(
    /** After `cut`: no alternative may be tried. */
    readonly failure: boolean,
    readonly error: NomError,
  ) {}
}

const error = (at: number, kind: string): Failed => new Failed(false, nomError(at, kind));

type Result<T> = [number, T];

class RubyHashParser {
  constructor(private readonly text: string) {}

  /** `sp`: spaces, tabs and line breaks. */
  private space(at: number): number {
    let index = at;
    while (index < this.text.length && ' \t\r\n'.includes(this.text[index] as string)) index++;
    return index;
  }

  private char(at: number, expected: string): number {
    if (this.text[at] === expected) return at + 1;
    throw new Failed(false, charError(at, expected));
  }

  private tag(at: number, expected: string): number {
    if (this.text.startsWith(expected, at)) return at + expected.length;
    throw error(at, 'Tag');
  }

  /** `context(name, parser)`: the context is added to an error or failure. */
  private context<T>(name: string, at: number, parse: () => T): T {
    try {
      return parse();
    } catch (thrown) {
      if (thrown instanceof Failed) thrown.error.entries.push({ at, kind: { context: name } });
      throw thrown;
    }
  }

  /** `cut(parser)`: an error becomes a failure. */
  private cut<T>(parse: () => T): T {
    try {
      return parse();
    } catch (thrown) {
      if (thrown instanceof Failed && !thrown.failure) throw new Failed(true, thrown.error);
      throw thrown;
    }
  }

  /** `alt(...)`: the first that does not error; else the last error, with `Alt` appended. */
  private alt<T>(at: number, alternatives: (() => T)[]): T {
    let last: Failed | undefined;
    for (const alternative of alternatives) {
      try {
        return alternative();
      } catch (thrown) {
        if (!(thrown instanceof Failed) || thrown.failure) throw thrown;
        last = thrown;
      }
    }
    (last as Failed).error.append(at, 'Alt');
    throw last;
  }

  /** `separated_list0(preceded(sp, char(',')), item)`. */
  private list<T>(at: number, item: (at: number) => Result<T>): Result<T[]> {
    const items: T[] = [];
    let index = at;
    try {
      const [end, value] = item(index);
      items.push(value);
      index = end;
    } catch (thrown) {
      if (thrown instanceof Failed && !thrown.failure) return [at, items];
      throw thrown;
    }
    for (;;) {
      const separator = this.space(index);
      if (this.text[separator] !== ',') return [index, items];
      try {
        const [end, value] = item(separator + 1);
        items.push(value);
        index = end;
      } catch (thrown) {
        if (thrown instanceof Failed && !thrown.failure) return [index, items];
        throw thrown;
      }
    }
  }

  /** `parse_inner_str(delimiter)` then the closing delimiter (the raw text: escapes are kept). */
  private innerString(at: number, delimiter: string): Result<string> {
    const text = this.text;
    let index = at;
    const normalChunk = (from: number): number => {
      // recognize(many1((take_while1(not \ or delimiter), opt((\, not \ or delimiter)))))
      let position = from;
      let chunks = 0;
      for (;;) {
        const start = position;
        while (position < text.length && text[position] !== '\\' && text[position] !== delimiter) position++;
        if (position === start) break;
        chunks++;
        if (text[position] === '\\' && position + 1 < text.length) {
          const next = text[position + 1];
          if (next !== '\\' && next !== delimiter)
            position += next !== undefined && isHighSurrogate(next) ? 3 : 2;
        }
      }
      return chunks === 0 ? from : position;
    };
    // nom's escaped(normal, '\\', one of \ and the delimiter): an escape it cannot read empties the content.
    for (;;) {
      if (index >= text.length) break;
      const after = normalChunk(index);
      if (after > index) {
        index = after;
        continue;
      }
      if (text[index] === '\\') {
        const next = text[index + 1];
        if (next === '\\' || next === delimiter) {
          index += 2;
          continue;
        }
        index = at;
      }
      break;
    }
    const end = this.char(index, delimiter);
    return [end, text.slice(at, index)];
  }

  /** `parse_str(delimiter)`. */
  private string(at: number, delimiter: string): Result<string> {
    return this.context('string', at, () => {
      const start = this.char(at, delimiter);
      return this.cut(() => this.innerString(start, delimiter));
    });
  }

  private symbol(at: number): Result<string> {
    let index = at;
    while (index < this.text.length && /^[A-Za-z0-9_]$/.test(this.text[index] as string)) index++;
    if (index === at) throw error(at, 'TakeWhile1');
    return [index, this.text.slice(at, index)];
  }

  private digits(at: number): Result<string> {
    let index = at;
    while (index < this.text.length && isDigit(this.text[index] as string)) index++;
    if (index === at) throw error(at, 'Digit');
    return [index, this.text.slice(at, index)];
  }

  private colonKey(at: number): Result<string> {
    const start = this.char(at, ':');
    return this.alt(start, [
      () => this.string(start, '"'),
      () => this.string(start, "'"),
      () => this.symbol(start),
    ]);
  }

  private key(at: number): Result<string> {
    return this.alt(at, [
      () =>
        this.alt(at, [
          () => this.string(at, '"'),
          () => this.string(at, "'"),
          () => this.symbol(at),
          () => this.digits(at),
        ]),
      () => this.colonKey(at),
    ]);
  }

  private keyValue(at: number): Result<[string, Value]> {
    const [afterKey, key] = this.key(this.space(at));
    const separator = this.cut(() => {
      const start = this.space(afterKey);
      return this.alt(start, [() => this.tag(start, ':'), () => this.tag(start, '=>')]);
    });
    const [end, value] = this.value(separator);
    return [end, [key, value]];
  }

  hash(at: number): Result<ObjectValue> {
    return this.context('map', at, () => {
      const start = this.char(at, '{');
      return this.cut(() => {
        const [afterItems, pairs] = this.list(start, (index) => this.keyValue(index));
        const end = this.char(this.space(afterItems), '}');
        const object: ObjectValue = {};
        for (const [key, value] of pairs) setOwnField(object, key, value);
        return [end, object] as Result<ObjectValue>;
      });
    });
  }

  private array(at: number): Result<Value[]> {
    return this.context('array', at, () => {
      const start = this.char(at, '[');
      return this.cut(() => {
        const [afterItems, items] = this.list(start, (index) => this.value(index));
        return [this.char(this.space(afterItems), ']'), items] as Result<Value[]>;
      });
    });
  }

  /** nom's `double`: a float (`1`, `-2.5e3`, `.5`), or `nan`, `infinity`, `inf` in any case. */
  private double(at: number): Result<number> {
    const text = this.text;
    let index = at;
    if (text[index] === '+' || text[index] === '-') index++;
    const digitsStart = index;
    while (isDigit(text[index])) index++;
    let valid = index > digitsStart;
    if (valid && text[index] === '.') {
      index++;
      while (isDigit(text[index])) index++;
    } else if (!valid && text[index] === '.') {
      const fractionStart = index + 1;
      let end = fractionStart;
      while (isDigit(text[end])) end++;
      if (end > fractionStart) {
        valid = true;
        index = end;
      }
    }
    if (valid) {
      if (text[index] === 'e' || text[index] === 'E') {
        let exponent = index + 1;
        if (text[exponent] === '+' || text[exponent] === '-') exponent++;
        const exponentStart = exponent;
        while (isDigit(text[exponent])) exponent++;
        // `recognize_float_or_exceptions` turns the exponent's `cut(digit1)` failure into `Float` at the number.
        if (exponent === exponentStart) throw new Failed(true, nomError(at, 'Float'));
        index = exponent;
      }
      return [index, Number(text.slice(at, index))];
    }
    const lower = text.slice(at, at + 8).toLowerCase();
    if (lower.startsWith('nan')) return [at + 3, Number.NaN];
    if (lower.startsWith('infinity')) return [at + 8, Number.POSITIVE_INFINITY];
    if (lower.startsWith('inf')) return [at + 3, Number.POSITIVE_INFINITY];
    throw new Failed(false, nomError(at, 'Float').append(at, 'Alt'));
  }

  value(at: number): Result<Value> {
    const start = this.space(at);
    return this.alt<Result<Value>>(start, [
      () => [this.tag(start, 'nil'), null],
      () => this.hash(start),
      () => this.array(start),
      () => this.colonKey(start),
      () =>
        this.context('bytes', start, () =>
          this.alt(start, [() => this.string(start, '"'), () => this.string(start, "'")]),
        ),
      () => {
        const [end, number] = this.double(start);
        if (Number.isNaN(number)) return fail('NaN is not a valid ruby hash float');
        return [end, floatValue(number)];
      },
      () =>
        this.alt<Result<Value>>(start, [
          () => [this.tag(start, 'true'), true],
          () => [this.tag(start, 'false'), false],
        ]),
    ]);
  }
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

function isHighSurrogate(character: string): boolean {
  const code = character.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdbff;
}

/** `parse_ruby_hash`: a Ruby hash literal as an object; fails with nom's error text. */
export function parseRubyHash(text: string): ObjectValue {
  const parser = new RubyHashParser(text);
  let result: Result<ObjectValue>;
  try {
    result = parser.hash(0);
  } catch (thrown) {
    if (thrown instanceof Failed) return fail(convertError(text, thrown.error));
    throw thrown;
  }
  if (rustTrim(text.slice(result[0])) !== '') return fail('could not parse whole line successfully');
  return result[1];
}
