import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, relative, resolve } from 'node:path';
import { ConfigError, type ConfigProblem, ErrorCode } from '@sluice/component-api';
import { parse as parseToml, TomlError } from 'smol-toml';
import { glob } from 'tinyglobby';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { interpolateValues } from './interpolate.js';

const CONFIG_EXTENSIONS = new Set(['.toml', '.yaml', '.yml', '.json']);
/** Limits that keep a hostile or broken file to one message and bounded memory; real configs are far smaller. */
export const MAX_CONFIG_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_CONFIG_DEPTH = 32;
export const MAX_CONFIG_VALUES = 100_000;
const SECTIONS = ['sources', 'transforms', 'sinks'] as const;

export interface LoadedConfig {
  /** The merged config object, ready for `planTopology`. */
  config: Record<string, unknown>;
  /** The file a dotted path came from (by its top-level key or component). */
  locate: (path: string) => string | undefined;
  files: string[];
}

export interface LoadOptions {
  configs: readonly string[];
  configDirectories?: readonly string[];
  interpolate: boolean;
  environment: NodeJS.ProcessEnv;
  /** Base for relative paths and for displaying file names. */
  cwd: string;
}

/** Splits a comma-separated list, keeping commas inside glob braces (`*.{toml,yaml}`). */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of value) {
    if (character === '{') depth += 1;
    if (character === '}') depth = Math.max(0, depth - 1);
    if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts;
}

