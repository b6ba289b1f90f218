import { fail } from '../../runtime/errors.js';
import { convertError, NomError, nomError } from './nom-error.js';
import { rustTrim } from './whitespace.js';

/**
 * VRL's CEF (Common Event Format) reader (`parse_cef`), a port of its nom combinators: anything
 * before `CEF:` is skipped, seven `|`-separated headers (`\|` and `\\` escaped), then
 * `key=value` extensions (`\=`, `\\`, `\n`, `\r` escaped). Values keep their order: extensions
 * first, then the headers.
 */

const HEADERS = [
  'cefVersion',
  'deviceVendor',
  'deviceProduct',
  'deviceVersion',
  'deviceEventClassId',
  'name',
  'severity',
];

class CefReader {
  constructor(
    private readonly text: string,
    private readonly strict: boolean,
  ) {}

  /** One header after an optional `|`: empty before a `|`, else the text to the next unescaped `|`, trimmed. */
  private header(at: number): [number, string] {
    const start = this.text[at] === '|' ? at + 1 : at;
    if (this.text[start] === '|') return [start, ''];
    let value = '';
    let index = start;
    while (index < this.text.length) {
      const character = this.text[index] as string;
      if (character === '|') break;
      if (character === '\\') {
        const next = this.text[index + 1];
        if (next === undefined) throw nomError(index, 'EscapedTransform').append(start, 'Alt');
        if (next !== '\\' && next !== '|') throw nomError(index + 1, 'Satisfy').append(start, 'Alt');
        value += next;
        index += 2;
        continue;
      }
      value += character;
      index++;
    }
    return [index, rustTrim(value)];
  }

  headers(): [number, string[]] {
    const marker = this.text.indexOf('CEF:');
    if (marker < 0) throw nomError(0, 'TakeUntil');
    let index = marker + 4;
    const values: string[] = [];
    for (let count = 0; count < 7; count++) {
      try {
        const [end, value] = this.header(index);
        values.push(value);
        index = end;
      } catch (error) {
        // nom's `count` reports where the seven headers begin.
        if (error instanceof NomError) throw error.append(marker + 4, 'Count');
        throw error;
      }
    }
    return [index, values];
  }

  /** `parse_key`: spaces or `|`s, a key, `=`; the key and the position after `=`, or undefined. */
  key(at: number): [number, string] | undefined {
    let index = at;
    while (this.text[index] === ' ' || this.text[index] === '|') index++;
    if (index === at) return undefined;
    const keyStart = index;
    while (index < this.text.length && !' =\\'.includes(this.text[index] as string)) index++;
    if (index === keyStart || this.text[index] !== '=') return undefined;
    return [index + 1, this.text.slice(keyStart, index)];
  }

  /** Where a value stops: an unescaped `=` (when strict), a backslash, or the next key. */
  private stops(at: number): boolean {
    const character = this.text[at];
    return (this.strict && character === '=') || character === '\\' || this.key(at) !== undefined;
  }

  /** `parse_value`: empty when a key follows; else the text up to a stop, escapes read. */
  private value(at: number): [number, string] | undefined {
    if (this.key(at) !== undefined) return [at, ''];
    // nom's escaped_transform reads an empty value at the end of the text.
    if (at >= this.text.length) return [at, ''];
    let index = at;
    let value = '';
    for (;;) {
      const start = index;
      while (index < this.text.length && !this.stops(index)) index += codeUnits(this.text, index);
      if (index > start) {
        value += this.text.slice(start, index);
        if (index >= this.text.length) return [index, value];
        continue;
      }
      if (this.text[index] !== '\\') return index === at ? undefined : [index, value];
      // `\=` `\\` `\n` `\r`, or a lone backslash kept as it is.
      const next = this.text[index + 1];
      // A backslash that ends the text fails the whole value (nom's escaped_transform).
      if (next === undefined) return undefined;
      if (next === '=' || next === '\\') {
        value += next;
        index += 2;
      } else if (next === 'n' || next === 'r') {
        value += '\n';
        index += 2;
      } else {
        value += '\\';
        index += 1;
      }
      if (index >= this.text.length) return [index, value];
    }
  }

  extensions(at: number): [number, [string, string][]] {
    const pairs: [string, string][] = [];
    let index = at;
    for (;;) {
      const key = this.key(index);
      const value = key === undefined ? undefined : this.value(key[0]);
      if (key === undefined || value === undefined) break;
      pairs.push([key[1], value[1]]);
      index = value[0];
    }
    if (pairs.length > 0) return [index, pairs];
    if (this.text[at] === '|') return [at + 1, []];
    throw nomError(at, 'Tag').append(at, 'Alt');
  }
}

function codeUnits(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
}

/** The pairs of a CEF line, extensions then headers, surrounding quotes removed from values. */
export function parseCefPairs(text: string, strict: boolean): [string, string][] {
  const reader = new CefReader(text, strict);
  let rest: string;
  let headers: string[];
  let extensions: [string, string][];
  try {
    const [afterHeaders, headerValues] = reader.headers();
    const [end, pairs] = reader.extensions(afterHeaders);
    rest = text.slice(end);
    headers = headerValues;
    extensions = pairs;
  } catch (error) {
    if (error instanceof NomError) return fail(convertError(text, error));
    throw error;
  }
  const last = extensions.at(-1);
  if (last !== undefined) last[1] = last[1].replace(/ +$/, '');
  if (rustTrim(rest) !== '' && strict) return fail('Could not parse whole line successfully');
  const pairs: [string, string][] = [
    ...extensions,
    ...HEADERS.map((name, index) => [name, headers[index] as string] as [string, string]),
  ];
  return pairs.map(([key, value]) => [
    key,
    value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value,
  ]);
}
