import type { Logger } from '@sluice/component-api';
import { MetricsRegistry, Topology } from '@sluice/core-topology';
import { EXIT_CONFIG, EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';
import { checkHealth, load } from './load.js';
import type { GlobalOptions } from './options.js';

export async function validate(
  options: GlobalOptions,
  commandOptions: { environment: boolean; healthchecks: boolean },
  io: Io,
  logger: Logger,
): Promise<number> {
  const { plan, checkEnvironment } = await load(options, io, logger);
  if (commandOptions.environment) {
    await checkEnvironment();
    const topology = await Topology.build(plan, { logger, metrics: new MetricsRegistry() });
    try {
      if (commandOptions.healthchecks && !(await checkHealth(topology, logger))) return EXIT_CONFIG;
    } finally {
      await topology.dispose();
    }
  }
  io.stdout(
    `√ config is valid (${plan.sources.size} sources, ${plan.transforms.size} transforms, ${plan.sinks.size} sinks)\n`,
  );
  return EXIT_OK;
}
