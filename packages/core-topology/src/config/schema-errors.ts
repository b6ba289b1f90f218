import type { ErrorObject } from 'ajv';
import { didYouMean } from './suggest.js';

/** A dotted path (`sinks.out.batch.max_events`) from a base path and an ajv instancePath (`/batch/max_events`). */
export function joinPath(base: string, instancePath: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  return [base, ...parts].filter((part) => part !== '').join('.');
}

/** A value quoted in a message: scalars only (a table or list may hold secrets deep inside). */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a table';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type SchemaNode = Record<string, unknown>;

function isSchema(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A field marked secret (`writeOnly: true`, as JSON Schema has it): its value is never printed. */
function isSecret(schema: SchemaNode): boolean {
  return schema.writeOnly === true;
}

/** Whether a schema is secret or holds a secret field anywhere below (then no value of it is printed). */
export function holdsSecret(schema: unknown): boolean {
  if (!isSchema(schema)) return false;
  if (isSecret(schema)) return true;
  const children: unknown[] = [schema.items, schema.additionalProperties];
  if (isSchema(schema.properties)) children.push(...Object.values(schema.properties));
  for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(schema[keyword])) children.push(...(schema[keyword] as unknown[]));
  }
  return children.some(holdsSecret);
}

/** The schemas a value at `parts` may be checked against (every branch of oneOf/anyOf/allOf). */
function schemasAt(root: unknown, parts: readonly string[]): SchemaNode[] {
  const expand = (schema: unknown): SchemaNode[] => {
    if (!isSchema(schema)) return [];
    const branches = (['oneOf', 'anyOf', 'allOf'] as const).flatMap((keyword) =>
      Array.isArray(schema[keyword]) ? (schema[keyword] as unknown[]).flatMap(expand) : [],
    );
    return [schema, ...branches];
  };
  let current = expand(root);
  const seen: SchemaNode[] = [...current];
  for (const part of parts) {
    current = current.flatMap((schema) => {
      const property = isSchema(schema.properties) ? schema.properties[part] : undefined;
      return expand(property ?? (/^\d+$/.test(part) ? schema.items : schema.additionalProperties));
    });
    seen.push(...current);
  }
  return seen;
}

/**
 * Whether the value at `instancePath` may be or hold a secret: a field marked secret on the way
 * to it (even when the value has the wrong type), or one below it.
 */
function isSecretPath(root: unknown, instancePath: string, parentSchema: unknown): boolean {
  if (holdsSecret(parentSchema)) return true;
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  const along = schemasAt(root, parts);
  return along.some(isSecret) || along.slice(-1).some(holdsSecret);
}

/** Whether an ajv instance path is `ancestor` or inside it (`/a/b` is below `/a`, `/ab` is not). */
function isAtOrBelow(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
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
  /** The schema validated against: fields it marks secret are never quoted. */
  schema?: unknown,
  /** A better message for an unknown field (one Vector has, say), by its ajv instance path. */
  explainUnknown?: (field: string, instancePath: string) => string | undefined,
): Array<{ path: string; message: string }> {
  const got = (error: ErrorObject) =>
    isSecretPath(schema, error.instancePath, error.parentSchema)
      ? 'a secret, not shown'
      : describeValue(valueAt(data, error.instancePath));
  const problems: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  const branchTypeErrors = new Map<string, string[]>();
  // A branch of a oneOf/anyOf whose type the value does not have (a table given to `healthcheck`'s
  // boolean form): every other error of that branch is noise, as is the oneOf error itself when
  // the branch of the value's type found something wrong inside it.
  const wrongTypeBranches: Array<{ schemaPath: string; instancePath: string }> = [];
  for (const error of errors) {
    const branch = /^(.*\/(?:oneOf|anyOf)\/\d+)\/type$/.exec(error.schemaPath);
    if (error.keyword === 'type' && branch !== null) {
      const list = branchTypeErrors.get(error.instancePath) ?? [];
      list.push(String((error.params as { type: string }).type));
      branchTypeErrors.set(error.instancePath, list);
      wrongTypeBranches.push({ schemaPath: `${branch[1]}/`, instancePath: error.instancePath });
    }
  }
  const inWrongTypeBranch = (error: ErrorObject) =>
    wrongTypeBranches.some(
      (branch) =>
        error.schemaPath.startsWith(branch.schemaPath) &&
        isAtOrBelow(error.instancePath, branch.instancePath),
    );
  const relevant = errors.filter((error) => !inWrongTypeBranch(error));
  const specificPaths = relevant
    .filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf')
    .map((error) => error.instancePath);
  for (const error of relevant) {
    let path = joinPath(basePath, error.instancePath);
    let message: string;
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      if (specificPaths.some((specific) => isAtOrBelow(specific, error.instancePath))) continue;
      const types = branchTypeErrors.get(error.instancePath) ?? [];
      message = `must be ${types.length > 0 ? types.join(' or ') : 'one of the allowed forms'} (got ${got(error)})`;
    } else if (error.keyword === 'additionalProperties') {
      const field = String((error.params as { additionalProperty: string }).additionalProperty);
      path = joinPath(path, `/${field}`);
      const known = Object.keys(
        (error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {},
      );
      message =
        explainUnknown?.(field, error.instancePath) ?? `unknown field "${field}"${didYouMean(field, known)}`;
    } else if (error.keyword === 'required') {
      const field = String((error.params as { missingProperty: string }).missingProperty);
      path = joinPath(path, `/${field}`);
      message = 'is required';
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
        .map(describeValue)
        .join(', ');
      message = `must be one of ${allowed} (got ${got(error)})`;
    } else {
      message = `${error.message ?? 'is invalid'} (got ${got(error)})`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message });
  }
  return problems;
}
