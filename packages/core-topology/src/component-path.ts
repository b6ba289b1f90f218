import { ConfigError, ErrorCode, SluiceError } from '@sluice/component-api';
import { joinPath } from './config/plan-topology.js';

/**
 * What `create` made, or its error re-thrown with the component's path in the config
 * (`sinks.k.buffer[1].max_size`) and the original error as its cause.
 */
export async function created<Instance>(
  path: string,
  create: () => Instance | Promise<Instance>,
): Promise<Instance> {
  try {
    return await create();
  } catch (error) {
    throw withComponentPath(path, error);
  }
}

export function withComponentPath(path: string, error: unknown): SluiceError {
  if (SluiceError.isInstance(error)) {
    const problems = (error as Partial<ConfigError>).problems;
    if (problems !== undefined)
      return new ConfigError(
        problems.map((problem) => ({ ...problem, path: joinPath(path, problem.path) })),
        error.code,
        { cause: error },
      );
    return new SluiceError(error.code, `${path}: ${error.message}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SluiceError(ErrorCode.componentCreate, `${path}: ${message}`, { cause: error });
}
