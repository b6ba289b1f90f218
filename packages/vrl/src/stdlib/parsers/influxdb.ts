/**
 * The InfluxDB line protocol as the `influxdb-line-protocol` crate 2.0.0 (the version VRL locks) reads it, a port of its
 * nom parser and its error texts: `measurement,tag=value field=1i,other="text" 1590488773254420000`.
 */

export type FieldValue =
  | { type: 'integer'; value: bigint }
  | { type: 'unsigned'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean };

export interface ParsedLine {
  measurement: string;
  tags: [string, string][] | undefined;
  fields: [string, FieldValue][];
  /** Nanoseconds since the epoch. */
  timestamp: bigint | undefined;
}

/** A line the crate refuses; the message is its `Display`. */
export class LineProtocolError extends Error {}

const STRING_LIMIT = 65_536;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

/** A nom `Error` (another alternative may be tried). */
class Recoverable {
  constructor(readonly error: LineProtocolError | { generic: string }) {}
}

/** A nom `Failure` (the line is refused). */
class Fatal {
  constructor(readonly error: LineProtocolError) {}
}

const generic = (kind: string): Recoverable => new Recoverable({ generic: kind });

const isBoundary = (character: string | undefined): boolean =>
  character === ' ' || character === '\t' || character === '\n';

class LineReader {
  constructor(private readonly text: string) {}

  /**
   * `escape_or_fallback`: runs of `normal` characters, a backslash escaping one of `escapable`
   * (an unknown escape keeps the backslash and the character). A result ending in a backslash,
   * or longer than 64 KiB, is refused.
   */
  private escaped(at: number, normal: (character: string) => boolean, escapable: string): [number, string] {
    let index = at;
    let result = '';
    for (;;) {
      const start = index;
      while (index < this.text.length && normal(this.text[index] as string)) index++;
      if (index > start) {
        result += this.text.slice(start, index);
        continue;
      }
      if (this.text[index] === '\\') {
        const next = this.text[index + 1];
        if (next !== undefined && escapable.includes(next)) {
          result += next;
          index += 2;
          continue;
        }
        result += '\\';
        index++;
        const code = this.text.codePointAt(index);
        if (code === undefined) break;
        const character = String.fromCodePoint(code);
        result += character;
        index += character.length;
        continue;
      }
      if (index === at) throw generic('EscapedTransform');
      break;
    }
    if (result.endsWith('\\'))
      throw new Fatal(
        new LineProtocolError(
          'Measurements, tag keys and values, and field keys may not end with a backslash',
        ),
      );
    if (new TextEncoder().encode(result).length > STRING_LIMIT)
      throw new Fatal(new LineProtocolError('String is greater than 64KB'));
    return [index, result];
  }

  private measurement(at: number): [number, string] {
    try {
      return this.escaped(
        at,
        (character) =>
          !isBoundary(character) && character !== '\0' && character !== ',' && character !== '\\',
        ', \\',
      );
    } catch (error) {
      if (error instanceof Recoverable)
        throw new Recoverable(new LineProtocolError('Invalid measurement was provided'));
      throw error;
    }
  }

  /** `tag_set`: `key=value` pairs after commas; a pair that cannot be read ends the list before its comma. */
  private tagSet(at: number): [number, [string, string][]] {
    const tags: [string, string][] = [];
    let index = at;
    for (;;) {
      const start = tags.length === 0 ? index : index + 1;
      try {
        const [afterKey, key] = this.escaped(
          start,
          (character) => !isBoundary(character) && character !== '=' && character !== '\\',
          '\\,= ',
        );
        if (this.text[afterKey] !== '=') throw generic('Tag');
        const [afterValue, value] = this.escaped(
          afterKey + 1,
          (character) => !isBoundary(character) && character !== ',' && character !== '\\',
          '\\,= ',
        );
        tags.push([key, value]);
        index = afterValue;
      } catch (error) {
        if (error instanceof Recoverable) return [index, tags];
        throw error;
      }
      if (this.text[index] !== ',') return [index, tags];
    }
  }

