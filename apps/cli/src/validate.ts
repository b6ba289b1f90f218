import type { Logger } from '@sluice/component-api';
import { MetricsRegistry, Topology } from '@sluice/core-topology';
import { EXIT_CONFIG, EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';
import { checkHealth, load } from './load.js';
import type { GlobalOptions } from './options.js';

/** A logger that also keeps every warning (its children's too), for `--deny-warnings`. */
function keepingWarnings(logger: Logger, warnings: string[]): Logger {
  return {
    ...logger,
    warn: (message, fields) => {
      warnings.push(message);
      logger.warn(message, fields);
    },
    child: (bindings) => keepingWarnings(logger.child(bindings), warnings),
  };
}

/**
 * `sluice validate`: the config, then (unless `--no-environment`) the components built and their
 * healthchecks. With `--deny-warnings`, as Vector's, a warning fails it as an error would (78).
 */
export async function validate(
  options: GlobalOptions,
  commandOptions: { environment: boolean; healthchecks: boolean; denyWarnings?: boolean },
  io: Io,
  logger: Logger,
): Promise<number> {
  const warnings: string[] = [];
  const watched = keepingWarnings(logger, warnings);
  const { plan, checkEnvironment } = await load(options, io, watched);
  if (commandOptions.environment) {
    await checkEnvironment();
    const topology = await Topology.build(plan, { logger: watched, metrics: new MetricsRegistry() });
    try {
      if (commandOptions.healthchecks && !(await checkHealth(topology, watched))) return EXIT_CONFIG;
    } finally {
      await topology.dispose();
    }
    if (!commandOptions.healthchecks) watched.warn('healthchecks skipped (--skip-healthchecks)');
  }
  if (commandOptions.denyWarnings === true && warnings.length > 0) {
    io.stderr(
      `error: ${warnings.length} warning${warnings.length === 1 ? '' : 's'}, denied (--deny-warnings)\n`,
    );
    return EXIT_CONFIG;
  }
  io.stdout(
    `√ config is valid (${plan.sources.size} sources, ${plan.transforms.size} transforms, ${plan.sinks.size} sinks)\n`,
  );
  return EXIT_OK;
}
