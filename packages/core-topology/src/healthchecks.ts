import type { HealthcheckResult, Sink } from '@sluice/component-api';

const DEFAULT_HEALTHCHECK_TIMEOUT_MS = 10_000;

export interface HealthReport {
  componentId: string;
  result: HealthcheckResult;
}

/** Runs each sink's healthcheck, bounded by a timeout; a check that throws reports unhealthy. */
export function runHealthchecks(
  sinks: ReadonlyArray<{ id: string; sink: Sink }>,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<HealthReport[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HEALTHCHECK_TIMEOUT_MS;
  const checks = sinks
    .filter((entry) => entry.sink.healthcheck !== undefined)
    .map(async (entry): Promise<HealthReport> => {
      const controller = new AbortController();
      const abort = () => controller.abort();
      options.signal?.addEventListener('abort', abort, { once: true });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<HealthcheckResult>((resolve) => {
        timer = setTimeout(() => {
          controller.abort();
          resolve({ status: 'unhealthy', message: `healthcheck timed out after ${timeoutMs} ms` });
        }, timeoutMs);
        timer.unref();
      });
      try {
        const result = await Promise.race([
          (entry.sink.healthcheck as NonNullable<Sink['healthcheck']>)(controller.signal),
          timedOut,
        ]);
        return { componentId: entry.id, result };
      } catch (error) {
        return {
          componentId: entry.id,
          result: { status: 'unhealthy', message: error instanceof Error ? error.message : String(error) },
        };
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', abort);
      }
    });
  return Promise.all(checks);
}
