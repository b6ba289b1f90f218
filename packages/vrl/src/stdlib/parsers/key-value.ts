import { fail } from '../../runtime/errors.js';
import { type ObjectValue, ownField, setOwnField, type Value } from '../../value/value.js';
import { convertError, NomError, nomError } from './nom-error.js';
import { rustTrim } from './whitespace.js';

/**
 * VRL's key-value parser (`parse_key_value`, `parse_logfmt`), a port of its nom combinators:
 * pairs separated by a field delimiter (runs of spaces when it is a space), keys and values
 * plain or quoted with `"` or `'` (backslash escapes), standalone keys as `true`, and repeated
 * keys gathered into an array.
 */

export interface KeyValueOptions {
  keyValueDelimiter: string;
  fieldDelimiter: string;
  /** `whitespace: "strict"`: no spaces around the key-value delimiter. */
  strict: boolean;
  acceptStandaloneKey: boolean;
}

/** Parses a line into an object; fails as VRL does. */
export function parseKeyValueLine(text: string, options: KeyValueOptions): ObjectValue {
  const pairs: [string, Value][] = [];
  const first = pair(text, 0, options);
  if (first instanceof NomError) return fail(convertError(text, first));
  pairs.push([first.key, first.value]);
  let index = first.end;
  for (;;) {
    const next = fieldDelimiter(text, index, options.fieldDelimiter);
    if (next < 0) break;
    // separated_list1 refuses a separator that consumes nothing (an empty field delimiter).
    if (next === index) return fail(convertError(text, nomError(next, 'SeparatedList')));
    const parsed = pair(text, next, options);
    if (parsed instanceof NomError) break;
    pairs.push([parsed.key, parsed.value]);
    index = parsed.end;
  }
  if (rustTrim(text.slice(index)) !== '') return fail('could not parse whole line successfully');
  return gather(pairs);
}

/** Repeated keys become an array of their values; a standalone key (`true`) gives way to a value. */
function gather(pairs: [string, Value][]): ObjectValue {
  const object: ObjectValue = {};
  for (const [key, value] of pairs) {
    const existing = ownField(object, key);
    if (existing === undefined) setOwnField(object, key, value);
    else if (value === true) continue;
    else if (existing === true) setOwnField(object, key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else setOwnField(object, key, [existing, value]);
  }
  return object;
}

interface Parsed {
  end: number;
  key: string;
  value: Value;
}

/** `space0`: spaces and tabs. */
function space0(text: string, at: number): number {
  let index = at;
  while (index < text.length && (text[index] === ' ' || text[index] === '\t')) index++;
  return index;
}

/** The field delimiter: a run of spaces when it is a space, else spaces then the delimiter. -1 when absent. */
function fieldDelimiter(text: string, at: number, delimiter: string): number {
  let index = at;
  while (text[index] === ' ') index++;
  if (delimiter === ' ') return index > at ? index : -1;
  return text.startsWith(delimiter, index) ? index + delimiter.length : -1;
}

/** One `key=value` pair (or a standalone key); a nom error when the pair cannot start here. */
function pair(text: string, at: number, options: KeyValueOptions): Parsed | NomError {
  const keyStart = space0(text, at);
  const key = parseKey(text, keyStart, options);
  if (key === undefined) return nomError(keyStart, 'Verify');
  let index = key.end;
  let separated = false;
  const delimiter = options.keyValueDelimiter;
  const tagAt = options.strict ? index : space0(text, index);
  if (text.startsWith(delimiter, tagAt)) {
    const end = options.strict ? tagAt + delimiter.length : space0(text, tagAt + delimiter.length);
    // many_m_n refuses a repetition that consumes nothing.
    if (end === index) return nomError(index, 'ManyMN');
    separated = true;
    index = end;
  } else if (!options.acceptStandaloneKey) {
    return nomError(tagAt, 'Tag').append(index, 'ManyMN');
  }
  const value = parseValue(text, index, options.fieldDelimiter);
  return { end: value.end, key: key.value, value: separated ? value.value : true };
}

interface Piece {
  end: number;
  value: string;
}

function parseKey(text: string, at: number, options: KeyValueOptions): Piece | undefined {
  const { keyValueDelimiter: pairDelimiter, fieldDelimiter: field } = options;
  let key: Piece | undefined;
  if (options.acceptStandaloneKey) {
    key =
      parseQuoted(text, at, "'", pairDelimiter) ??
      parseQuoted(text, at, "'", field) ??
      parseQuoted(text, at, '"', pairDelimiter) ??
      parseQuoted(text, at, '"', field);
    if (key === undefined) {
      const candidate = parseUnquoted(text, at, pairDelimiter);
      key =
        candidate.value !== '' && !candidate.value.includes(field)
          ? candidate
          : parseUnquoted(text, at, field);
    }
  } else {
    key =
      parseQuoted(text, at, "'", pairDelimiter) ??
      parseQuoted(text, at, '"', pairDelimiter) ??
      parseUnquoted(text, at, pairDelimiter);
  }
  return key.value === '' ? undefined : key;
}

function parseValue(text: string, at: number, field: string): Piece {
  return (
    parseQuoted(text, at, "'", field) ?? parseQuoted(text, at, '"', field) ?? parseUnquoted(text, at, field)
  );
}

/** Text up to the delimiter (or the end), trimmed. */
function parseUnquoted(text: string, at: number, delimiter: string): Piece {
  const found = text.indexOf(delimiter, at);
  const end = found < 0 ? text.length : found;
  return { end, value: rustTrim(text.slice(at, end)) };
}

/**
 * A quoted piece (nom's `escaped` inside the quotes), which must be followed by the terminator
 * (or by spaces up to the end of the input); undefined otherwise.
 */
function parseQuoted(text: string, at: number, quote: string, terminator: string): Piece | undefined {
  if (text[at] !== quote) return undefined;
  const start = at + 1;
  let index = start;
  let escaped = false;
  while (index < text.length) {
    const character = text[index];
    if (character === quote) break;
    if (character === '\\') {
      // A backslash as the last character fails `escaped`, which reads as an empty content.
      if (index + 1 >= text.length) {
        index = start;
        break;
      }
      escaped = true;
      const code = text.charCodeAt(index + 1);
      index += code >= 0xd800 && code <= 0xdbff && index + 2 < text.length ? 3 : 2;
      continue;
    }
    index++;
  }
  if (text[index] !== quote) return undefined;
  const end = index + 1;
  if (fieldDelimiter(text, end, terminator) < 0 && space0(text, end) !== text.length) return undefined;
  const content = text.slice(start, index);
  return { end, value: escaped ? unescapeQuoted(content) : content };
}

/** The escapes `encode_key_value` writes: `\n`, `\\`, `\"`; any other backslash stays. */
function unescapeQuoted(content: string): string {
  let output = '';
  for (let index = 0; index < content.length; index++) {
    const character = content[index] as string;
    const next = content[index + 1];
    if (character === '\\' && (next === 'n' || next === '\\' || next === '"')) {
      output += next === 'n' ? '\n' : next;
      index++;
    } else {
      output += character;
    }
  }
  return output;
}
