import type { ErrorObject } from 'ajv';
import { closest } from 'fastest-levenshtein';

/** A dotted path (`sinks.out.batch.max_events`) from a base path and an ajv instancePath (`/batch/max_events`). */
export function joinPath(base: string, instancePath: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  return [base, ...parts].filter((part) => part !== '').join('.');
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(data: unknown, instancePath: string): unknown {
  let current = data;
  for (const part of instancePath.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return current;
}

/**
 * Turns ajv's errors into one human message per problem: unknown fields with the nearest known
 * name, the offending value quoted, and no "did not match any variant": when a value fails every
 * branch of a `oneOf`, the branches whose type did match explain why.
 */
export function describeSchemaErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  basePath: string,
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  const branchTypeErrors = new Map<string, string[]>();
  const pathsWithSpecificErrors = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'type' && /\/(oneOf|anyOf)\/\d+\/type$/.test(error.schemaPath)) {
      const list = branchTypeErrors.get(error.instancePath) ?? [];
      list.push(String((error.params as { type: string }).type));
      branchTypeErrors.set(error.instancePath, list);
      continue;
    }
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf')
      pathsWithSpecificErrors.add(error.instancePath);
  }
  for (const error of errors) {
    let path = joinPath(basePath, error.instancePath);
    let message: string;
    if (error.keyword === 'type' && /\/(oneOf|anyOf)\/\d+\/type$/.test(error.schemaPath)) continue;
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      if (pathsWithSpecificErrors.has(error.instancePath)) continue;
      const types = branchTypeErrors.get(error.instancePath) ?? [];
      message = `must be ${types.length > 0 ? types.join(' or ') : 'one of the allowed forms'} (got ${describeValue(valueAt(data, error.instancePath))})`;
    } else if (error.keyword === 'additionalProperties') {
      const field = String((error.params as { additionalProperty: string }).additionalProperty);
      path = joinPath(path, `/${field}`);
      const known = Object.keys(
        (error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {},
      );
      const suggestion = known.length > 0 ? `; did you mean "${closest(field, known)}"?` : '';
      message = `unknown field "${field}"${suggestion}`;
    } else if (error.keyword === 'required') {
      const field = String((error.params as { missingProperty: string }).missingProperty);
      path = joinPath(path, `/${field}`);
      message = 'is required';
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
        .map(describeValue)
        .join(', ');
      message = `must be one of ${allowed} (got ${describeValue(valueAt(data, error.instancePath))})`;
    } else {
      message = `${error.message ?? 'is invalid'} (got ${describeValue(valueAt(data, error.instancePath))})`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message });
  }
  return problems;
}
