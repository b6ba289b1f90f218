import { readFile, stat } from 'node:fs/promises';
import { basename, extname, relative, resolve } from 'node:path';
import { ConfigError, type ConfigProblem, ErrorCode, FloatValue, floatValue } from '@sluice/component-api';
import { jsonNeedsExactNumbers, parseJsonExact } from '@sluice/encoding';
import { parse as parseToml, TomlError } from 'smol-toml';
import { glob } from 'tinyglobby';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import {
  type ConfigFileRef,
  configDirectoryFiles,
  mergeValues,
  type Namespace,
  nest,
} from './config-dirs.js';
import { interpolateText, interpolationEnvironment } from './interpolate.js';
import {
  fetchSecrets,
  type SecretBackendDefinition,
  secretReferences,
  substituteSecrets,
} from './secrets.js';
/** Limits that keep a hostile or broken file to one message and bounded memory; real configs are far smaller. */
export const MAX_CONFIG_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_CONFIG_DEPTH = 32;
export const MAX_CONFIG_VALUES = 100_000;
/** Every value of TOML, YAML and JSON ends at a newline or a comma: twice the values' cap, with room for comments. */
export const MAX_CONFIG_SEPARATORS = 2 * MAX_CONFIG_VALUES;

function separatorCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 44) count++;
  }
  return count;
}
/** Tables merged by id across files (an id in two files is an error naming both). */
const SECTIONS = ['sources', 'transforms', 'sinks', 'enrichment_tables', 'secret'] as const;

export interface LoadedConfig {
  /** The merged config object, ready for `planTopology`. */
  config: Record<string, unknown>;
  /** The file a dotted path came from (by its top-level key or component). */
  locate: (path: string) => string | undefined;
  files: string[];
  /** The directories whose every config file counts (`--config-dir` and its namespaces), for `--watch-config`. */
  directories: string[];
  /** The values of the secrets the config references: never printed (see `redactSecrets`). */
  secretValues: string[];
}

