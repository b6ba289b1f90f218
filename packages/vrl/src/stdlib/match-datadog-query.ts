import { defineFunction, FunctionCompileError, kind, required } from '../function.js';
import { getPath } from '../runtime/path.js';
import type { Segment } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { displayValue } from '../value/display.js';
import { VrlRegex } from '../value/regex.js';
import { compareStrings, numberOfValue, Tag, tagOf, type Value, valuesEqual } from '../value/value.js';
import {
  type Comparison,
  type ComparisonValue,
  DEFAULT_FIELD,
  parseQuery,
  type QueryNode,
  QueryParseError,
} from './datadog-query.js';
import { lossyText } from './raw-bytes.js';

/**
 * `match_datadog_query(value, query)`: whether an object matches a Datadog Search Syntax query
 * (a literal, compiled once), with VRL's field rules: `@attribute`, reserved attributes, tags
 * (`key:value` strings in `tags`), and free text searched by word in the default fields.
 */

type Matcher = (value: Value) => boolean;

type Field = { kind: 'default' | 'reserved' | 'attribute'; name: string } | { kind: 'tag'; name: string };

const DEFAULT_FIELDS = ['message', 'custom.error.message', 'custom.error.stack', 'custom.title', '_default_'];
const RESERVED_ATTRIBUTES = [
  'host',
  'source',
  'status',
  'service',
  'trace_id',
  'message',
  'timestamp',
  'tags',
];

function normalizeFields(attr: string): Field[] {
  if (attr === DEFAULT_FIELD) return DEFAULT_FIELDS.map((name) => ({ kind: 'default', name }));
  const name = attr.replaceAll('@', '.');
  if (attr.startsWith('@')) return [{ kind: 'attribute', name }];
  if (DEFAULT_FIELDS.includes(name)) return [{ kind: 'default', name }];
  if (RESERVED_ATTRIBUTES.includes(name)) return [{ kind: 'reserved', name }];
  return [{ kind: 'tag', name }];
}

class InvalidPath extends Error {}

/** VRL's `parse_value_path`: `a.b`, `.a`, `"quoted key"`, `a[0]`; field names of `A-Za-z0-9_@-`. */
function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  let index = path.startsWith('.') ? 1 : 0;
  // After a segment only `.` or `[` may follow; after a `.` only a field.
  let afterSegment = false;
  let afterDot = false;
  while (index < path.length) {
    const character = path[index] as string;
    if (character === '[' && !afterDot) {
      const close = path.indexOf(']', index);
      const number = close < 0 ? '' : path.slice(index + 1, close);
      if (!/^-?[0-9]+$/.test(number)) throw new InvalidPath();
      segments.push({ index: Number(number) });
      index = close + 1;
      afterSegment = true;
    } else if (afterSegment) {
      if (character !== '.') throw new InvalidPath();
      index++;
      afterSegment = false;
      afterDot = true;
    } else if (character === '"') {
      let name = '';
      index++;
      while (index < path.length && path[index] !== '"') {
        if (path[index] === '\\' && (path[index + 1] === '"' || path[index + 1] === '\\')) index++;
        name += path[index];
        index++;
      }
      if (index >= path.length) throw new InvalidPath();
      index++;
      segments.push({ field: name });
      afterSegment = true;
      afterDot = false;
    } else {
      const match = /^[A-Za-z0-9_@-]+/.exec(path.slice(index));
      if (match === null) throw new InvalidPath();
      segments.push({ field: match[0] });
      index += match[0].length;
      afterSegment = true;
      afterDot = false;
    }
  }
  if (afterDot) throw new InvalidPath();
  return segments;
}

function lookup(field: Field): Segment[] {
  return field.kind === 'tag' ? [{ field: 'tags' }] : parsePath(field.name);
}

function stringValue(value: Value): string {
  return typeof value === 'string' ? lossyText(value) : displayValue(value);
}