/** Expands `--config` values: repeated, comma-separated, globs; then every config file of each `--config-dir`. */
export async function resolveConfigPaths(options: LoadOptions): Promise<string[]> {
  const paths: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const entry of options.configs.flatMap(splitList)) {
    const pattern = entry.trim();
    if (pattern === '') continue;
    if (/[*?[{]/.test(pattern)) {
      const matches = await glob(pattern, { cwd: options.cwd, absolute: true });
      if (matches.length === 0)
        problems.push({ file: pattern, path: '', message: 'no config file matches this pattern' });
      paths.push(...matches.sort());
    } else {
      paths.push(resolve(options.cwd, pattern));
    }
  }
  for (const directory of options.configDirectories ?? []) {
    try {
      const entries = await readdir(resolve(options.cwd, directory));
      paths.push(
        ...entries
          .filter((name) => CONFIG_EXTENSIONS.has(extname(name)))
          .sort()
          .map((name) => resolve(options.cwd, directory, name)),
      );
    } catch (error) {
      problems.push({
        file: directory,
        path: '',
        message: `cannot read config directory: ${(error as Error).message}`,
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (paths.length === 0) {
    throw new ConfigError([
      {
        file: undefined,
        path: '',
        message: 'no config given: use --config FILE, --config-dir DIR or SLUICE_CONFIG',
      },
    ]);
  }
  return [...new Set(paths)];
}

/** Parses one file by its extension (unknown extensions are TOML, as in Vector). */
export function parseConfigText(text: string, file: string): unknown {
  const extension = extname(file).toLowerCase();
  try {
    if (extension === '.json') return JSON.parse(text);
    if (extension === '.yaml' || extension === '.yml') return parseYaml(text) ?? {};
    return parseToml(text);
  } catch (error) {
    let where = '';
    if (error instanceof TomlError) where = `line ${error.line}, column ${error.column}: `;
    else if (error instanceof YAMLParseError && error.linePos !== undefined) {
      where = `line ${error.linePos[0].line}, column ${error.linePos[0].col}: `;
    }
    let message = ((error as Error).message.split('\n')[0] ?? '').trim();
    if (error instanceof RangeError || message.includes('Maximum call stack size exceeded'))
      message = `nested too deeply (at most ${MAX_CONFIG_DEPTH} levels)`;
    if (extension === '.json') {
      // V8 quotes the text around the error, which may be a secret: give the line and column instead.
      const position = /at position (\d+)/.exec(message);
      if (position !== null) {
        const before = text.slice(0, Number(position[1]));
        const line = before.split('\n').length;
        where = `line ${line}, column ${before.length - before.lastIndexOf('\n')}: `;
      }
      message = message
        .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/, '')
        .replace(/ in JSON at position \d+.*$/, '');
    }
    throw new ConfigError(
      [{ file, path: '', message: `syntax error: ${where}${message}` }],
      ErrorCode.configParse,
    );
  }
}

function describeKind(value: object): string {
  if (value instanceof Uint8Array) return 'binary (YAML !!binary)';
  if (value instanceof Map) return 'mapping with non-string keys (YAML !!omap or !!pairs)';
  if (value instanceof Set) return 'set (YAML !!set)';
  return value.constructor?.name ?? 'unknown';
}

/**
 * Checks a parsed file before anything walks it recursively: only strings, numbers, booleans,
 * dates, lists and tables, at most MAX_CONFIG_DEPTH deep and MAX_CONFIG_VALUES in all. Iterative,
 * so no input can overflow the stack; stops at the first problem (one clear line).
 */
export function checkStructure(parsed: unknown): { path: string; message: string } | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: parsed, path: '', depth: 0 },
  ];
  let values = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    values += 1;
    if (values > MAX_CONFIG_VALUES)
      return { path, message: `holds more than ${MAX_CONFIG_VALUES} values; a config file has far fewer` };
    if (value === null || typeof value !== 'object' || value instanceof Date) continue;
    const prototype: unknown = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
      return {
        path,
        message: `a ${describeKind(value)} value is not supported; use a string, number, boolean, list or table`,
      };
    }
    if (depth >= MAX_CONFIG_DEPTH)
      return { path, message: `nested too deeply (at most ${MAX_CONFIG_DEPTH} levels)` };
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1)
        stack.push({ value: value[index], path: `${path}[${index}]`, depth: depth + 1 });
    } else {
      for (const [key, child] of Object.entries(value))
        stack.push({ value: child, path: path === '' ? key : `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}

/** A path for a message: bounded, whatever the input. */
function shortPath(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * Loads, parses, interpolates and merges config files. A component id defined in two files, or a
 * global option set differently in two files, is an error naming both files.
 */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const files = await resolveConfigPaths(options);
  const merged: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const file of files) {
    const shown = relative(options.cwd, file) || basename(file);
    let text: string;
    try {
      const { size } = await stat(file);
      if (size > MAX_CONFIG_FILE_BYTES) {
        problems.push({
          file: shown,
          path: '',
          message: `is ${size} bytes; a config file may be at most ${MAX_CONFIG_FILE_BYTES} bytes`,
        });
        continue;
      }
      text = await readFile(file, 'utf8');
    } catch (error) {
      problems.push({ file: shown, path: '', message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = parseConfigText(text, shown);
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      continue;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push({ file: shown, path: '', message: 'a config file must hold a table/object at the top' });
      continue;
    }
    const structure = checkStructure(parsed);
    if (structure !== undefined) {
      problems.push({ file: shown, path: shortPath(structure.path), message: structure.message });
      continue;
    }
    if (options.interpolate) {
      const found: Array<Omit<ConfigProblem, 'file'>> = [];
      interpolateValues(parsed, options.environment, '', found);
      problems.push(...found.map((problem) => ({ ...problem, file: shown })));
    }
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (
        (SECTIONS as readonly string[]).includes(key) &&
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value)
      ) {
        merged[key] ??= {};
        const section = merged[key] as Record<string, unknown>;
        for (const [id, component] of Object.entries(value as Record<string, unknown>)) {
          const path = `${key}.${id}`;
          const previous = origins.get(path);
          if (previous !== undefined) {
            problems.push({
              file: shown,
              path,
              message: `component "${id}" is already defined in ${previous}`,
            });
            continue;
          }
          origins.set(path, shown);
          section[id] = component;
        }
      } else {
        const previous = origins.get(key);
        if (previous !== undefined && JSON.stringify(merged[key]) !== JSON.stringify(value)) {
          problems.push({ file: shown, path: key, message: `is already set differently in ${previous}` });
          continue;
        }
        origins.set(key, shown);
        merged[key] = value;
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const onlyFile =
    files.length === 1
      ? relative(options.cwd, files[0] as string) || basename(files[0] as string)
      : undefined;
  return {
    config: merged,
    files,
    locate: (path) => {
      const [first, second] = path.split('.');
      return origins.get(`${first}.${second}`) ?? origins.get(first ?? '') ?? onlyFile;
    },
  };
}
