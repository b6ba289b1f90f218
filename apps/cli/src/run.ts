import type { Logger } from '@sluice/component-api';
import { MetricsRegistry, reloadTopology, Taps, Topology } from '@sluice/core-topology';
import { apiRoutes, componentsOf } from './api.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { type HttpServer, serveHttp, startMetricsServer } from './http-server.js';
import type { Io } from './io.js';
import { checkHealth, load } from './load.js';
import type { GlobalOptions } from './options.js';
import { version } from './version.js';

/**
 * Runs the pipeline. `logger` (rate-limited) goes to the components; `operator` (never rate-limited)
 * carries what the operator did or must act on: reloads and what they changed, signals, shutdown,
 * config errors, healthchecks.
 */
export async function run(
  options: GlobalOptions,
  io: Io,
  logger: Logger,
  operator: Logger = logger,
): Promise<number> {
  // Node's default for SIGHUP is to die at once, losing what memory buffers hold: until the
  // pipeline runs (and reloads on it), a SIGHUP is noted and ignored.
  const early = () => operator.warn('received SIGHUP before the pipeline started; ignored');
  io.signals.on('SIGHUP', early);
  try {
    return await runPipeline(options, io, { logger, operator }, () => io.signals.off('SIGHUP', early));
  } finally {
    io.signals.off('SIGHUP', early);
  }
}

