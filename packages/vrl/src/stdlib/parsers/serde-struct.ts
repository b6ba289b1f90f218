import { JsonSyntaxError, parseJson } from '../../value/json.js';
import { utf8Length } from './whitespace.js';

/**
 * Reading JSON into a typed shape as `serde_json` does with a `#[derive(Deserialize)]` struct
 * (`deny_unknown_fields`): the text is checked for syntax first (serde_json's messages), then
 * walked against the shape, failing with serde's messages at the position serde reports
 * (`invalid type: integer `42`, expected struct X at line 1 column 2`, `missing field `owner``).
 */

export type Shape =
  | { type: 'string' }
  | { type: 'millisecondsTimestamp' }
  | { type: 'sequence'; item: Shape }
  | { type: 'struct'; name: string; fields: readonly [string, Shape][] }
  | { type: 'unitEnum'; name: string; variants: readonly string[] };

/** A value read by a shape: strings, integers (timestamps), arrays, objects of the struct's fields. */
export type Read = string | number | Read[] | { [field: string]: Read };

export class SerdeError extends Error {}

export function readShaped(text: string, shape: Shape): Read {
  try {
    parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new SerdeError(error.message);
    throw error;
  }
  const reader = new ShapeReader(text);
  const value = reader.read(shape);
  reader.skipSpace();
  return value;
}

class ShapeReader {
  private index = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.index < this.text.length && ' \t\n\r'.includes(this.text[this.index] as string)) this.index++;
  }

  /** serde_json's position: the line, and the column of the last byte read (1-based). */
  private fail(message: string, lastRead: number): never {
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < lastRead; index++) {
      if (this.text.charCodeAt(index) === 10) {
        line++;
        lineStart = index + 1;
      }
    }
    const column = utf8Length(this.text.slice(lineStart, lastRead));
    throw new SerdeError(`${message} at line ${line} column ${column}`);
  }

  read(shape: Shape): Read {
    this.skipSpace();
    const character = this.text[this.index];
    switch (shape.type) {
      case 'string':
        if (character === '"') return this.string();
        return this.invalidType('a string');
      case 'millisecondsTimestamp': {
        if (character === '-' || (character !== undefined && character >= '0' && character <= '9')) {
          const start = this.index;
          const number = this.number();
          if (!Number.isInteger(number) || /[.eE]/.test(this.text.slice(start, this.index)))
            this.fail(
              `invalid type: floating point \`${formatFloat(number)}\`, expected a unix timestamp in milliseconds`,
              this.index,
            );
          return number;
        }
        return this.invalidType('a unix timestamp in milliseconds');
      }
      case 'sequence': {
        if (character !== '[') return this.invalidType('a sequence');
        this.index++;
        const items: Read[] = [];
        this.skipSpace();
        if (this.text[this.index] === ']') {
          this.index++;
          return items;
        }
        for (;;) {
          items.push(this.read(shape.item));
          this.skipSpace();
          const next = this.text[this.index++];
          if (next === ']') return items;
        }
      }
      case 'unitEnum': {
        if (character !== '"') return this.invalidType(`enum ${shape.name}`);
        const variant = this.string();
        if (!shape.variants.includes(variant))
          this.fail(`unknown variant \`${variant}\`, expected ${oneOf(shape.variants)}`, this.index);
        return variant;
      }
      case 'struct':
        if (character !== '{') return this.invalidType(`struct ${shape.name}`);
        return this.struct(shape);
    }
  }

  private struct(shape: Extract<Shape, { type: 'struct' }>): Read {
    this.index++;
    const result: Record<string, Read> = {};
    const names = shape.fields.map(([name]) => name);
    this.skipSpace();
    if (this.text[this.index] !== '}') {
      for (;;) {
        this.skipSpace();
        const key = this.string();
        const field = shape.fields.find(([name]) => name === key);
        if (field === undefined)
          this.fail(
            names.length === 0
              ? `unknown field \`${key}\`, there are no fields`
              : `unknown field \`${key}\`, expected ${oneOf(names)}`,
            this.index,
          );
        if (Object.hasOwn(result, key)) this.fail(`duplicate field \`${key}\``, this.index);
        this.skipSpace();
        this.index++; // ':'
        result[key] = this.read(field[1]);
        this.skipSpace();
        if (this.text[this.index++] === '}') break;
      }
    } else {
      this.index++;
    }
    for (const name of names)
      if (!Object.hasOwn(result, name)) this.fail(`missing field \`${name}\``, this.index);
    return result;
  }

  private string(): string {
    const start = this.index;
    let index = start + 1;
    while (this.text[index] !== '"') index += this.text[index] === '\\' ? 2 : 1;
    this.index = index + 1;
    return parseJson(this.text.slice(start, index + 1)) as string;
  }

  private number(): number {
    const start = this.index;
    let index = start;
    while (index < this.text.length && /[-+0-9.eE]/.test(this.text[index] as string)) index++;
    this.index = index;
    const value = parseJson(this.text.slice(start, index));
    return typeof value === 'number' ? value : (value as { value: number }).value;
  }

  /** serde's `invalid type`: the value found (read over), and what was expected. */
  private invalidType(expected: string): never {
    const character = this.text[this.index];
    if (character === '{') this.fail(`invalid type: map, expected ${expected}`, this.index + 1);
    if (character === '[') this.fail(`invalid type: sequence, expected ${expected}`, this.index + 1);
    if (character === '"') {
      const text = this.string();
      this.fail(`invalid type: string ${JSON.stringify(text)}, expected ${expected}`, this.index);
    }
    for (const [word, shown] of [
      ['null', 'null'],
      ['true', 'boolean `true`'],
      ['false', 'boolean `false`'],
    ] as const) {
      if (this.text.startsWith(word, this.index))
        this.fail(`invalid type: ${shown}, expected ${expected}`, this.index + word.length);
    }
    const start = this.index;
    const number = this.number();
    const floating = /[.eE]/.test(this.text.slice(start, this.index));
    const shown = floating
      ? `floating point \`${formatFloat(number)}\``
      : `integer \`${this.text.slice(start, this.index)}\``;
    this.fail(`invalid type: ${shown}, expected ${expected}`, this.index);
  }
}

/** serde's `OneOf`: `a`, `a` or `b`, one of `a`, `b`, `c`. */
function oneOf(names: readonly string[]): string {
  const quoted = names.map((name) => `\`${name}\``);
  if (quoted.length === 1) return quoted[0] as string;
  if (quoted.length === 2) return `${quoted[0]} or ${quoted[1]}`;
  return `one of ${quoted.join(', ')}`;
}

/** A float as serde's `Unexpected::Float` shows it (Rust's `{}` with a `.0` when whole). */
function formatFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
