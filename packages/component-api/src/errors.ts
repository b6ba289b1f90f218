const MARKER = Symbol.for('@sluice/component-api.error');

/**
 * What kind of failure an error is; the CLI derives its exit code from this alone.
 * - `config`: the configuration is wrong (fix the file);
 * - `plugin`: a component package cannot be loaded or does not fit this version;
 * - `environment`: the config is fine but what it points at cannot be used now (a disk buffer or
 *   a data directory locked by another process, a buffer holding more than its `max_size`);
 * - `io`: reading or writing failed while running;
 * - `runtime`: a component failed to start or while running.
 */
export type ErrorCategory = 'config' | 'plugin' | 'environment' | 'io' | 'runtime';

/**
 * The error catalogue: every code Sluice throws, declared once with its category. A code that is
 * not here cannot be thrown (`SluiceError` takes only these), and a unit test keeps every code
 * here in use.
 */
export const errorCatalogue = {
  configInvalid: { code: 'SLUICE_ERR_CONFIG_INVALID', category: 'config' },
  configParse: { code: 'SLUICE_ERR_CONFIG_PARSE', category: 'config' },
  unknownComponentType: { code: 'SLUICE_ERR_UNKNOWN_TYPE', category: 'config' },
  duplicateComponentType: { code: 'SLUICE_ERR_DUPLICATE_TYPE', category: 'config' },
  topologyInvalid: { code: 'SLUICE_ERR_TOPOLOGY_INVALID', category: 'config' },
  pluginIncompatible: { code: 'SLUICE_ERR_PLUGIN_INCOMPATIBLE', category: 'plugin' },
  pluginLoad: { code: 'SLUICE_ERR_PLUGIN_LOAD', category: 'plugin' },
  directoryLocked: { code: 'SLUICE_ERR_DIRECTORY_LOCKED', category: 'environment' },
  bufferLocked: { code: 'SLUICE_ERR_BUFFER_LOCKED', category: 'environment' },
  bufferCapacity: { code: 'SLUICE_ERR_BUFFER_CAPACITY', category: 'environment' },
  bufferIo: { code: 'SLUICE_ERR_BUFFER_IO', category: 'io' },
  componentCreate: { code: 'SLUICE_ERR_COMPONENT_CREATE', category: 'runtime' },
  componentFailed: { code: 'SLUICE_ERR_COMPONENT_FAILED', category: 'runtime' },
} as const satisfies Record<string, { code: `SLUICE_ERR_${string}`; category: ErrorCategory }>;

type Catalogue = typeof errorCatalogue;

export type KnownErrorCode = Catalogue[keyof Catalogue]['code'];

/** The codes by name: `ErrorCode.configInvalid` is `'SLUICE_ERR_CONFIG_INVALID'`. */
export const ErrorCode = Object.freeze(
  Object.fromEntries(Object.entries(errorCatalogue).map(([name, entry]) => [name, entry.code])),
) as { readonly [Name in keyof Catalogue]: Catalogue[Name]['code'] };

const categories = new Map<string, ErrorCategory>(
  Object.values(errorCatalogue).map((entry) => [entry.code, entry.category]),
);

/** The category of a code; `undefined` for a string that is not in the catalogue. */
export function errorCategoryOf(code: string): ErrorCategory | undefined {
  return categories.get(code);
}

/**
 * The base of every error Sluice throws on purpose. `isInstance` works across copies of this
 * package (a plugin may bundle its own), through a registered symbol rather than `instanceof`.
 */
export class SluiceError extends Error {
  readonly code: KnownErrorCode;
  readonly [MARKER] = true;

  constructor(code: KnownErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SluiceError';
    this.code = code;
  }

  get category(): ErrorCategory {
    return errorCategoryOf(this.code) ?? 'runtime';
  }

  static isInstance(error: unknown): error is SluiceError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** One configuration problem: the file, the dotted path inside it, and what is wrong. */
export interface ConfigProblem {
  file: string | undefined;
  path: string;
  message: string;
}

export function formatConfigProblem(problem: ConfigProblem): string {
  const location = problem.path === '' ? '' : `${problem.path}: `;
  return `${problem.file === undefined ? '' : `${problem.file}: `}${location}${problem.message}`;
}

/** Every problem of a configuration at once, one line each. */
export class ConfigError extends SluiceError {
  readonly problems: readonly ConfigProblem[];

  constructor(
    problems: readonly ConfigProblem[],
    code: KnownErrorCode = ErrorCode.configInvalid,
    options?: { cause?: unknown },
  ) {
    super(code, problems.map(formatConfigProblem).join('\n'), options);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