/** The lines of a config problem or another error, for the log. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runPipeline(
  options: GlobalOptions,
  io: Io,
  { logger, operator }: { logger: Logger; operator: Logger },
  started: () => void,
): Promise<number> {
  const { plan, metricsAddress, api, files, directories, checkEnvironment } = await load(
    options,
    io,
    operator,
  );
  await checkEnvironment();
  const metrics = new MetricsRegistry();
  metrics.collectProcessMetrics({ version });
  // Shared by every topology across reloads, so a connected `sluice tap` goes on after a reload.
  const taps = new Taps();
  const topology = await Topology.build(plan, { logger, metrics, taps });
  const requireHealthy = options.requireHealthy ?? plan.healthchecks.requireHealthy;
  if (!(await checkHealth(topology, operator)) && requireHealthy) {
    await topology.dispose();
    operator.error('a required healthcheck failed; exiting (--require-healthy)');
    return EXIT_CONFIG;
  }
  const state = { shuttingDown: false, components: componentsOf(plan) };
  const servers: HttpServer[] = [];
  try {
    if (metricsAddress !== undefined) {
      servers.push(await startMetricsServer(metrics, metricsAddress));
      operator.info(`metrics on ${servers[0]?.url}/metrics`);
    }
    if (api.enabled) {
      const server = await serveHttp(api.address, apiRoutes(metrics, state, { taps, logger }), 'api');
      servers.push(server);
      operator.info(`API on ${server.url} (/health, /components, /metrics, /tap)`);
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    await topology.dispose();
    throw error;
  }

  // Reloads, one at a time: a valid new config is applied to the running topology, which keeps what
  // did not change running (see reloadTopology); an invalid one is logged and counted, and the
  // running topology goes on unchanged.
  const reloadMetrics = metrics.globalMetrics();
  const reloadsTotal = reloadMetrics.counter('config_reloads_total');
  const rejectsTotal = reloadMetrics.counter('config_reload_rejects_total');
  const retired: Array<Promise<void>> = [];
  let reloading: Promise<void> = Promise.resolve();
  let finished = false;
  const watching = new AbortController();
  let watcher: { update(files: readonly string[]): void } | undefined;
  const reloadOnce = async (reason: string) => {
    if (finished || state.shuttingDown) return;
    operator.info(`${reason}; reloading the config`);
    let next: Awaited<ReturnType<typeof load>>;
    try {
      next = await load(options, io, operator);
      await next.checkEnvironment();
    } catch (error) {
      rejectsTotal.increment();
      operator.error(`config reload rejected; the running pipeline goes on unchanged: ${errorText(error)}`);
      return;
    }
    watcher?.update(next.files);
    if (next.metricsAddress !== metricsAddress || JSON.stringify(next.api) !== JSON.stringify(api))
      operator.warn('[api] and metrics address changes take effect only after a restart');
    if (finished || state.shuttingDown) return;
    let result: Awaited<ReturnType<typeof reloadTopology>>;
    try {
      result = await reloadTopology(topology, next.plan);
    } catch (error) {
      rejectsTotal.increment();
      operator.error(`config reload rejected; the running pipeline goes on unchanged: ${errorText(error)}`);
      return;
    }
    state.components = componentsOf(next.plan);
    // What the reload kept runs on; what it replaced finishes in the background (a failing endpoint
    // can hold a replaced sink's in-flight requests for long).
    retired.push(
      result.retired.catch((error) => {
        operator.error(`a replaced component stopped with an error: ${errorText(error)}`);
      }),
    );
    const { diff } = result;
    reloadsTotal.increment();
    operator.info('config reloaded', {
      added: diff.added,
      removed: diff.removed,
      changed: diff.changed,
      buffers_kept: [...diff.reuseBuffersOf],
    });
    void checkHealth(topology, operator);
  };
  const reload = (reason: string) => {
    reloading = reloading.then(() => reloadOnce(reason));
  };
  const onHangUp = () => reload('received SIGHUP');
  io.signals.on('SIGHUP', onHangUp);
  started();
  if (options.watchConfig) {
    const { watchConfig } = await import('./watch-config.js');
    watcher = watchConfig({
      files,
      directories,
      onChange: () => reload('config files changed'),
      signal: watching.signal,
      warn: (message) => operator.warn(message),
      ...(options.watchConfigDelayMs === undefined ? {} : { delayMs: options.watchConfigDelayMs }),
    });
    operator.info('watching the config files for changes (--watch-config)');
  }

  let signalled = 0;
  const onSignal = (signal: string) => {
    signalled += 1;
    state.shuttingDown = true;
    if (signalled > 1) {
      const lost = topology.unfinishedEvents();
      operator.error(
        `received ${signal} again; exiting at once: ${lost.inMemoryBuffers} events in memory buffers and ${lost.inFlight} in flight are lost; ${lost.onDisk} stay in disk buffers`,
        {
          lost_in_memory_buffers: lost.inMemoryBuffers,
          lost_in_flight: lost.inFlight,
          kept_on_disk: lost.onDisk,
        },
      );
      io.exit(EXIT_FAILURE);
      return;
    }
    operator.info(`received ${signal}; shutting down gracefully (send it again to exit at once)`);
    const shutdown = { deadlineMs: options.gracefulShutdownLimitSecs * 1000 };
    // A reload under way finishes first (it stops at once when it sees the shutdown).
    void reloading.then(() => {
      return topology.shutdown({ ...shutdown, onProgress: (message) => operator.info(message) });
    });
  };
  io.signals.on('SIGINT', onSignal);
  io.signals.on('SIGTERM', onSignal);
  // SIGUSR1 never opens a debugger (bin.ts); here it says what the pipeline holds.
  const onUser1 = () => {
    const held = topology.unfinishedEvents();
    operator.info(
      `received SIGUSR1: ${held.inMemoryBuffers} events in memory buffers, ${held.inFlight} in flight, ${held.onDisk} in disk buffers`,
    );
  };
  io.signals.on('SIGUSR1', onUser1);
  operator.info('pipeline started', {
    sources: [...plan.sources.keys()],
    transforms: [...plan.transforms.keys()],
    sinks: [...plan.sinks.keys()],
  });
  try {
    // Reloads swap components inside this run: it ends once everything, old and new, has.
    const failure = await topology.run().then(
      () => undefined,
      (error: unknown) => error,
    );
    await reloading;
    finished = true;
    if (failure !== undefined) throw failure;
    await Promise.all(retired);
    const report = signalled > 0 ? await topology.shutdown() : { graceful: true, abandoned: [] };
    if (!report.graceful) {
      operator.error(`shutdown deadline passed; abandoned: ${report.abandoned.join(', ')}`);
      return EXIT_FAILURE;
    }
    operator.info('pipeline stopped');
    return EXIT_OK;
  } finally {
    watching.abort();
    io.signals.off('SIGHUP', onHangUp);
    io.signals.off('SIGINT', onSignal);
    io.signals.off('SIGTERM', onSignal);
    io.signals.off('SIGUSR1', onUser1);
    await Promise.all(servers.map((server) => server.close()));
  }
}
