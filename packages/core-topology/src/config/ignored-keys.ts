import type { JsonSchema } from '@sluice/component-api';
import { didYouMean } from './suggest.js';
import { isLenientTable } from './vector-reference.js';

type SchemaNode = Record<string, unknown>;

const isNode = (value: unknown): value is SchemaNode =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isTable = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

/** A schema and every branch of its oneOf/anyOf/allOf. */
function branches(schema: unknown): SchemaNode[] {
  if (!isNode(schema)) return [];
  const nested = (['oneOf', 'anyOf', 'allOf'] as const).flatMap((keyword) =>
    Array.isArray(schema[keyword]) ? (schema[keyword] as unknown[]).flatMap(branches) : [],
  );
  return [schema, ...nested];
}

export interface IgnoredKeysScope {
  /** `kind:type` of the component, '' for the global options. */
  component: string;
  /** The component's `mode`, when it has one (Vector's socket modes are different structs). */
  mode?: string;
  /** Keys to leave for the schema to refuse (at the options' top): a Vector option Sluice lacks. */
  keep?: (key: string, path: string) => boolean;
}

/**
 * Removes, in place, the keys Vector ignores (tables of VECTOR_LENIENT_TABLES, keys their schema
 * does not name), calling `warn(path, message)` once for each, so they are accepted with a warning
 * where Vector accepts them silently and refused everywhere else. `path` is the table's dotted path
 * inside the component's options; `where` prefixes the paths in messages.
 */
export function dropKeysVectorIgnores(
  value: unknown,
  schema: JsonSchema | undefined,
  scope: IgnoredKeysScope,
  path: string,
  where: string,
  warn: (path: string, message: string) => void,
): void {
  if (!isTable(value)) return;
  const nodes = branches(schema);
  const properties = nodes.flatMap((node) => (isNode(node.properties) ? [node.properties] : []));
  // A map (`request.headers`) names no properties: every key is its own.
  if (properties.length > 0 && isLenientTable(scope.component, path, scope.mode)) {
    const known = new Set(properties.flatMap((table) => Object.keys(table)));
    for (const key of Object.keys(value)) {
      const keyPath = path === '' ? key : `${path}.${key}`;
      if (known.has(key) || scope.keep?.(key, keyPath) === true) continue;
      delete value[key];
      warn(
        joinDotted(where, keyPath),
        `is ignored: not an option here (Vector ignores unknown keys in this table too)${didYouMean(key, known)}`,
      );
    }
  }
  for (const [key, child] of Object.entries(value)) {
    const childSchemas = properties.flatMap((table) => (isNode(table[key]) ? [table[key]] : []));
    if (childSchemas.length === 0) continue;
    const childPath = path === '' ? key : `${path}.${key}`;
    dropKeysVectorIgnores(child, { anyOf: childSchemas }, scope, childPath, where, warn);
  }
}

function joinDotted(base: string, path: string): string {
  return base === '' ? path : path === '' ? base : `${base}.${path}`;
}