/** `regex::escape`: Rust's regex meta characters escaped. */
function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, (character) => `\\${character}`);
}

function wordRegex(text: string): VrlRegex {
  return VrlRegex.compile(`\\b${escapeRegex(text).replaceAll('\\*', '.*')}\\b`);
}

function wildcardRegex(text: string): VrlRegex {
  return VrlRegex.compile(`^${escapeRegex(text).replaceAll('\\*', '.*')}$`);
}

function resolve(path: Segment[], matcher: Matcher): Matcher {
  return (object) => {
    const found = getPath(object, path);
    return found !== undefined && matcher(found);
  };
}

function compare<T>(left: T, right: T, comparator: Comparison, order: (a: T, b: T) => number): boolean {
  const difference = order(left, right);
  switch (comparator) {
    case 'lt':
      return difference < 0;
    case 'lte':
      return difference <= 0;
    case 'gt':
      return difference > 0;
    default:
      return difference >= 0;
  }
}

const numberOrder = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN);
const bigintOrder = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function comparisonText(value: ComparisonValue): string {
  switch (value.type) {
    case 'unbounded':
      return '*';
    case 'float':
      return displayValue(value.value);
    default:
      return String(value.value);
  }
}

function isArrayOf(value: Value, test: (item: Value) => boolean): boolean {
  return Array.isArray(value) && value.some(test);
}

function exists(field: Field): Matcher {
  const path = lookup(field);
  if (field.kind === 'tag') {
    const prefix = `${field.name}:`;
    return resolve(path, (value) =>
      isArrayOf(value, (item) => stringValue(item) === field.name || stringValue(item).startsWith(prefix)),
    );
  }
  // VRL compares each tag with the whole array here (so it is nearly always false).
  if (field.kind === 'reserved' && field.name === 'tags')
    return resolve(path, (value) => isArrayOf(value, (item) => valuesEqual(item, value)));
  return resolve(path, () => true);
}

function equals(field: Field, text: string): Matcher {
  const path = lookup(field);
  if (field.kind === 'default') {
    const regex = wordRegex(text);
    return resolve(path, (value) => typeof value === 'string' && regex.test(lossyText(value)));
  }
  if (field.kind === 'reserved' && field.name === 'tags')
    return resolve(path, (value) => isArrayOf(value, (item) => item === text));
  if (field.kind === 'tag') {
    const tag = `${field.name}:${text}`;
    return resolve(path, (value) => isArrayOf(value, (item) => item === tag));
  }
  return resolve(path, (value) => stringValue(value) === text);
}

function prefix(field: Field, text: string): Matcher {
  const path = lookup(field);
  if (field.kind === 'default') {
    const regex = wordRegex(`${text}*`);
    return resolve(path, (value) => regex.test(stringValue(value)));
  }
  if (field.kind === 'tag') {
    const start = `${field.name}:${text}`;
    return resolve(path, (value) => isArrayOf(value, (item) => stringValue(item).startsWith(start)));
  }
  return resolve(path, (value) => stringValue(value).startsWith(text));
}

function wildcard(field: Field, pattern: string): Matcher {
  const path = lookup(field);
  if (field.kind === 'default') {
    const regex = wordRegex(pattern);
    return resolve(path, (value) => regex.test(stringValue(value)));
  }
  if (field.kind === 'tag') {
    const regex = wildcardRegex(`${field.name}:${pattern}`);
    return resolve(path, (value) => isArrayOf(value, (item) => regex.test(stringValue(item))));
  }
  const regex = wildcardRegex(pattern);
  return resolve(path, (value) => regex.test(stringValue(value)));
}

