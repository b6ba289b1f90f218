import { hostname } from 'node:os';

/**
 * Vector's syntax (src/config/vars.rs): `$$` is a `$`; `$NAME` and `${NAME}` where a name is
 * letters, digits, `_` and `.` (Java properties); `${NAME:-default}`, `${NAME-default}`,
 * `${NAME:?message}`, `${NAME?message}`. Anything else (`$ x`, `${}`, `${FOO x`) stays as written.
 */
const PATTERN = /\$\$|\$([\w.]+)|\$\{([\w.]+)(?:(:?-|:?\?)([^}]*))?\}/g;

/** The longest value one variable may bring in: a config value, never a file's worth. */
export const MAX_INTERPOLATED_VALUE_BYTES = 64 * 1024;

export interface InterpolationProblem {
  /** 1-based line of the reference in the text. */
  line: number;
  message: string;
}

/** The environment as Vector reads it: HOSTNAME is the host's name when the variable is not set. */
export function interpolationEnvironment(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return environment.HOSTNAME === undefined ? { ...environment, HOSTNAME: hostname() } : environment;
}

/**
 * Substitutes environment variables in a config file's raw text before it is parsed, as Vector
 * does (so `[${LIST}]` in YAML flow syntax works), with Vector's safety rules: a value holding a
 * newline (LF or CR) is refused, so no variable adds lines (keys, tables, comments); an unset
 * variable without a default is an error naming it. Beyond Vector, sizes are bounded: one value at
 * most `MAX_INTERPOLATED_VALUE_BYTES`, the whole text at most `maxTotalBytes` after substitution
 * (checked as it grows: a small file cannot make a huge one). Every problem is returned, each
 * with its line.
 */
export function interpolateText(
  text: string,
  environment: NodeJS.ProcessEnv,
  maxTotalBytes: number,
): { text: string; problems: InterpolationProblem[] } {
  const problems: InterpolationProblem[] = [];
  let total = Buffer.byteLength(text);
  let tooLarge = false;
  const lineAt = (offset: number) => {
    let line = 1;
    for (
      let index = text.indexOf('\n');
      index !== -1 && index < offset;
      index = text.indexOf('\n', index + 1)
    )
      line += 1;
    return line;
  };
  const result = text.replace(
    PATTERN,
    (
      match: string,
      bare: string | undefined,
      braced: string | undefined,
      operator: string | undefined,
      argument: string | undefined,
      offset: number,
    ) => {
      if (match === '$$') return '$';
      const name = (bare ?? braced) as string;
      const problem = (message: string) => {
        problems.push({ line: lineAt(offset), message });
        return '';
      };
      let value = environment[name];
      if (value !== undefined && /[\r\n]/.test(value))
        return problem(`environment variable ${name} contains a newline, which is refused`);
      if (value !== undefined && Buffer.byteLength(value) > MAX_INTERPOLATED_VALUE_BYTES)
        return problem(
          `environment variable ${name} is ${Buffer.byteLength(value)} bytes; a value may be at most ${MAX_INTERPOLATED_VALUE_BYTES} bytes`,
        );
      const empty = value === undefined || value === '';
      switch (operator) {
        case ':-':
          if (empty) value = argument ?? '';
          break;
        case '-':
          value ??= argument ?? '';
          break;
        case ':?':
          if (empty)
            return problem(
              `environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}: ${argument ?? ''}`.trimEnd(),
            );
          break;
        case '?':
          if (value === undefined)
            return problem(`environment variable ${name} is not set: ${argument ?? ''}`.trimEnd());
          break;
        default:
          if (value === undefined)
            return problem(
              `environment variable ${name} is not set (use \${${name}:-default} for a default)`,
            );
      }
      const replacement = value as string;
      total += Buffer.byteLength(replacement) - Buffer.byteLength(match);
      if (total > maxTotalBytes) {
        if (!tooLarge) {
          tooLarge = true;
          problem(
            `after substituting environment variables the file would be more than ${maxTotalBytes} bytes; a config file may be at most ${maxTotalBytes} bytes`,
          );
        }
        return '';
      }
      return replacement;
    },
  );
  return { text: result, problems };
}