  /** `maybe_tagset`: after a comma, at least one pair. */
  private maybeTagSet(at: number): [number, [string, string][] | undefined] {
    if (this.text[at] !== ',') return [at, undefined];
    const [end, tags] = this.tagSet(at + 1);
    if (tags.length === 0) throw new Recoverable(new LineProtocolError('Tag Set Malformed'));
    return [end, tags];
  }

  private whitespace(at: number): number {
    let index = at;
    while (this.text[index] === ' ') index++;
    if (index === at) throw generic('TakeWhile1');
    return index;
  }

  /** `integral_value_signed`: an optional `-`, then digits. */
  private integral(at: number): number | undefined {
    let index = this.text[at] === '-' ? at + 1 : at;
    const digits = index;
    while (isDigit(this.text[index])) index++;
    return index > digits ? index : undefined;
  }

  private digits(at: number): number | undefined {
    let index = at;
    while (isDigit(this.text[index])) index++;
    return index > at ? index : undefined;
  }

  /** `exponential_value`: digits, `e`/`E`, an optional sign, digits. */
  private exponential(at: number): number | undefined {
    const mantissa = this.digits(at);
    if (mantissa === undefined || (this.text[mantissa] !== 'e' && this.text[mantissa] !== 'E'))
      return undefined;
    let index = mantissa + 1;
    if (this.text[index] === '-' || this.text[index] === '+') index++;
    return this.digits(index);
  }

  private fieldValue(at: number): [number, FieldValue] {
    const text = this.text;
    // integer: `-12i`
    const integral = this.integral(at);
    if (integral !== undefined && text[integral] === 'i') {
      const digits = text.slice(at, integral);
      const value = BigInt(digits);
      if (value < I64_MIN || value > I64_MAX)
        throw new Fatal(new LineProtocolError(`Unable to parse integer value '${digits}'`));
      return [integral + 1, { type: 'integer', value }];
    }
    // unsigned: `12u`
    const unsigned = this.digits(at);
    if (unsigned !== undefined && text[unsigned] === 'u') {
      const digits = text.slice(at, unsigned);
      const value = BigInt(digits);
      if (value > U64_MAX)
        throw new Fatal(new LineProtocolError(`Unable to parse unsigned integer value '${digits}'`));
      return [unsigned + 1, { type: 'unsigned', value }];
    }
    // float: `-1.5e3`, `1e3`, `1.5`, `-12`
    let float: number | undefined;
    if (integral !== undefined && text[integral] === '.') float = this.exponential(integral + 1);
    if (float === undefined) {
      const sign = text[at] === '-' ? at + 1 : at;
      float = this.exponential(sign);
    }
    if (float === undefined && integral !== undefined && text[integral] === '.')
      float = this.digits(integral + 1);
    if (float === undefined) float = integral;
    if (float !== undefined) return [float, { type: 'float', value: Number(text.slice(at, float)) }];
    // string: `"…"` with `\"` and `\\` escapes
    if (text[at] === '"') {
      let index = at + 1;
      let value = '';
      for (;;) {
        const character = text[index];
        if (character === undefined) break;
        if (character === '"') {
          if (new TextEncoder().encode(value).length > STRING_LIMIT)
            throw new Fatal(new LineProtocolError('String is greater than 64KB'));
          return [index + 1, { type: 'string', value }];
        }
        if (character === '\\' && (text[index + 1] === '"' || text[index + 1] === '\\')) {
          value += text[index + 1];
          index += 2;
        } else {
          value += character;
          index++;
        }
      }
    }
    for (const [word, value] of BOOLEANS) {
      if (text.startsWith(word, at)) return [at + word.length, { type: 'boolean', value }];
    }
    throw generic('Alt');
  }

  private field(at: number): [number, [string, FieldValue]] {
    const [afterKey, key] = this.escaped(
      at,
      (character) => !isBoundary(character) && character !== '=' && character !== '\\',
      '\\,= ',
    );
    if (this.text[afterKey] !== '=') throw generic('Tag');
    const [end, value] = this.fieldValue(afterKey + 1);
    return [end, [key, value]];
  }

