const MARKER = Symbol.for('@sluice/component-api.error');

/** Stable error codes. Components may define their own, prefixed `SLUICE_ERR_`. */
export const ErrorCode = {
  configInvalid: 'SLUICE_ERR_CONFIG_INVALID',
  configParse: 'SLUICE_ERR_CONFIG_PARSE',
  environmentVariable: 'SLUICE_ERR_ENV_VAR',
  unknownComponentType: 'SLUICE_ERR_UNKNOWN_TYPE',
  duplicateComponentType: 'SLUICE_ERR_DUPLICATE_TYPE',
  pluginIncompatible: 'SLUICE_ERR_PLUGIN_INCOMPATIBLE',
  pluginLoad: 'SLUICE_ERR_PLUGIN_LOAD',
  topologyInvalid: 'SLUICE_ERR_TOPOLOGY_INVALID',
  healthcheckFailed: 'SLUICE_ERR_HEALTHCHECK_FAILED',
  bufferLocked: 'SLUICE_ERR_BUFFER_LOCKED',
  bufferCorrupt: 'SLUICE_ERR_BUFFER_CORRUPT',
  bufferIo: 'SLUICE_ERR_BUFFER_IO',
  bufferCapacity: 'SLUICE_ERR_BUFFER_CAPACITY',
  shutdownTimeout: 'SLUICE_ERR_SHUTDOWN_TIMEOUT',
} as const;

export type KnownErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The base of every error Sluice throws on purpose. `isInstance` works across copies of this
 * package (a plugin may bundle its own), through a registered symbol rather than `instanceof`.
 */
export class SluiceError extends Error {
  readonly code: string;
  readonly [MARKER] = true;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SluiceError';
    this.code = code;
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

  constructor(problems: readonly ConfigProblem[], code: string = ErrorCode.configInvalid) {
    super(code, problems.map(formatConfigProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