function comparison(field: Field, comparator: Comparison, target: ComparisonValue): Matcher {
  const path = lookup(field);
  const rhs = comparisonText(target);
  const asText = (value: Value): boolean => compare(stringValue(value), rhs, comparator, compareStrings);
  if (field.kind === 'attribute') {
    return resolve(path, (value) => {
      const tag = tagOf(value);
      if (tag === Tag.Integer && target.type === 'integer') {
        return compare(BigInt(value as number | bigint), target.value, comparator, bigintOrder);
      }
      if (
        (tag === Tag.Integer || tag === Tag.Float) &&
        (target.type === 'integer' || target.type === 'float')
      ) {
        return compare(numberOfValue(value), Number(target.value), comparator, numberOrder);
      }
      return asText(value);
    });
  }
  if (field.kind === 'tag') {
    return resolve(path, (value) =>
      isArrayOf(value, (item) => {
        const text = stringValue(item);
        const colon = text.indexOf(':');
        return colon >= 0 && compare(text.slice(colon + 1), rhs, comparator, compareStrings);
      }),
    );
  }
  return resolve(path, asText);
}

function range(field: Field, node: Extract<QueryNode, { type: 'range' }>): Matcher {
  const { lower, upper, lowerInclusive, upperInclusive } = node;
  if (lower.type === 'unbounded' && upper.type === 'unbounded') return exists(field);
  if (lower.type === 'unbounded') return comparison(field, upperInclusive ? 'lte' : 'lt', upper);
  if (upper.type === 'unbounded') return comparison(field, lowerInclusive ? 'gte' : 'gt', lower);
  const low = comparison(field, lowerInclusive ? 'gte' : 'gt', lower);
  const high = comparison(field, upperInclusive ? 'lte' : 'lt', upper);
  return (value) => low(value) && high(value);
}

function any(matchers: Matcher[]): Matcher {
  return (value) => matchers.some((matcher) => matcher(value));
}

function buildMatcher(node: QueryNode): Matcher {
  switch (node.type) {
    case 'all':
      return () => true;
    case 'none':
      return () => false;
    case 'exists':
      return any(normalizeFields(node.attr).map(exists));
    case 'missing': {
      const matchers = normalizeFields(node.attr).map(exists);
      return (value) => matchers.every((matcher) => !matcher(value));
    }
    case 'term':
      return any(normalizeFields(node.attr).map((field) => equals(field, node.value)));
    case 'phrase':
      return any(normalizeFields(node.attr).map((field) => equals(field, node.phrase)));
    case 'prefix':
      return any(normalizeFields(node.attr).map((field) => prefix(field, node.prefix)));
    case 'wildcard':
      return any(normalizeFields(node.attr).map((field) => wildcard(field, node.wildcard)));
    case 'comparison':
      return any(normalizeFields(node.attr).map((field) => comparison(field, node.comparator, node.value)));
    case 'range':
      return any(normalizeFields(node.attr).map((field) => range(field, node)));
    case 'not': {
      const inner = buildMatcher(node.node);
      return (value) => !inner(value);
    }
    case 'and': {
      const matchers = node.nodes.map(buildMatcher);
      return (value) => matchers.every((matcher) => matcher(value));
    }
    default: {
      const matchers = node.nodes.map(buildMatcher);
      return any(matchers);
    }
  }
}

export const matchDatadogQuery = defineFunction({
  name: 'match_datadog_query',
  parameters: [required('value', kind.OBJECT), required('query', kind.BYTES)],
  compile(call) {
    const query = call.literal('query') as Value;
    let node: QueryNode;
    try {
      node = parseQuery(lossyText(query as string));
    } catch (error) {
      if (error instanceof QueryParseError) throw new FunctionCompileError(0, error.message, []);
      throw error;
    }
    let matcher: Matcher;
    try {
      matcher = buildMatcher(node);
    } catch (error) {
      if (error instanceof InvalidPath) throw call.invalidArgument('query', query, 'failed to build matcher');
      throw error;
    }
    const value = call.required('value').evaluate;
    return { run: (context) => matcher(value(context)), typeDef: TypeDef.boolean() };
  },
});