  private fieldSet(at: number): [number, [string, FieldValue][]] {
    let first: [number, [string, FieldValue]];
    try {
      first = this.field(at);
    } catch (error) {
      if (error instanceof Recoverable)
        throw new Recoverable(new LineProtocolError('No fields were provided'));
      throw error;
    }
    const fields = [first[1]];
    let index = first[0];
    // After a comma, a field that cannot be read ends the list; the crate leaves the comma
    // consumed after the first field only (its list1 hands the rest to a list that starts past it).
    while (this.text[index] === ',') {
      const comma = index;
      try {
        const [end, field] = this.field(comma + 1);
        fields.push(field);
        index = end;
      } catch (error) {
        if (!(error instanceof Recoverable)) throw error;
        if (fields.length === 1) index = comma + 1;
        break;
      }
    }
    return [index, fields];
  }

  line(): ParsedLine {
    try {
      const [afterMeasurement, measurement] = this.measurement(0);
      const [afterTags, tags] = this.maybeTagSet(afterMeasurement);
      const [afterFields, fields] = this.fieldSet(this.whitespace(afterTags));
      let index = afterFields;
      let timestamp: bigint | undefined;
      let afterSpace: number | undefined;
      try {
        afterSpace = this.whitespace(index);
      } catch (error) {
        if (!(error instanceof Recoverable)) throw error;
      }
      const end = afterSpace === undefined ? undefined : this.integral(afterSpace);
      if (afterSpace !== undefined && end !== undefined) {
        const digits = this.text.slice(afterSpace, end);
        const value = BigInt(digits);
        if (value < I64_MIN || value > I64_MAX)
          throw new Fatal(new LineProtocolError(`Unable to parse timestamp value '${digits}'`));
        timestamp = value;
        index = end;
        while (this.text[index] === ' ') index++;
      }
      if (index < this.text.length)
        throw new LineProtocolError(
          `Could not parse entire line. Found trailing content: '${this.text.slice(index)}'`,
        );
      return { measurement, tags, fields, timestamp };
    } catch (error) {
      if (error instanceof Recoverable || error instanceof Fatal) {
        const inner = error.error;
        throw inner instanceof LineProtocolError
          ? inner
          : new LineProtocolError(`A generic parsing error occurred: ${inner.generic}`);
      }
      throw error;
    }
  }
}

const BOOLEANS: [string, boolean][] = [
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['t', true],
  ['T', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
  ['f', false],
  ['F', false],
];

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

/** The crate's `split_lines` (Go's `scanLine`): newlines inside a quoted field string do not end a line. */
function splitLines(input: string): string[] {
  const lines: string[] = [];
  let quoted = false;
  let fields = false;
  let equals = 0;
  let commas = 0;
  let escaped = false;
  let start = 0;
  for (let index = 0; index < input.length; index++) {
    const character = input[index];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (character === '\\') {
      escaped = true;
      continue;
    }
    if (character === ' ') {
      fields = true;
      continue;
    }
    if (fields) {
      if (!quoted && character === '=') {
        equals++;
        continue;
      }
      if (!quoted && character === ',') {
        commas++;
        continue;
      }
      if (character === '"' && equals > commas) {
        quoted = !quoted;
        continue;
      }
    }
    if (character === '\n' && !quoted) {
      lines.push(input.slice(start, index));
      start = index + 1;
      fields = false;
      equals = 0;
      commas = 0;
    }
  }
  lines.push(input.slice(start));
  return lines;
}

/** `trim_leading`: whitespace and comment lines before the line. */
function trimLeading(line: string): string {
  let rest = line;
  for (;;) {
    let index = 0;
    while (index < rest.length && isBoundary(rest[index])) index++;
    rest = rest.slice(index);
    if (!rest.startsWith('#')) return rest;
    const newline = rest.indexOf('\n');
    rest = newline < 0 ? '' : rest.slice(newline);
  }
}

/** `parse_lines`: every line that is not empty or a comment; throws the first {@link LineProtocolError}. */
export function parseLineProtocol(input: string): ParsedLine[] {
  const lines: ParsedLine[] = [];
  for (const line of splitLines(input)) {
    const trimmed = trimLeading(line);
    if (trimmed !== '') lines.push(new LineReader(trimmed).line());
  }
  return lines;
}
