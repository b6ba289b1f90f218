import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseAllDocuments, Scalar } from 'yaml';
import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { floatValue } from '../value/markers.js';
import { integerValue, type ObjectValue, setOwnField, type Value } from '../value/value.js';
import { jsonTypeDef } from './json-type.js';
import { parseRustFloat } from './rust.js';

/**
 * YAML as `serde_yaml_ng` gives it to VRL's `Value`: the `yaml` package reads the text (every
 * scalar as text, no merge keys), and plain scalars are resolved with serde_yaml's rules —
 * `~`/`null`/empty, `true`/`True`/`TRUE`, integers (`0x`, `0o`, `0b`; a leading zero makes a
 * string), floats (`.inf`, `.nan`), else a string; quoted and block scalars stay strings; keys
 * are strings.
 */

class YamlError extends Error {}

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);

function integerOf(text: string): bigint | undefined {
  const unsigned = text.startsWith('+') ? text.slice(1) : text;
  const negative = unsigned.startsWith('-');
  const digits = negative ? unsigned.slice(1) : unsigned;
  if (digits.startsWith('+') || digits.startsWith('-')) return undefined;
  let radix = 10;
  let rest = digits;
  for (const [prefix, base] of [
    ['0x', 16],
    ['0o', 8],
    ['0b', 2],
  ] as const) {
    if (digits.startsWith(prefix)) {
      radix = base;
      rest = digits.slice(2);
    }
  }
  if (radix === 10 && leadingZeroDigits(text)) return undefined;
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9A-Fa-f]+$/ }[radix] as RegExp;
  if (!valid.test(rest)) return undefined;
  const value = radix === 10 ? BigInt(rest) : BigInt(`0${'xob'[[16, 8, 2].indexOf(radix)]}${rest}`);
  return negative ? -value : value;
}

/** A leading zero followed by digits only: a string in YAML 1.2. */
function leadingZeroDigits(text: string): boolean {
  const digits = text.startsWith('-') || text.startsWith('+') ? text.slice(1) : text;
  return digits.length > 1 && digits.startsWith('0') && /^[0-9]+$/.test(digits.slice(1));
}

function floatOf(text: string): number | undefined {
  let unsigned = text;
  if (text.startsWith('+')) {
    unsigned = text.slice(1);
    if (unsigned.startsWith('+') || unsigned.startsWith('-')) return undefined;
  }
  if (unsigned === '.inf' || unsigned === '.Inf' || unsigned === '.INF') return Number.POSITIVE_INFINITY;
  if (text === '-.inf' || text === '-.Inf' || text === '-.INF') return Number.NEGATIVE_INFINITY;
  if (text === '.nan' || text === '.NaN' || text === '.NAN') return Number.NaN;
  const parsed = parseRustFloat(unsigned);
  return 'error' in parsed || !Number.isFinite(parsed.value) ? undefined : parsed.value;
}

/** serde_yaml's `visit_untagged_scalar`, into VRL's `Value`. */
function plainScalar(text: string): Value {
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  const integer = integerOf(text);
  if (integer !== undefined) {
    if (integer >= I64_MIN && integer <= I64_MAX) return integerValue(integer);
    if (integer > 0n && integer <= U64_MAX) return floatValue(Number(integer));
    throw new YamlError(
      `invalid type: integer \`${integer}\` as ${integer < 0n ? 'i128' : 'u128'}, expected any valid JSON value`,
    );
  }
  if (!leadingZeroDigits(text)) {
    const float = floatOf(text);
    if (float !== undefined) {
      if (Number.isNaN(float))
        throw new YamlError('invalid value: floating point `NaN`, expected any valid JSON value');
      return floatValue(float);
    }
  }
  return text;
}

function toValue(node: Node | null, document: Document, depth: number): Value {
  if (depth > 128) throw new YamlError('recursion limit exceeded');
  if (node === null) return null;
  if (isAlias(node)) return toValue(node.resolve(document) as Node, document, depth + 1);
  if (isScalar(node)) {
    const text = String(node.value);
    if (node.tag === 'tag:yaml.org,2002:str' || (node.type !== Scalar.PLAIN && node.tag === undefined))
      return text;
    return plainScalar(text);
  }
  if (isSeq(node)) return node.items.map((item) => toValue(item as Node, document, depth + 1));
  if (isMap(node)) {
    const object: ObjectValue = {};
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const resolved = key !== null && isAlias(key) ? (key.resolve(document) as Node) : key;
      if (resolved !== null && !isScalar(resolved))
        throw new YamlError(`invalid type: ${isSeq(resolved) ? 'sequence' : 'map'}, expected a string`);
      setOwnField(
        object,
        resolved === null ? '' : String(resolved.value),
        toValue(pair.value as Node, document, depth + 1),
      );
    }
    return object;
  }
  return null;
}

/** A position as libyaml marks it: 1-based line and column (in characters). */
function mark(text: string, index: number): string {
  const before = [...text.slice(0, index)];
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.filter((character) => character === '\n').length + 1;
  return `line ${line} column ${before.length - lineStart + 1}`;
}

/** The quoted scalar left open at the end of the text, if any. */
function openQuote(node: unknown, end: number): number | undefined {
  if (isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) {
    const range = node.range as [number, number, number] | undefined;
    return range !== undefined && range[1] >= end ? range[0] : undefined;
  }
  if (isSeq(node)) return openQuote(node.items.at(-1), end);
  if (isMap(node)) {
    const last = node.items.at(-1);
    return last === undefined ? undefined : (openQuote(last.value, end) ?? openQuote(last.key, end));
  }
  return undefined;
}

/** A syntax error as serde_yaml words it (libyaml's text for an unterminated quote). */
function syntaxError(
  text: string,
  document: Document,
  error: { code: string; message: string; pos: [number, number] },
): string {
  if (error.code === 'MISSING_CHAR' && error.message.includes('quote')) {
    const start = openQuote(document.contents, error.pos[0]);
    if (start !== undefined)
      return `found unexpected end of stream at ${mark(text, text.length)}, while scanning a quoted scalar at ${mark(text, start)}`;
  }
  const [reason = error.message] = error.message.split(':\n');
  return reason.replace(/ at line (\d+), column (\d+)$/, ' at line $1 column $2');
}

/** `parse_yaml(value)`: a YAML document as a value. */
export const parseYaml = defineFunction({
  name: 'parse_yaml',
  parameters: [required('value', kind.BYTES)],
  returns: jsonTypeDef(),
  freshResult: true,
  call: ([value]) => {
    const text = (value as string).startsWith('\ufeff') ? (value as string).slice(1) : (value as string);
    const documents = parseAllDocuments(text, {
      version: '1.2',
      schema: 'failsafe',
      merge: false,
      uniqueKeys: false,
    });
    if (!Array.isArray(documents)) return null;
    if (documents.length > 1)
      return fail(
        'unable to parse yaml: deserializing from YAML containing more than one document is not supported',
      );
    const document = documents[0];
    if (document === undefined) return null;
    const error = document.errors[0];
    if (error !== undefined) return fail(`unable to parse yaml: ${syntaxError(text, document, error)}`);
    try {
      return toValue(document.contents as Node | null, document, 0);
    } catch (thrown) {
      if (thrown instanceof YamlError) return fail(`unable to parse yaml: ${thrown.message}`);
      throw thrown;
    }
  },
});
