import type { ConfigProblem } from '@sluice/component-api';

const PATTERN = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Substitutes environment variables in one string value: `$VAR`, `${VAR}`, `$$` (a literal `$`),
 * `${VAR:-default}` (unset or empty), `${VAR-default}` (unset), `${VAR:?message}`, `${VAR?message}`.
 * Returns the new text, or the problem (unset variable, value with a newline).
 */
export function interpolateString(
  text: string,
  environment: NodeJS.ProcessEnv,
): { value: string } | { error: string } {
  let error: string | undefined;
  const value = text.replace(
    PATTERN,
    (
      match,
      braced: string | undefined,
      operator: string | undefined,
      argument: string | undefined,
      bare: string | undefined,
    ) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare) as string;
      const current = environment[name];
      const unset = current === undefined;
      const empty = unset || current === '';
      let result: string | undefined = current;
      switch (operator) {
        case ':-':
          result = empty ? (argument ?? '') : current;
          break;
        case '-':
          result = unset ? (argument ?? '') : current;
          break;
        case ':?':
          if (empty)
            error ??=
              `environment variable ${name} is ${unset ? 'not set' : 'empty'}: ${argument ?? ''}`.trimEnd();
          break;
        case '?':
          if (unset) error ??= `environment variable ${name} is not set: ${argument ?? ''}`.trimEnd();
          break;
        default:
          if (unset)
            error ??= `environment variable ${name} is not set (use \${${name}:-default} for a default)`;
      }
      if (result !== undefined && /[\r\n]/.test(result)) {
        error ??= `the value of environment variable ${name} contains a newline, which is refused`;
      }
      return result ?? '';
    },
  );
  return error === undefined ? { value } : { error };
}

/**
 * Interpolates every string value of a parsed config, in place, never keys and never raw text: a
 * variable's value cannot add keys, tables or comments. Problems carry the value's dotted path.
 */
export function interpolateValues(
  value: unknown,
  environment: NodeJS.ProcessEnv,
  path: string,
  problems: Array<Omit<ConfigProblem, 'file'>>,
): unknown {
  if (typeof value === 'string') {
    const result = interpolateString(value, environment);
    if ('error' in result) {
      problems.push({ path, message: result.error });
      return value;
    }
    return result.value;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => interpolateValues(item, environment, `${path}[${index}]`, problems));
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      record[key] = interpolateValues(
        record[key],
        environment,
        path === '' ? key : `${path}.${key}`,
        problems,
      );
    }
  }
  return value;
}