export interface LoadOptions {
  configs: readonly string[];
  configDirectories?: readonly string[];
  interpolate: boolean;
  environment: NodeJS.ProcessEnv;
  /** Base for relative paths and for displaying file names. */
  cwd: string;
  /** Warnings about what was read. */
  warn?: (message: string) => void;
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

/**
 * Expands `--config` values (repeated, comma-separated, globs), then reads each `--config-dir` as
 * Vector does (see `configDirectoryFiles`). Also returns the directories read.
 */
export async function resolveConfigFiles(
  options: LoadOptions,
): Promise<{ files: ConfigFileRef[]; directories: string[] }> {
  const files: ConfigFileRef[] = [];
  const directories: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const entry of options.configs.flatMap(splitList)) {
    const pattern = entry.trim();
    if (pattern === '') continue;
    if (/[*?[{]/.test(pattern)) {
      const matches = await glob(pattern, { cwd: options.cwd, absolute: true });
      if (matches.length === 0)
        problems.push({ file: pattern, path: '', message: 'no config file matches this pattern' });
      files.push(...matches.sort().map((path) => ({ path })));
    } else {
      files.push({ path: resolve(options.cwd, pattern) });
    }
  }
  for (const directory of options.configDirectories ?? []) {
    try {
      const found = await configDirectoryFiles(resolve(options.cwd, directory));
      files.push(...found.files);
      directories.push(...found.directories);
    } catch (error) {
      problems.push({
        file: directory,
        path: '',
        message: `cannot read config directory: ${(error as Error).message}`,
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (files.length === 0) {
    throw new ConfigError([
      {
        file: undefined,
        path: '',
        message: 'no config given: use --config FILE, --config-dir DIR or SLUICE_CONFIG',
      },
    ]);
  }
  const seen = new Set<string>();
  return { files: files.filter((file) => !seen.has(file.path) && seen.add(file.path)), directories };
}

/** The config file paths `resolveConfigFiles` finds. */
export async function resolveConfigPaths(options: LoadOptions): Promise<string[]> {
  return (await resolveConfigFiles(options)).files.map((file) => file.path);
}

/**
 * Parses one file by its extension (unknown extensions are TOML, as in Vector). Numbers are read
 * as Vector reads them: a whole float stays a float (`FloatValue`), an integer beyond 2^53 − 1
 * stays exact (`bigint`, up to i64; beyond, a float as in Vector). Options get plain numbers at
 * validation; event values (`add_fields`) keep these.
 */
export function parseConfigText(text: string, file: string): unknown {
  const extension = extname(file).toLowerCase();
  try {
    if (extension === '.json') {
      // JSON.parse first: its errors are the ones users know; then exact numbers where needed.
      const parsed: unknown = JSON.parse(text);
      return jsonNeedsExactNumbers(text) ? parseJsonExact(text, { unsignedBeyondI64: 'float' }) : parsed;
    }
    // Every integer comes back as a BigInt, so every number left is a float.
    if (extension === '.yaml' || extension === '.yml')
      return exactNumbers(parseYaml(text, { intAsBigInt: true }) ?? {});
    return exactNumbers(parseToml(text, { integersAsBigInt: true }));
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
    if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof FloatValue)
      continue;
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

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/**
 * Numbers of a TOML or YAML tree parsed with every integer a BigInt: integers within 2^53 become
 * numbers, those up to i64 stay BigInt, larger ones are floats (as Vector's config reads them);
 * every number (a float) that is whole becomes a `FloatValue`. In place; returns the tree.
 */
export function exactNumbers(parsed: unknown): unknown {
  const convert = (value: unknown): unknown => {
    if (typeof value === 'bigint') {
      if (value >= I64_MIN && value <= I64_MAX)
        return Number.isSafeInteger(Number(value)) ? Number(value) : value;
      return Number(value);
    }
    if (typeof value === 'number') return floatValue(value);
    if (value === null || typeof value !== 'object' || value instanceof Date) return value;
    const container = value as Record<string | number, unknown>;
    for (const key of Object.keys(container)) container[key] = convert(container[key]);
    return value;
  };
  return convert(parsed);
}

/** Whether two parsed values are the same (a bigint and a float marker compared as written). */
function sameValue(left: unknown, right: unknown): boolean {
  const written = (value: unknown) =>
    JSON.stringify(value, function (this: Record<string, unknown>, key, converted) {
      const original = this[key];
      if (typeof original === 'bigint') return `${original}n`;
      if (original instanceof FloatValue) return `${original.value}.0`;
      return converted;
    });
  return written(left) === written(right);
}

/** A path for a message: bounded, whatever the input. */
function shortPath(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * Vector's secrets: the backends of every file's `secret` table, each referenced secret fetched and put in place of its reference in the string
 * values. Returns the secrets' values, or undefined when any could not be fetched (the config is
 * refused whole: never partly applied).
 */
async function resolveSecrets(
  units: ReadonlyArray<{ shown: string; parsed: Record<string, unknown> }>,
  options: LoadOptions,
  problems: ConfigProblem[],
): Promise<string[] | undefined> {
  // An id in two files is refused when the files are merged; the first one is used here.
  const backends = new Map<string, SecretBackendDefinition>();
  for (const { shown, parsed } of units) {
    const table = parsed.secret;
    if (table === null || typeof table !== 'object' || Array.isArray(table)) continue;
    for (const [id, backend] of Object.entries(table))
      if (!backends.has(id)) backends.set(id, { file: shown, options: backend });
  }
  const references = secretReferences(units.map((unit) => unit.parsed));
  if (backends.size === 0 && references.size === 0) return [];
  const fetched = await fetchSecrets(backends, references, {
    cwd: options.cwd,
    warn: (message) => options.warn?.(message),
  });
  problems.push(...fetched.problems);
  if (fetched.problems.length > 0) return undefined;
  for (const unit of units) substituteSecrets(unit.parsed, fetched.secrets);
  return [...fetched.secrets.values()];
}

/**
 * Reads, interpolates (when given the environment) and parses one config file, within the limits
 * that keep a hostile or broken file to one message and bounded memory. Its problems are added to
 * `problems`; undefined when it cannot be used.
 */
async function readConfigFile(
  file: string,
  shown: string,
  environment: NodeJS.ProcessEnv | undefined,
  problems: ConfigProblem[],
): Promise<Record<string, unknown> | undefined> {
  const problem = (message: string, path = '') => {
    problems.push({ file: shown, path, message });
    return undefined;
  };
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_CONFIG_FILE_BYTES)
      return problem(`is ${size} bytes; a config file may be at most ${MAX_CONFIG_FILE_BYTES} bytes`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    return problem(`cannot read: ${(error as Error).message}`);
  }
  if (environment !== undefined) {
    // On the raw text, as Vector: `[${LIST}]` in YAML flow syntax is a list of the variable's items.
    const interpolated = interpolateText(text, environment, MAX_CONFIG_FILE_BYTES);
    for (const found of interpolated.problems) problem(`line ${found.line}: ${found.message}`);
    if (interpolated.problems.length > 0) return undefined;
    text = interpolated.text;
  }
  // Checked before parsing: a parser's tree of a huge flat file can outgrow the heap by itself.
  if (separatorCount(text) > MAX_CONFIG_SEPARATORS)
    return problem(
      `has more than ${MAX_CONFIG_SEPARATORS} lines and list items; a config file has far fewer`,
    );
  let parsed: unknown;
  try {
    parsed = parseConfigText(text, shown);
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else throw error;
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return problem('a config file must hold a table/object at the top');
  const structure = checkStructure(parsed);
  if (structure !== undefined) return problem(structure.message, shortPath(structure.path));
  return parsed as Record<string, unknown>;
}

/**
 * Loads, parses, interpolates and merges config files. A component id defined in two files, or a
 * global option set differently in two files, is an error naming both files.
 */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const { loaded, problems } = await collectConfig(options);
  if (problems.length > 0) throw new ConfigError(problems);
  return loaded;
}

/**
 * As `loadConfig`, but returns the problems found with the merged config, so the caller can report
 * them together with the problems of the config itself (every problem in one run). `complete` is
 * false when a file could not be read or parsed: then the merged config lacks that file, and
 * checking it would only add misleading problems.
 */
export async function collectConfig(
  options: LoadOptions,
): Promise<{ loaded: LoadedConfig; problems: ConfigProblem[]; complete: boolean }> {
  let complete = true;
  const { files, directories } = await resolveConfigFiles(options);
  const environment = interpolationEnvironment(options.environment);
  const merged: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  const showName = (file: string) => relative(options.cwd, file) || basename(file);
  // Each whole file, then each component of a namespaced directory assembled from its files.
  const units: Array<{ shown: string; parsed: Record<string, unknown> }> = [];
  const components = new Map<string, { shown: string; section: Namespace; id: string; value: unknown }>();
  for (const file of files) {
    const shown = showName(file.path);
    const parsed = await readConfigFile(
      file.path,
      shown,
      options.interpolate ? environment : undefined,
      problems,
    );
    if (parsed === undefined) {
      complete = false;
      continue;
    }
    if (file.component === undefined) {
      units.push({ shown, parsed });
      continue;
    }
    const { section, id, key } = file.component;
    const component = components.get(`${section}.${id}`);
    if (component === undefined) {
      components.set(`${section}.${id}`, { shown, section, id, value: nest(key, parsed) });
      continue;
    }
    // The component's own file names it in messages, rather than a file of its sub-directory.
    if (key.length === 0) component.shown = shown;
    try {
      component.value = mergeValues(component.value, nest(key, parsed), `${section}.${id}`);
    } catch (error) {
      problems.push({ file: shown, path: '', message: (error as Error).message });
      complete = false;
    }
  }
  for (const { shown, section, id, value } of components.values())
    units.push({ shown, parsed: section === 'tests' ? { tests: [value] } : { [section]: { [id]: value } } });
  const secretValues: string[] = [];
  if (complete) {
    const secrets = await resolveSecrets(units, options, problems);
    if (secrets === undefined) complete = false;
    else secretValues.push(...secrets);
  }
  for (const { shown, parsed } of units) {
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
      } else if (key === 'tests' && Array.isArray(value) && Array.isArray(merged.tests)) {
        // Vector keeps the tests of every file (tests often live in a file of their own); a name twice is an error.
        const names = new Set(merged.tests.map((test) => (test as { name?: unknown } | null)?.name));
        for (const test of value) {
          const name = (test as { name?: unknown } | null)?.name;
          if (typeof name === 'string' && names.has(name))
            problems.push({ file: shown, path: 'tests', message: `duplicate test name found: ${name}` });
        }
        merged.tests = [...merged.tests, ...value];
      } else {
        const previous = origins.get(key);
        if (previous !== undefined && !sameValue(merged[key], value)) {
          problems.push({ file: shown, path: key, message: `is already set differently in ${previous}` });
          continue;
        }
        origins.set(key, shown);
        merged[key] = value;
      }
    }
  }
  const onlyFile = files.length === 1 ? showName((files[0] as ConfigFileRef).path) : undefined;
  const loaded: LoadedConfig = {
    config: merged,
    files: files.map((file) => file.path),
    directories,
    secretValues,
    locate: (path) => {
      const [first, second] = path.split('.');
      return origins.get(`${first}.${second}`) ?? origins.get(first ?? '') ?? onlyFile;
    },
  };
  return { loaded, problems, complete };
}
